/** The panel's header: what was analysed, with which hyper-parameters, and how long it took. */
import type { AttentionView } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';

export function renderHeader(view: AttentionView): HTMLElement {
  const { config } = view;
  const n = view.tokens.length;
  const facts: [string, string][] = [
    ['tokens', String(n)],
    ['d_model', String(config.dModel)],
    ['heads', String(config.heads)],
    ['d_k', String(config.dK)],
    ['mask', config.mask],
    ['positional', config.positional],
    ['seed', String(config.seed)],
    ['time', `${formatMs(view.elapsedMs)} ms`],
  ];
  const header = el('header', { className: 'summary' }, [
    el('h1', {}, [el('span', { className: 'muted', text: 'Attention · ' }), el('span', { className: 'source-name', text: view.sourceName })]),
    el(
      'dl',
      { className: 'facts' },
      facts.map(([name, value]) => el('div', { className: 'fact' }, [el('dt', { text: name }), el('dd', { text: value })])),
    ),
  ]);
  if (view.totalTokens !== undefined && view.totalTokens > n) {
    header.append(
      el('p', { className: 'notice', attrs: { role: 'status' }, text: `Showing the first ${n} of ${view.totalTokens} tokens.` }),
    );
  }
  header.append(el('p', { className: 'analysed-text', attrs: { title: 'The analysed text' }, text: view.text }));
  return header;
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US');
}
