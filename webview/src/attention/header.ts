/**
 * The panel's header: what was analysed, by what (the built-in engine's random weights or a
 * pretrained model: always said, since the numbers mean nothing without it), with which sizes,
 * and how long it took; for a long selection, that the heatmap is an overview of blocks until
 * zoomed in.
 */
import type { AttentionView, ModelViewPart } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { formatCount } from '../shared/l10nFormat';
import { t } from './l10n';

/** The architectures' own names, the same in every language. */
const MODEL_TYPE_NAMES = { bert: 'BERT', gpt2: 'GPT-2' } as const;

export function renderHeader(view: AttentionView): HTMLElement {
  const { config, model } = view;
  const n = view.tokens.length;
  const mask: [string, string] = [t('factMask'), config.mask === 'causal' ? t('maskCausal') : t('maskNone')];
  // d_model and d_k are the chapter's symbols, the same in every language.
  const sizes: [string, string][] = [['d_model', String(config.dModel)], [t('factHeads'), String(config.heads)], ['d_k', String(config.dK)]];
  const time: [string, string] = [t('factTime'), t('milliseconds', formatMs(view.elapsedMs))];
  // A model's seed and positional setting mean nothing: its own weights and positions are used.
  const facts: [string, string][] = model
    ? [[t('factLayer'), t('layerOfLayers', model.display.layer + 1, model.info.layers)], ...sizes, mask, [t('factTokens'), tokenCount(model, n)], time]
    : [
        [t('factTokens'), String(n)],
        ...sizes,
        mask,
        [t('factPositional'), config.positional === 'sinusoidal' ? t('positionalSinusoidal') : t('positionalNone')],
        [t('factSeed'), String(config.seed)],
        time,
      ];
  const header = el('header', { className: 'summary' }, [
    el('h1', {}, [el('span', { className: 'muted', text: t('headingPrefix') }), el('span', { className: 'source-name', text: view.sourceName })]),
    el('p', { className: 'engine-label' }, [engineLabel(view)]),
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

/** What computed the numbers: "built-in: random weights, seed 42", or the model, its architecture and sizes. */
function engineLabel({ config, model }: AttentionView): string {
  if (!model) return t('engineBuiltIn', config.seed);
  const { name, type, layers, heads, hidden } = model.info;
  return t('engineModel', name, MODEL_TYPE_NAMES[type], layers, heads, hidden);
}

/** The pieces the model read, and how many rows are shown when special tokens are hidden or pieces merged. */
function tokenCount(model: ModelViewPart, shown: number): string {
  return shown === model.pieces ? String(shown) : t('tokensReadAndShown', model.pieces, shown);
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US');
}
