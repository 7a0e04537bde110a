/**
 * BERT's encoder (transformers' BertModel, eval mode: dropout off), as the paper draws it:
 * embeddings → LayerNorm; per layer multi-head self-attention, output projection, residual,
 * LayerNorm; feed-forward with exact GELU, residual, LayerNorm (post-LN). One sequence and no
 * padding, so there is no attention mask; the token type is 0 throughout.
 */
import { loadKernels } from '../../kernels/kernels';
import type { BertConfig } from '../files/config';
import type { BertLayerWeights, BertWeights } from '../files/requireWeights';
import { attendHeads } from './attend';
import { activateInPlace } from './erf';
import { addInPlace, layerNorm, linear } from './ops';
import { checkIds, type ForwardOptions, type ModelAttention } from './types';

export function bertForward(config: BertConfig, weights: BertWeights, ids: readonly number[], options: ForwardOptions = {}): ModelAttention {
  checkIds(ids, config.vocabSize, config.maxPositions);
  const n = ids.length;
  let x = bertEmbeddings(config, weights, ids);
  const all: Float32Array[][] = [];
  const keep = options.keepLayerInputs !== false;
  const layerInputs: Float32Array[] = [];
  weights.layers.forEach((layer, l) => {
    if (keep) layerInputs.push(x);
    const out = bertLayer(config, layer, x, n);
    all.push(out.weights);
    x = out.hidden;
    options.onLayer?.(l + 1, config.numLayers);
  });
  return { layers: config.numLayers, heads: config.numHeads, n, weights: all, hidden: x, ...(keep ? { layerInputs } : {}) };
}

/** word + position + token type 0 embeddings, then LayerNorm. */
function bertEmbeddings(config: BertConfig, weights: BertWeights, ids: readonly number[]): Float32Array {
  const d = config.hiddenSize;
  const sum = new Float32Array(ids.length * d);
  const word = weights.wordEmbeddings.data;
  const position = weights.positionEmbeddings.data;
  const type0 = weights.tokenTypeEmbeddings.data.subarray(0, d);
  ids.forEach((id, i) => {
    for (let j = 0; j < d; j++) sum[i * d + j] = word[id * d + j] + position[i * d + j] + type0[j];
  });
  return layerNorm(loadKernels(), sum, ids.length, d, weights.embeddingsLayerNorm, config.layerNormEps);
}

function bertLayer(config: BertConfig, layer: BertLayerWeights, x: Float32Array, n: number): { weights: Float32Array[]; hidden: Float32Array } {
  const { hiddenSize: d, numHeads, headSize, layerNormEps: eps } = config;
  const kernels = loadKernels();
  // Q, K, V = X·Wᵀ + b; head h is columns h·d_h … of each.
  const q = linear(kernels, x, n, layer.query);
  const k = linear(kernels, x, n, layer.key);
  const v = linear(kernels, x, n, layer.value);
  const { weights, context } = attendHeads(kernels, { n, heads: numHeads, headSize, q, k, v, stride: d, offsets: [0, 0, 0] }, 1 / Math.sqrt(headSize), false);
  // BertSelfOutput: LayerNorm(dense(concat) + X).
  const attended = layerNorm(kernels, addInPlace(linear(kernels, context, n, layer.attentionOutput), x), n, d, layer.attentionLayerNorm, eps);
  // BertIntermediate, BertOutput: LayerNorm(dense(GELU(dense(A))) + A).
  const inner = linear(kernels, attended, n, layer.intermediate);
  activateInPlace(inner, config.activation);
  const hidden = layerNorm(kernels, addInPlace(linear(kernels, inner, n, layer.output), attended), n, d, layer.outputLayerNorm, eps);
  return { weights, hidden };
}
