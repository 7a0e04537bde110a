/** What the panel shows when there is no heatmap: before any analysis, while computing, on error. */
import { el } from '../shared/dom';
import { t } from './l10n';

export function renderEmpty(): HTMLElement {
  return el('div', { className: 'status empty' }, [
    el('h1', { text: t('emptyTitle') }),
    el('p', { text: t('emptyHint', t('showAttentionCommand')) }),
  ]);
}

/** `model`: the pretrained model's name, when one runs; `tokenCount` is then the text's words (its pieces are not known yet). */
export function renderComputing(sourceName: string, tokenCount: number, model?: string): HTMLElement {
  return el('div', { className: 'status computing', attrs: { role: 'status', 'aria-busy': 'true' } }, [
    el('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
    el('p', { text: computingText(sourceName, tokenCount, model) }),
  ]);
}

function computingText(sourceName: string, tokenCount: number, model: string | undefined): string {
  if (model !== undefined) return tokenCount === 1 ? t('computingModelOne', model, tokenCount, sourceName) : t('computingModelMany', model, tokenCount, sourceName);
  return tokenCount === 1 ? t('computingOne', tokenCount, sourceName) : t('computingMany', tokenCount, sourceName);
}

export function renderError(message: string): HTMLElement {
  return el('div', { className: 'status error', attrs: { role: 'alert' } }, [
    el('h1', { text: t('errorTitle') }),
    el('p', { className: 'error-message', text: message }),
  ]);
}
