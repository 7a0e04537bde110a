/**
 * A tiny Markdown renderer for the chapter's notes that builds DOM nodes and sets only
 * textContent: the blocks of markdownBlocks.ts, and inline code, strong, emphasis and links
 * (shown as their text: the chapter's URLs were truncated by the page they came from).
 */
import { el } from './dom';
import { parseBlocks } from './markdownBlocks';

/**
 * Renders Markdown into a fragment. `headingOffset` shifts heading levels so a note's own
 * headings sit below the note's title.
 */
export function renderMarkdown(markdown: string, headingOffset = 0): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of parseBlocks(markdown)) {
    switch (block.kind) {
      case 'heading': {
        const level = Math.min(6, block.level + headingOffset) as 1 | 2 | 3 | 4 | 5 | 6;
        fragment.append(el(`h${level}`, {}, renderInline(block.text)));
        break;
      }
      case 'paragraph':
        fragment.append(el('p', {}, renderInline(block.text)));
        break;
      case 'list': {
        const list = block.ordered ? el('ol', block.start !== 1 ? { attrs: { start: String(block.start) } } : {}) : el('ul');
        for (const item of block.items) list.append(el('li', {}, renderInline(item)));
        fragment.append(list);
        break;
      }
      case 'code':
        fragment.append(el('pre', {}, [el('code', { text: block.text })]));
        break;
    }
  }
  return fragment;
}

// Alternatives, first match wins: `code`, **strong**, __strong__, *em*, _em_, [text](url).
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s](?:[^*]*[^*\s])?)\*|(?<![\p{L}\p{N}])_([^_\s](?:[^_]*[^_\s])?)_(?![\p{L}\p{N}])|\[([^\]]+)\]\(([^)\s]*)\)/gu;

export function renderInline(text: string): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > at) nodes.push(document.createTextNode(text.slice(at, match.index)));
    const [, code, strong1, strong2, em1, em2, linkText, href] = match;
    if (code !== undefined) nodes.push(el('code', { text: code }));
    else if (strong1 !== undefined || strong2 !== undefined) nodes.push(el('strong', {}, renderInline(strong1 ?? strong2)));
    else if (em1 !== undefined || em2 !== undefined) nodes.push(el('em', {}, renderInline(em1 ?? em2)));
    else nodes.push(el('span', { className: 'link-text', attrs: href ? { title: href } : {} }, renderInline(linkText)));
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}
