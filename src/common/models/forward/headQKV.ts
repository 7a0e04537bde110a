/**
 * One head's queries, keys and values, recomputed on demand from the layer's input (kept in
 * ModelAttention.layerInputs) for the steps view: the forward pass keeps only the weights, as
 * every head's Q, K, V of every layer would be 3·L·N·d more floats that nobody looks at.
 * Q, K, V = A·W + b, with A the attention's input (X for BERT; ln_1(X) for GPT-2's pre-LN) and
 * W the head's d × d_h slice of the projection, the orientation the steps view writes.
 */
import { loadKernels } from '../../kernels/kernels';
import type { ModelConfig } from '../files/config';
import type { ModelWeights } from '../files/requireWeights';
import { gpt2AttentionScale } from './gpt2';
import { columns, layerNorm } from './ops';

export interface HeadProjection {
  /** d × d_h each (in × out): X·wq + bq is the head's Q. */
  readonly wq: Float32Array;
  readonly wk: Float32Array;
  readonly wv: Float32Array;
  /** d_h each. */
  readonly bq: Float32Array;
  readonly bk: Float32Array;
  readonly bv: Float32Array;
}

export interface HeadQKV {
  readonly n: number;
  readonly headSize: number;
  /** N × d_h each. */
  readonly q: Float32Array;
  readonly k: Float32Array;
  readonly v: Float32Array;
}

/** The head's Q, K, V (N × d_h) from the layer's input X (N × d), as the forward pass computed them. */
export function layerHeadQKV(config: ModelConfig, weights: ModelWeights, layerInput: Float32Array, layer: number, head: number): HeadQKV {
  const p = headProjection(config, weights, layer, head);
  const a = attentionInput(config, weights, layerInput, layer);
  const n = a.length / config.hiddenSize;
  const kernels = loadKernels();
  const project = (w: Float32Array, b: Float32Array) => kernels.matmul(a, w, n, config.hiddenSize, config.headSize, b);
  return { n, headSize: config.headSize, q: project(p.wq, p.bq), k: project(p.wk, p.bk), v: project(p.wv, p.bv) };
}

/** What the layer's Q, K and V are computed from: X itself in BERT, ln_1(X) in GPT-2. */
export function attentionInput(config: ModelConfig, weights: ModelWeights, layerInput: Float32Array, layer: number): Float32Array {
  const d = config.hiddenSize;
  if (layerInput.length % d !== 0) throw new RangeError(`the layer input has ${layerInput.length} values, not a multiple of the hidden size ${d}`);
  checkLayer(config, layer);
  if (config.modelType === 'bert') return layerInput;
  const blocks = gpt2(weights).blocks;
  return layerNorm(loadKernels(), layerInput, layerInput.length / d, d, blocks[layer].ln1, config.layerNormEps);
}

/** The factor on the head's Q·Kᵀ before the softmax. */
export function attentionScale(config: ModelConfig, layer: number): number {
  return config.modelType === 'bert' ? 1 / Math.sqrt(config.headSize) : gpt2AttentionScale(config, layer);
}

/** The head's slice of the layer's query, key and value projections, as d × d_h matrices. */
export function headProjection(config: ModelConfig, weights: ModelWeights, layer: number, head: number): HeadProjection {
  checkLayer(config, layer);
  if (!Number.isInteger(head) || head < 0 || head >= config.numHeads) throw new RangeError(`there is no head ${head} (the model has ${config.numHeads})`);
  const { hiddenSize: d, headSize: dh } = config;
  const from = head * dh;
  if (config.modelType === 'bert') {
    if (weights.modelType !== 'bert') throw new TypeError('BERT config with GPT-2 weights');
    const l = weights.layers[layer];
    // nn.Linear's weight is out × in: the head's rows h·d_h …, transposed to in × out.
    const slice = (w: Float32Array) => transpose(w.subarray(from * d, (from + dh) * d), dh, d);
    return {
      wq: slice(l.query.weight.data), wk: slice(l.key.weight.data), wv: slice(l.value.weight.data),
      bq: l.query.bias.data.slice(from, from + dh), bk: l.key.bias.data.slice(from, from + dh), bv: l.value.bias.data.slice(from, from + dh),
    };
  }
  // c_attn's weight is d × 3d, in × out, columns Q | K | V: the head's d_h columns of each third.
  const { weight, bias } = gpt2(weights).blocks[layer].attention;
  const part = (third: number) => columns(weight.data, d, 3 * d, third * d + from, dh);
  const biasPart = (third: number) => bias.data.slice(third * d + from, third * d + from + dh);
  return { wq: part(0), wk: part(1), wv: part(2), bq: biasPart(0), bk: biasPart(1), bv: biasPart(2) };
}

function gpt2(weights: ModelWeights) {
  if (weights.modelType !== 'gpt2') throw new TypeError('GPT-2 config with BERT weights');
  return weights;
}

function checkLayer(config: ModelConfig, layer: number): void {
  if (!Number.isInteger(layer) || layer < 0 || layer >= config.numLayers) throw new RangeError(`there is no layer ${layer} (the model has ${config.numLayers})`);
}

/** m (rows × cols) → mᵀ (cols × rows). */
function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = m[i * cols + j];
  }
  return out;
}
