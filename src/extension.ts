/** Entry point of the Node extension host (desktop VS Code, code-server). */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { activateExtension, type AttentionExplorerApi } from './activate';
import { nodeWorkers } from './attention/nodeWorkers';
import { nodeFileSink } from './models/download/nodeFileSink';

export function activate(context: vscode.ExtensionContext): AttentionExplorerApi {
  return activateExtension(context, nodeWorkers(vscode.Uri.joinPath(context.extensionUri, 'dist', 'attentionWorker.js').fsPath), {
    home: vscode.Uri.file(homedir()),
    env: process.env,
    fileSink: nodeFileSink,
  });
}

export function deactivate(): void {}
