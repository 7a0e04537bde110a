/** Entry point of the web extension host (vscode.dev, github.dev, VS Code for the Web). */
import * as vscode from 'vscode';
import { activateExtension, type AttentionExplorerApi } from './activate';
import { WebWorkerRunner } from './attention/webWorkerRunner';

export function activate(context: vscode.ExtensionContext): AttentionExplorerApi {
  return activateExtension(context, new WebWorkerRunner(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'attentionWorker.js').toString(true)));
}

export function deactivate(): void {}
