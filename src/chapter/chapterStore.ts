/**
 * The bundled chapter, read once through workspace.fs (which works in the desktop and the web
 * extension host alike) and parsed into sections.
 */
import * as vscode from 'vscode';
import { parseChapter, type ChapterSection } from '../common/chapter/sections';
import type { NoteSection } from '../common/protocol/attentionPanel';

/** The chapter sections shown beside the heatmap, by title as the book has them. */
const ATTENTION_NOTE_TITLES = ['计算注意力的步骤', '变压器的矩阵 Q、K 和 V'];

export class ChapterStore {
  private loading?: Promise<{ markdown: string; sections: ChapterSection[] }>;

  constructor(readonly chapterUri: vscode.Uri) {}

  load(): Promise<{ markdown: string; sections: ChapterSection[] }> {
    this.loading ??= (async () => {
      const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.chapterUri));
      return { markdown, sections: parseChapter(markdown) };
    })();
    return this.loading;
  }

  async attentionNotes(): Promise<NoteSection[]> {
    const { sections } = await this.load();
    return ATTENTION_NOTE_TITLES.flatMap((title) => {
      const section = sections.find((s) => s.title === title);
      return section ? [{ id: section.id, title: section.title, markdown: section.body }] : [];
    });
  }
}
