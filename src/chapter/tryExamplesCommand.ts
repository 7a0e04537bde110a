/**
 * "Try it": the chapter's own example sentences in an untitled document (so no file is written),
 * all selected, analysed by Show Attention.
 */
import * as vscode from 'vscode';
import { ShowAttentionCommand } from '../attention/showAttentionCommand';
import type { AttentionView } from '../common/attention/analysisView';
import { CHAPTER_EXAMPLE_SENTENCES } from '../common/chapter/examples';
import type { Command } from '../host/commandManager';

export class TryExamplesCommand implements Command {
  static readonly id = 'attentionExplorer.tryChapterExamples';
  readonly id = TryExamplesCommand.id;

  async execute(): Promise<AttentionView | undefined> {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: CHAPTER_EXAMPLE_SENTENCES.join('\n') + '\n' });
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const last = document.lineAt(CHAPTER_EXAMPLE_SENTENCES.length - 1);
    editor.selection = new vscode.Selection(0, 0, last.lineNumber, last.text.length);
    return vscode.commands.executeCommand<AttentionView | undefined>(ShowAttentionCommand.id);
  }
}
