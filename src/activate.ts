/**
 * Wires the pure core to VS Code's commands and views; shared by the Node and the web extension
 * host, which differ only in how they run the engine off the main thread.
 */
import * as vscode from 'vscode';
import { ChapterStore } from './chapter/chapterStore';
import { ShowAttentionCommand } from './commands/showAttention';
import type { WebviewState } from './common/protocol';
import type { AnalysisRunner } from './compute/analysisRunner';
import { AttentionPanel } from './view/attentionPanel';

export function activateExtension(context: vscode.ExtensionContext, runner: AnalysisRunner): void {
  const chapter = new ChapterStore(vscode.Uri.joinPath(context.extensionUri, 'media', 'chapter.md'));
  const openSection = (sectionId: string) => vscode.commands.executeCommand('attentionExplorer.openChapterSection', sectionId);
  const panel = new AttentionPanel(context.extensionUri, runner, chapter, openSection);
  const showAttention = new ShowAttentionCommand(panel);

  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(ShowAttentionCommand.id, () => showAttention.execute()),
    vscode.window.registerWebviewPanelSerializer(AttentionPanel.viewType, {
      deserializeWebviewPanel: (webviewPanel, state: WebviewState | undefined) => panel.restore(webviewPanel, state),
    }),
  );
}
