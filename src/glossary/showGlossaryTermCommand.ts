/** A glossary entry's definition in the reader, at the section it comes from (the Glossary view's items run it). */
import { openReader } from '../chapter/openChapterCommand';
import type { ChapterReaderManager } from '../chapter/chapterReaderManager';
import type { GlossaryEntry } from '../common/glossary/glossaryEntry';
import type { Command } from '../host/commandManager';

export class ShowGlossaryTermCommand implements Command {
  static readonly id = 'attentionExplorer.showGlossaryTerm';
  readonly id = ShowGlossaryTermCommand.id;

  constructor(
    private readonly glossary: readonly GlossaryEntry[],
    private readonly readers: ChapterReaderManager,
  ) {}

  async execute(entryId?: unknown): Promise<void> {
    const entry = this.glossary.find((g) => g.id === entryId);
    await openReader(() => (entry ? this.readers.open(entry.sectionId, entry.id) : this.readers.open()));
  }
}
