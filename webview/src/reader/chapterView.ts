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

/** The sections' actions: Try it, Show the steps. */
export interface SectionActions {
  tryIt(): void;
  showSteps(): void;
}

export function renderChapter(sections: readonly ReaderSection[], scan: TermScanner, actions: SectionActions): RenderedChapter {
  const elements = sections.map((section) => renderSection(section, scan, actions));
  // The chapter is Chinese; the reader's own labels are in the display language (the page's).
  const article = el('article', { className: 'chapter', attrs: { lang: 'zh-Hans' } }, elements);
  return { article, sections: elements };
}

function renderSection(section: ReaderSection, scan: TermScanner, actions: SectionActions): HTMLElement {
  const level = Math.min(6, Math.max(1, section.level)) as 1 | 2 | 3 | 4 | 5 | 6;
  const element = el('section', { className: `chapter-section level-${level}`, attrs: { 'data-section-id': section.id } });
  element.append(el(`h${level}`, { text: section.title, attrs: { id: section.id } }));
  if (section.tryIt) element.append(actionRow('try-it', t('tryIt'), t('tryItTitle'), t('tryItDescription'), actions.tryIt));
  if (section.showSteps) element.append(actionRow('show-steps', t('showSteps'), t('showStepsTitle'), t('showStepsDescription'), actions.showSteps));
  const body = el('div', { className: 'section-body' }, [renderMarkdown(section.markdown, level)]);
  linkTerms(body, scan);
  element.append(body);
  return element;
}

function actionRow(className: string, label: string, title: string, description: string, run: () => void): HTMLElement {
  const button = el('vscode-button', { text: label, attrs: { title } });
  button.addEventListener('click', run);
  return el('div', { className: `section-action ${className}` }, [button, el('span', { className: 'muted', text: description })]);
}
