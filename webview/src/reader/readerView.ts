/**
 * The reader once the chapter has arrived: header, chapter and definition card wired together.
 * Terms open their definitions, the header and "Go to section" navigate, and the section being
 * read is reported as the user scrolls.
 */
import type { ReaderGlossaryEntry, ReaderSection } from '../../../src/common/protocol/reader';
import { el } from '../shared/dom';
import { renderChapter } from './chapterView';
import { DefinitionCard } from './definitionCard';
import { ENTRY_ATTRIBUTE } from './glossaryLinks';
import { ReaderHeader } from './readerHeader';
import { SectionTracker } from './sectionTracker';
import { createTermScanner } from './termScanner';

export interface ReaderCallbacks {
  /** The section at the top changed, by scrolling or by the reader's own navigation. */
  visibleSection(sectionId: string): void;
  tryIt(): void;
  showSteps(): void;
}

export class ReaderView {
  readonly element: HTMLElement;
  private readonly header: ReaderHeader;
  private readonly card: DefinitionCard;
  private readonly tracker: SectionTracker;
  private readonly entries: ReadonlyMap<string, ReaderGlossaryEntry>;
  private readonly headings: ReadonlyMap<string, HTMLElement>;

  /** Throws when the glossary is inconsistent (an alias of two entries). */
  constructor(sections: readonly ReaderSection[], glossary: readonly ReaderGlossaryEntry[], private readonly callbacks: ReaderCallbacks) {
    this.entries = new Map(glossary.map((entry) => [entry.id, entry]));
    const titles = new Map(sections.map((s) => [s.id, s.title]));
    const chapter = renderChapter(sections, createTermScanner(glossary), { tryIt: () => callbacks.tryIt(), showSteps: () => callbacks.showSteps() });
    this.headings = new Map(chapter.sections.map((s) => [s.dataset.sectionId!, s.firstElementChild as HTMLElement]));
    this.header = new ReaderHeader(sections, (id) => this.navigate(id));
    this.card = new DefinitionCard({ sectionTitle: (id) => titles.get(id), goToSection: (id) => this.navigate(id) });
    this.tracker = new SectionTracker(chapter.sections, this.header.element, (id) => this.announce(id));
    chapter.article.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest<HTMLElement>(`.term[${ENTRY_ATTRIBUTE}]`) : null;
      const entry = link && this.entries.get(link.getAttribute(ENTRY_ATTRIBUTE)!);
      if (link && entry) this.card.showNear(entry, link);
    });
    this.element = el('div', { className: 'reader' }, [this.header.element, chapter.article, this.card.element]);
  }

  /** The host's reveal: scroll to the section, highlight it, and show a glossary entry's definition if given. */
  reveal(sectionId: string, entryId?: string): boolean {
    const found = this.tracker.reveal(sectionId, { smooth: true, highlight: true });
    if (found) this.header.setCurrent(sectionId);
    if (entryId !== undefined) {
      const entry = this.entries.get(entryId);
      // Under the heading just scrolled to the top; under the header when there is no such section.
      const heading = (found && this.headings.get(sectionId)) || this.header.element;
      if (entry) this.card.showUnder(entry, heading);
      else this.card.showMissing(entryId, heading);
    }
    return found;
  }

  /** Back where the reader was, at once: no animation when a hidden reader comes back. */
  restore(sectionId: string): boolean {
    const found = this.tracker.reveal(sectionId, { smooth: false, highlight: false });
    if (found) this.header.setCurrent(sectionId);
    return found;
  }

  /** The reader's own navigation (contents, "Go to section"): the host's tree should follow. */
  private navigate(sectionId: string): void {
    if (this.tracker.reveal(sectionId, { smooth: true, highlight: true })) this.announce(sectionId);
  }

  private announce(sectionId: string): void {
    this.header.setCurrent(sectionId);
    this.callbacks.visibleSection(sectionId);
  }
}
