/**
 * The small card that shows a glossary entry: term, aliases, the chapter's definition verbatim,
 * and a way to the section it comes from. Opened beside a term link, or under the section heading
 * the host reveals with a term. Escape, or a click elsewhere, closes it.
 */
import type { ReaderGlossaryEntry } from '../../../src/common/protocol/reader';
import { el } from '../shared/dom';
import { formatParts } from '../shared/l10n';
import { t } from './l10n';

export interface CardActions {
  /** The title of a section, to name where a definition comes from. */
  sectionTitle(sectionId: string): string | undefined;
  goToSection(sectionId: string): void;
}

/** Gap between the term and the card, and between the card and the window's edges (px). */
const GAP = 6;
const MARGIN = 8;

export class DefinitionCard {
  readonly element = el('div', { className: 'definition-card', attrs: { role: 'dialog', tabindex: '-1' } });
  private opener?: HTMLElement;

  constructor(private readonly actions: CardActions) {
    this.element.hidden = true;
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isOpen) {
        event.preventDefault();
        this.hide(true);
      }
    });
    // pointerdown, not click: a press that starts a text selection elsewhere also closes the card.
    document.addEventListener('pointerdown', (event) => {
      const target = event.target instanceof Node ? event.target : null;
      if (this.isOpen && target && !this.element.contains(target) && target !== this.opener) this.hide(false);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Shows the entry below (or, without room, above) the link that opened it, and focuses the card. */
  showNear(entry: ReaderGlossaryEntry, opener: HTMLElement): void {
    this.fill(entry);
    this.open(opener);
    const link = opener.getBoundingClientRect();
    const card = this.element.getBoundingClientRect();
    const below = link.bottom + GAP + card.height <= window.innerHeight - MARGIN || link.top - GAP - card.height < MARGIN;
    this.place(opener, below);
    this.element.focus({ preventScroll: true });
  }

  /**
   * Shows the entry under a section heading being scrolled to the top (so, near the top of the
   * reader, without hiding the heading), leaving the focus where it is.
   */
  showUnder(entry: ReaderGlossaryEntry, heading: HTMLElement): void {
    this.fill(entry);
    this.open(undefined);
    this.place(heading, true);
  }

  /** A term the glossary does not have: say so rather than show nothing. */
  showMissing(term: string, heading: HTMLElement): void {
    this.element.replaceChildren(
      this.titleRow(term),
      el('p', { className: 'card-definition', text: t('missingEntry', term) }),
    );
    this.element.setAttribute('aria-label', term);
    this.open(undefined);
    this.place(heading, true);
  }

  hide(restoreFocus: boolean): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.opener?.setAttribute('aria-expanded', 'false');
    if (restoreFocus) this.opener?.focus();
    this.opener = undefined;
  }

  private open(opener: HTMLElement | undefined): void {
    this.opener?.setAttribute('aria-expanded', 'false');
    this.opener = opener;
    opener?.setAttribute('aria-expanded', 'true');
    this.element.hidden = false;
  }

  /** Page coordinates, not the window's: the card stays by its anchor while the reader scrolls. */
  private place(anchor: HTMLElement, below: boolean): void {
    const box = anchor.getBoundingClientRect();
    const card = this.element.getBoundingClientRect();
    const top = below ? box.bottom + GAP : box.top - GAP - card.height;
    const left = Math.max(MARGIN, Math.min(box.left, window.innerWidth - MARGIN - card.width));
    // CSSOM positioning: allowed under the CSP, unlike a style attribute.
    this.element.style.top = `${top + window.scrollY}px`;
    this.element.style.left = `${left + window.scrollX}px`;
  }

  private fill(entry: ReaderGlossaryEntry): void {
    const source = this.actions.sectionTitle(entry.sectionId);
    const children: HTMLElement[] = [this.titleRow(entry.term)];
    const aliases = entry.aliases.filter((alias) => alias !== entry.term);
    if (aliases.length > 0) children.push(el('p', { className: 'card-aliases', text: t('aliases', aliases.join(', ')) }));
    children.push(el('blockquote', { className: 'card-definition', text: entry.definition, attrs: { lang: 'zh-Hans' } }));
    if (source !== undefined) {
      const go = el(
        'button',
        { className: 'card-go', attrs: { type: 'button' } },
        formatParts(t('goToSection'), [el('span', { className: 'card-section', text: source, attrs: { lang: 'zh-Hans' } })]),
      );
      go.addEventListener('click', () => {
        this.hide(false);
        this.actions.goToSection(entry.sectionId);
      });
      children.push(go);
    }
    this.element.replaceChildren(...children);
    this.element.setAttribute('aria-label', t('glossaryEntryLabel', entry.term));
  }

  private titleRow(term: string): HTMLElement {
    const close = el('button', { className: 'card-close', text: '×', attrs: { type: 'button', 'aria-label': t('close'), title: t('closeTitle') } });
    close.addEventListener('click', () => this.hide(true));
    return el('div', { className: 'card-title-row' }, [el('strong', { className: 'card-term', text: term, attrs: { lang: 'zh-Hans' } }), close]);
  }
}
