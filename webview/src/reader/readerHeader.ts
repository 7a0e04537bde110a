/** The reader's sticky header: the chapter's title and a contents dropdown that follows the reading. */
import type { ReaderSection } from '../../../src/common/protocol/reader';
import { el } from '../shared/dom';
import { t } from './l10n';

/** Indent of a subsection in the dropdown: options cannot be styled, so spaces it is. */
const INDENT = '\u2003';

export class ReaderHeader {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;

  constructor(sections: readonly ReaderSection[], onNavigate: (sectionId: string) => void) {
    const title = sections.find((s) => s.level === 1)?.title ?? sections[0].title;
    const top = Math.min(...sections.map((s) => s.level));
    this.select = el(
      'select',
      { className: 'toc', attrs: { 'aria-label': t('contentsLabel'), title: t('contentsLabel') } },
      sections.map((s) => el('option', { text: INDENT.repeat(s.level - top) + s.title, attrs: { value: s.id } })),
    );
    this.select.addEventListener('change', () => onNavigate(this.select.value));
    this.element = el('header', { className: 'reader-header' }, [
      el('span', { className: 'reader-title', text: title, attrs: { lang: 'zh-Hans', title } }),
      this.select,
    ]);
  }

  /** Shows the section being read; does not fire `onNavigate`. */
  setCurrent(sectionId: string): void {
    this.select.value = sectionId;
  }
}
