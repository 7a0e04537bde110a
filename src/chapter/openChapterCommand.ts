/** "Attention Explorer: Open Chapter": the reader, at a section when one is given (from the tree or a hover link). */
import * as vscode from 'vscode';
import type { Command } from '../host/commandManager';
import type { ChapterReaderManager } from './chapterReaderManager';

export class OpenChapterCommand implements Command {
  static readonly id = 'attentionExplorer.openChapterSection';
  readonly id = OpenChapterCommand.id;

  constructor(private readonly readers: ChapterReaderManager) {}

  async execute(sectionId?: unknown): Promise<void> {
    await openReader(() => this.readers.open(typeof sectionId === 'string' ? sectionId : undefined));
  }
}

/** Opens the reader; a chapter that cannot be read is said, not thrown at the command palette. */
export async function openReader(open: () => Promise<void>): Promise<void> {
  try {
    await open();
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Attention Explorer: {0}', (error as Error).message));
  }
}
