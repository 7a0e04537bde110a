/**
 * "Attention Explorer: Show the Steps": the attention panel's steps view on the analysis shown, or,
 * when there is none, on the chapter's first example sentence (in an untitled document, selected,
 * so its tokens can be highlighted in the editor).
 */
import * as vscode from 'vscode';
import type { AttentionView } from '../common/attention/analysisView';
import { CHAPTER_EXAMPLE_SENTENCES } from '../common/chapter/examples';
import type { Command } from '../host/commandManager';
import type { AttentionPanelManager } from './attentionPanelManager';
import { ShowAttentionCommand, type ShowAttentionArgs } from './showAttentionCommand';

export class ShowStepsCommand implements Command {
  static readonly id = 'attentionExplorer.showSteps';
  readonly id = ShowStepsCommand.id;

  constructor(private readonly panels: AttentionPanelManager) {}

  async execute(): Promise<AttentionView | undefined> {
    if (this.panels.revealSteps()) return undefined;
    const sentence = CHAPTER_EXAMPLE_SENTENCES[0];
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `${sentence}\n` });
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 0, sentence.length);
    const args: ShowAttentionArgs = { tab: 'steps', truncate: true };
    return vscode.commands.executeCommand<AttentionView | undefined>(ShowAttentionCommand.id, args);
  }
}
