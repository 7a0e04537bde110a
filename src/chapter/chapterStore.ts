/**
 * The bundled chapter, read through workspace.fs (which works in the desktop and the web
 * extension host alike) and parsed into sections once. A failed read is not kept: the next
 * caller tries again, and each caller reports the failure its own way.
 */
import * as vscode from 'vscode';
import { parseChapter, sectionById, type ChapterSection } from '../common/chapter/sections';
import { stepsGuide, type StepsGuide } from '../common/chapter/stepsGuide';
import type { NoteSection } from '../common/protocol/attentionPanel';

/** The chapter sections shown beside the heatmap, by title as the book has them. */
const ATTENTION_NOTE_TITLES = ['计算注意力的步骤', '变压器的矩阵 Q、K 和 V'];

export interface Chapter {
  readonly markdown: string;
  readonly sections: readonly ChapterSection[];
}

export class ChapterStore {
  private loading?: Promise<Chapter>;

  constructor(readonly chapterUri: vscode.Uri) {}

  load(): Promise<Chapter> {
    this.loading ??= this.read().catch((error: unknown) => {
      this.loading = undefined;
      throw new Error(vscode.l10n.t('The chapter could not be loaded from {0}: {1}', this.chapterUri.toString(true), (error as Error).message));
    });
    return this.loading;
  }

  async section(id: string): Promise<ChapterSection | undefined> {
    return sectionById((await this.load()).sections, id);
  }

  async attentionNotes(): Promise<NoteSection[]> {
    const { sections } = await this.load();
    return ATTENTION_NOTE_TITLES.flatMap((title) => {
      const section = sections.find((s) => s.title === title);
      return section ? [{ id: section.id, title: section.title, markdown: section.body }] : [];
    });
  }

  /** The first section whose own text contains `text`, as a note (Compare Contexts finds the chapter's paragraphs on 银行 so). */
  async sectionContaining(text: string): Promise<NoteSection | undefined> {
    const section = (await this.load()).sections.find((s) => s.body.includes(text));
    return section && { id: section.id, title: section.title, markdown: section.body };
  }

  async stepsGuide(): Promise<StepsGuide | undefined> {
    return stepsGuide((await this.load()).sections);
  }

  private async read(): Promise<Chapter> {
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.chapterUri));
    return { markdown, sections: parseChapter(markdown) };
  }
}
