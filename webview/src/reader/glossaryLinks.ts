/**
 * Turns glossary terms in rendered chapter text into focusable links to their definitions. Only
 * the first occurrence of each entry in a section is linked: enough to find every definition
 * without turning a paragraph that keeps repeating 注意力 into a row of links.
 */
import type { ReaderGlossaryEntry } from '../../../src/common/protocol/reader';
import { el } from '../shared/dom';
import { t } from './l10n';
import type { TermScanner } from './termScanner';

/** Formulas, URLs and code are not prose: a term inside them is not a link. */
const SKIP = 'code, pre, button, a, h1, h2, h3, h4, h5, h6';

export const ENTRY_ATTRIBUTE = 'data-entry-id';

/** Wraps terms in `root` (a section's body) in buttons carrying the glossary entry's id. */
export function linkTerms(root: HTMLElement, scan: TermScanner): void {
  const textNodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  // Collect first: replacing nodes while walking would derail the walker.
  for (let node = walker.nextNode(); node; node = walker.nextNode()) textNodes.push(node as Text);

  const linked = new Set<ReaderGlossaryEntry>();
  for (const node of textNodes) {
    const text = node.data;
    const pieces: (Node | string)[] = [];
    let at = 0;
    for (const { entry, start, end } of scan(text)) {
      if (linked.has(entry)) continue;
      linked.add(entry);
      if (start > at) pieces.push(text.slice(at, start));
      pieces.push(termButton(text.slice(start, end), entry));
      at = end;
    }
    if (at === 0) continue;
    if (at < text.length) pieces.push(text.slice(at));
    node.replaceWith(...pieces);
  }
}

function termButton(shown: string, entry: ReaderGlossaryEntry): HTMLButtonElement {
  return el('button', {
    className: 'term',
    text: shown,
    attrs: { type: 'button', [ENTRY_ATTRIBUTE]: entry.id, 'aria-haspopup': 'dialog', 'aria-expanded': 'false', title: t('glossaryEntryLabel', entry.term) },
  });
}
