/** Entry point of the web extension host (vscode.dev, github.dev, VS Code for the Web). */
import * as vscode from 'vscode';
import { activateExtension, type AttentionExplorerApi } from './activate';
import { webWorkers } from './attention/webWorkers';

export function activate(context: vscode.ExtensionContext): AttentionExplorerApi {
  return activateExtension(context, webWorkers(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'attentionWorker.js').toString(true)));
}

export function deactivate(): void {}
