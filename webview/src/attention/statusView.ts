/** What the panel shows when there is no heatmap: before any analysis, while computing, on error. */
import { el } from '../shared/dom';

export function renderEmpty(): HTMLElement {
  return el('div', { className: 'status empty' }, [
    el('h1', { text: 'Attention Explorer' }),
    el('p', { text: 'Select a sentence in an editor and run “Attention Explorer: Show Attention” (Ctrl+Alt+A) to see how each token attends to the others.' }),
  ]);
}

export function renderComputing(sourceName: string, tokenCount: number): HTMLElement {
  return el('div', { className: 'status computing', attrs: { role: 'status', 'aria-busy': 'true' } }, [
    el('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
    el('p', { text: `Computing attention over ${tokenCount} ${tokenCount === 1 ? 'token' : 'tokens'} of ${sourceName}…` }),
  ]);
}

export function renderError(message: string): HTMLElement {
  return el('div', { className: 'status error', attrs: { role: 'alert' } }, [
    el('h1', { text: 'No attention to show' }),
    el('p', { className: 'error-message', text: message }),
  ]);
}
