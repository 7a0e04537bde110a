/**
 * GPT-2's decoder stack (transformers' GPT2Model, eval mode): token + position embeddings; per
 * block X + attn(ln_1(X)), then X + mlp(ln_2(X)) (pre-LN); a final ln_f. Attention is causal.
 * Its Conv1D layers store their weights in × out, so X·W is taken as it is.
 */
import { loadKernels } from '../../kernels/kernels';
import type { Gpt2Config } from '../files/config';
import type { Gpt2BlockWeights, Gpt2Weights } from '../files/requireWeights';
import { attendHeads } from './attend';
import { activateInPlace } from './erf';
import { addInPlace, conv1d, layerNorm } from './ops';
import { checkIds, type ForwardOptions, type ModelAttention } from './types';

export function gpt2Forward(config: Gpt2Config, weights: Gpt2Weights, ids: readonly number[], options: ForwardOptions = {}): ModelAttention {
  checkIds(ids, config.vocabSize, config.maxPositions);
  const n = ids.length;
  const d = config.hiddenSize;
  let x: Float32Array = new Float32Array(n * d);
  const wte = weights.tokenEmbeddings.data;
  const wpe = weights.positionEmbeddings.data;
  ids.forEach((id, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = wte[id * d + j] + wpe[i * d + j];
  });
  const keep = options.keepLayerInputs !== false;
  const all: Float32Array[][] = [];
  const layerInputs: Float32Array[] = [];
  weights.blocks.forEach((block, l) => {
    if (keep) layerInputs.push(x);
    const out = gpt2Block(config, block, l, x, n);
    all.push(out.weights);
    x = out.hidden;
    options.onLayer?.(l + 1, config.numLayers);
  });
  const hidden = layerNorm(loadKernels(), x, n, d, weights.lnF, config.layerNormEps);
  return { layers: config.numLayers, heads: config.numHeads, n, weights: all, hidden, ...(keep ? { layerInputs } : {}) };
}

/**
 * What GPT2Attention multiplies Q·Kᵀ by: 1/√d_h unless scale_attn_weights is off, and 1/(layer + 1)
 * more with scale_attn_by_inverse_layer_idx (layer counted from 0).
 */
export function gpt2AttentionScale(config: Gpt2Config, layer: number): number {
  const byHeadSize = config.scaleAttnWeights ? 1 / Math.sqrt(config.headSize) : 1;
  return config.scaleAttnByInverseLayerIdx ? byHeadSize / (layer + 1) : byHeadSize;
}

function gpt2Block(config: Gpt2Config, block: Gpt2BlockWeights, layer: number, x: Float32Array, n: number): { weights: Float32Array[]; hidden: Float32Array } {
  const { hiddenSize: d, numHeads, headSize, layerNormEps: eps } = config;
  const kernels = loadKernels();
  // c_attn gives [Q | K | V] side by side (N × 3d); head h is columns h·d_h … of each third.
  const qkv = conv1d(kernels, layerNorm(kernels, x, n, d, block.ln1, eps), n, block.attention);
  const projected = { n, heads: numHeads, headSize, q: qkv, k: qkv, v: qkv, stride: 3 * d, offsets: [0, d, 2 * d] as const };
  const { weights, context } = attendHeads(kernels, projected, gpt2AttentionScale(config, layer), true);
  const h = addInPlace(conv1d(kernels, context, n, block.attentionProjection), x);
  const inner = conv1d(kernels, layerNorm(kernels, h, n, d, block.ln2, eps), n, block.fc);
  activateInPlace(inner, config.activation);
  return { weights, hidden: addInPlace(conv1d(kernels, inner, n, block.mlpProjection), h) };
}
