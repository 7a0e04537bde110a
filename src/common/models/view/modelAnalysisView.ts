/**
 * A model's run as the panel shows it (AttentionView with its `model` part): the chosen layer's
 * heads over the display's units, and a thumbnail of every layer's every head for the grid. Made
 * in the worker from the ModelAttention it keeps; another layer or display is made again from it.
 */
import type { AttentionView } from '../../attention/analysisView';
import { resolveConfig } from '../../attention/config';
import { blockMaxima } from '../../attention/fullOverview';
import { averageHeads } from '../../attention/headAverage';
import type { ModelConfig } from '../files/config';
import type { ModelRun } from '../run/runModel';
import { displayUnits, displayWeights, hasSubwords, type DisplayUnit } from './displayUnits';
import { modelThumbGeometry, type ModelDisplay, type ModelInfo } from './modelView';

export interface ModelViewInput {
  readonly run: ModelRun;
  readonly info: ModelInfo;
  readonly config: ModelConfig;
  readonly text: string;
  readonly sourceName: string;
}

export function modelAnalysisView(input: ModelViewInput, asked: ModelDisplay): AttentionView {
  const { run, info, config, text } = input;
  const { attention, tokens } = run;
  const n = attention.n;
  const display = { ...asked, layer: Math.min(asked.layer, attention.layers - 1) };
  let units = displayUnits(text, tokens, display);
  // A text of special tokens only ("[SEP]" typed in) would leave nothing: they stay then.
  if (units.length === 0) units = displayUnits(text, tokens, { ...display, hideSpecial: false });
  const identity = units.length === n && units.every((unit, i) => unit.pieces.length === 1 && unit.pieces[0] === i);
  const shown = (w: Float32Array) => (identity ? w : displayWeights(w, n, units));
  const m = units.length;
  const { size, block } = modelThumbGeometry(m);
  const thumbnails: Float32Array[] = [];
  const layerAverages: Float32Array[] = [];
  let weights: Float32Array[] = [];
  attention.weights.forEach((heads, layer) => {
    const matrices = heads.map(shown);
    for (const matrix of matrices) thumbnails.push(blockMaxima(matrix, m, block, size));
    layerAverages.push(blockMaxima(averageHeads(matrices), m, block, size));
    if (layer === display.layer) weights = identity ? matrices.map((w) => w.slice()) : matrices;
  });
  return {
    text,
    sourceName: input.sourceName,
    tokens: units.map((unit: DisplayUnit) => unit.token),
    config: resolveConfig({ dModel: config.hiddenSize, heads: config.numHeads, dK: config.headSize, seed: 0, mask: config.modelType === 'gpt2' ? 'causal' : 'none', positional: 'none' }),
    weights,
    ...(run.totalTokens !== undefined && run.totalTokens > m ? { totalTokens: run.totalTokens } : {}),
    elapsedMs: run.elapsedMs,
    model: {
      info,
      display,
      pieces: n,
      hasSpecial: tokens.some((token) => token.special),
      hasSubwords: hasSubwords(text, tokens),
      thumbSize: size,
      thumbnails,
      layerAverages,
    },
  };
}
