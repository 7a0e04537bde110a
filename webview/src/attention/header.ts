/**
 * The panel's header: what was analysed, with which hyper-parameters, and how long it took; for a
 * long selection, that the heatmap is an overview of blocks until zoomed in.
 */
import type { AttentionView } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { formatCount } from '../shared/l10nFormat';
import { t } from './l10n';

export function renderHeader(view: AttentionView): HTMLElement {
  const { config } = view;
  const n = view.tokens.length;
  // d_model and d_k are the chapter's symbols, the same in every language.
  const facts: [string, string][] = [
    [t('factTokens'), String(n)],
    ['d_model', String(config.dModel)],
    [t('factHeads'), String(config.heads)],
    ['d_k', String(config.dK)],
    [t('factMask'), config.mask === 'causal' ? t('maskCausal') : t('maskNone')],
    [t('factPositional'), config.positional === 'sinusoidal' ? t('positionalSinusoidal') : t('positionalNone')],
    [t('factSeed'), String(config.seed)],
    [t('factTime'), t('milliseconds', formatMs(view.elapsedMs))],
  ];
  const header = el('header', { className: 'summary' }, [
    el('h1', {}, [el('span', { className: 'muted', text: t('headingPrefix') }), el('span', { className: 'source-name', text: view.sourceName })]),
    el(
      'dl',
      { className: 'facts' },
      facts.map(([name, value]) => el('div', { className: 'fact' }, [el('dt', { text: name }), el('dd', { text: value })])),
    ),
  ]);
  if (view.overview) {
    const { size, block } = view.overview;
    header.append(el('p', { className: 'notice long-selection', text: t('longSelectionNotice', formatCount(n), formatCount(size), formatCount(block)) }));
  }
  if (view.totalTokens !== undefined && view.totalTokens > n) {
    header.append(
      el('p', { className: 'notice', attrs: { role: 'status' }, text: t('truncatedNotice', n, view.totalTokens) }),
    );
  }
  header.append(el('p', { className: 'analysed-text', attrs: { title: t('analysedTextTitle') }, text: view.text }));
  return header;
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US');
}
