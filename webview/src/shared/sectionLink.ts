/**
 * A chapter section's title as a button that opens the section in the reader (the attention
 * panel's notes, the Compare Contexts passage). Styled by sectionLink.css.
 */
import { el } from './dom';

/** `labels`: the page's strings for the button's tooltip and its "open in chapter" mark. */
export function renderSectionLink(title: string, labels: { readonly tooltip: string; readonly open: string }, onOpen: () => void): HTMLElement {
  const button = el('button', { className: 'note-title', attrs: { type: 'button', title: labels.tooltip } }, [
    el('span', { text: title }),
    el('span', { className: 'note-open', text: labels.open, attrs: { 'aria-hidden': 'true' } }),
  ]);
  button.addEventListener('click', onOpen);
  return button;
}
