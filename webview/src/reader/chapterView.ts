/**
 * The whole chapter as one article: every section in order, its heading carrying the section id,
 * its Markdown body from the shared renderer with glossary terms linked, and "Try it" where the
 * chapter computes attention.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ReaderSection } from '../../../src/common/protocol/reader';
import { el } from '../shared/dom';
import { renderMarkdown } from '../shared/markdown';
import { linkTerms } from './glossaryLinks';
import { t } from './l10n';
import type { TermScanner } from './termScanner';

export interface RenderedChapter {
  readonly article: HTMLElement;
  /** One element per section, in order, each with `data-section-id`. */
  readonly sections: readonly HTMLElement[];
}

export function renderChapter(sections: readonly ReaderSection[], scan: TermScanner, tryIt: () => void): RenderedChapter {
  const elements = sections.map((section) => renderSection(section, scan, tryIt));
  // The chapter is Chinese; the reader's own labels are in the display language (the page's).
  const article = el('article', { className: 'chapter', attrs: { lang: 'zh-Hans' } }, elements);
  return { article, sections: elements };
}

function renderSection(section: ReaderSection, scan: TermScanner, tryIt: () => void): HTMLElement {
  const level = Math.min(6, Math.max(1, section.level)) as 1 | 2 | 3 | 4 | 5 | 6;
  const element = el('section', { className: `chapter-section level-${level}`, attrs: { 'data-section-id': section.id } });
  element.append(el(`h${level}`, { text: section.title, attrs: { id: section.id } }));
  if (section.tryIt) element.append(tryItRow(tryIt));
  const body = el('div', { className: 'section-body' }, [renderMarkdown(section.markdown, level)]);
  linkTerms(body, scan);
  element.append(body);
  return element;
}

function tryItRow(tryIt: () => void): HTMLElement {
  const button = el('vscode-button', { text: t('tryIt'), attrs: { title: t('tryItTitle') } });
  button.addEventListener('click', tryIt);
  return el('div', { className: 'try-it' }, [
    button,
    el('span', { className: 'muted', text: t('tryItDescription') }),
  ]);
}
