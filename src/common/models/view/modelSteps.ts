/**
 * The steps view's numbers for one layer and head of a pretrained model, in the shapes the
 * built-in engine's steps have (StepsData), so the same view draws them: "embeddings" is the
 * hidden state entering the layer, X what the layer's Q, K, V are computed from (the same for
 * BERT; ln_1 of it for GPT-2's pre-LayerNorm), W_q, W_k, W_v the head's slices of the model's
 * projections (with their biases added into Q, K, V), and W_o the layer's output projection.
 */
import type { HeadSteps, StepsData, StepsMatrix } from '../../attention/steps';
import { loadKernels } from '../../kernels/kernels';
import type { ModelConfig } from '../files/config';
import type { ModelWeights } from '../files/requireWeights';
import { maskAndScale } from '../forward/attend';
import { attentionInput, attentionScale, headProjection } from '../forward/headQKV';

const matrix = (rows: number, cols: number, data: Float32Array): StepsMatrix => ({ rows, cols, data });

export function modelSteps(config: ModelConfig, weights: ModelWeights, layerInput: Float32Array, layer: number, head: number): StepsData {
  const kernels = loadKernels();
  const { hiddenSize: d, headSize: dh, numHeads: heads } = config;
  const x = attentionInput(config, weights, layerInput, layer);
  const n = x.length / d;
  const causal = config.modelType === 'gpt2';
  const scale = attentionScale(config, layer);
  const headSteps = (h: number): HeadSteps => {
    const p = headProjection(config, weights, layer, h);
    const project = (w: Float32Array, b: Float32Array) => kernels.matmul(x, w, n, d, dh, b);
    const [q, k, v] = [project(p.wq, p.bq), project(p.wk, p.bk), project(p.wv, p.bv)];
    const scores = kernels.matmulTransposed(q, k, n, dh, n);
    const scaled = scores.slice();
    maskAndScale(scaled, n, scale, causal);
    const attention = kernels.softmaxRows(scaled.slice(), n, n);
    const z = kernels.matmul(attention, v, n, n, dh);
    const square = (data: Float32Array) => matrix(n, n, data);
    const tall = (data: Float32Array) => matrix(n, dh, data);
    return {
      head: h,
      wq: matrix(d, dh, p.wq), wk: matrix(d, dh, p.wk), wv: matrix(d, dh, p.wv),
      q: tall(q), k: tall(k), v: tall(v), z: tall(z),
      scores: square(scores), scaled: square(scaled), weights: square(attention),
    };
  };
  // The multi-head step needs every head's Z; a layer of a real model is a few ms a head.
  const concat = new Float32Array(n * heads * dh);
  let asked: HeadSteps | undefined;
  for (let h = 0; h < heads; h++) {
    const steps = headSteps(h);
    if (h === head) asked = steps;
    for (let i = 0; i < n; i++) concat.set(steps.z.data.subarray(i * dh, (i + 1) * dh), (i * heads + h) * dh);
  }
  if (!asked) throw new RangeError(`there is no head ${head + 1} (the model has ${heads})`);
  const { wo, bo } = outputProjection(config, weights, layer);
  const output = kernels.matmul(concat, wo, n, heads * dh, d, bo);
  return {
    layer: { embeddings: matrix(n, d, layerInput), x: matrix(n, d, x), concat: matrix(n, heads * dh, concat), wo: matrix(heads * dh, d, wo), output: matrix(n, d, output) },
    head: asked,
  };
}

/** The layer's W_o as (heads · d_h) × d, in × out, and its bias. */
function outputProjection(config: ModelConfig, weights: ModelWeights, layer: number): { wo: Float32Array; bo: Float32Array } {
  const d = config.hiddenSize;
  if (weights.modelType === 'bert') {
    // nn.Linear stores out × in.
    const { weight, bias } = weights.layers[layer].attentionOutput;
    const wo = new Float32Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) wo[j * d + i] = weight.data[i * d + j];
    return { wo, bo: bias.data };
  }
  // GPT-2's Conv1D c_proj is stored in × out already.
  const { weight, bias } = weights.blocks[layer].attentionProjection;
  return { wo: weight.data, bo: bias.data };
}
