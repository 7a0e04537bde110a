/** Entry point of the Node extension host (desktop VS Code, code-server). */
import * as vscode from 'vscode';
import { activateExtension, type AttentionExplorerApi } from './activate';
import { nodeWorkers } from './attention/nodeWorkers';

export function activate(context: vscode.ExtensionContext): AttentionExplorerApi {
  return activateExtension(context, nodeWorkers(vscode.Uri.joinPath(context.extensionUri, 'dist', 'attentionWorker.js').fsPath));
}

export function deactivate(): void {}
