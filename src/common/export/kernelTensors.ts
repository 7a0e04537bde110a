/**
 * The CLI's tensors when the WebAssembly kernels compute them (float32): from FAST_FROM_TOKENS
 * tokens on, every tensor, a head at a time (src/common/kernels/fastSteps.ts); for a long
 * selection (over FULL_MATRIX_MAX_TOKENS), the blockwise pass's O(N·d) ones, as no N × N matrix
 * is ever made. Only the tensors `include` accepts are kept.
 */
import type { AttentionConfig } from '../attention/config';
import { embed } from '../attention/embeddings';
import type { StepsMatrix } from '../attention/steps';
import type { Token } from '../attention/tokenizer';
import { initWeights } from '../attention/weights';
import { HEAD_TENSORS, type NamedTensor } from './tensorNames';
import { layerInputs } from '../kernels/fastAttention';
import { FastSteps } from '../kernels/fastSteps';
import { loadKernels } from '../kernels/kernels';
import { LongAttention } from '../kernels/longAttention';

type Include = (name: string) => boolean;

/** Every tensor of `tensorNames` order that `include` accepts, by the kernels. */
export function fastTensors(tokens: readonly Token[], config: AttentionConfig, include: Include): NamedTensor[] {
  const heads: NamedTensor[] = [];
  const add = (to: NamedTensor[], name: string, m: StepsMatrix) => include(name) && to.push({ name, shape: [m.rows, m.cols], data: m.data });
  // Each head once, its matrices kept only where asked for.
  const layer = new FastSteps(tokens, config).eachHead((head) => {
    for (const part of HEAD_TENSORS) add(heads, `heads.${head.head}.${part}`, head[part]);
  });
  const tensors: NamedTensor[] = [];
  add(tensors, 'embeddings', layer.x);
  tensors.push(...heads);
  add(tensors, 'wo', layer.wo);
  add(tensors, 'concat', layer.concat);
  add(tensors, 'output', layer.output);
  return tensors;
}

/** A long selection's tensors of size O(N·d), blockwise; N × N names are the caller's to refuse. */
export function longTensors(tokens: readonly Token[], config: AttentionConfig, include: Include, onProgress?: (done: number, total: number) => void): NamedTensor[] {
  const n = tokens.length;
  const { dModel, dK, heads } = config;
  const inputs = layerInputs(tokens, config);
  const result = new LongAttention(inputs, config.mask === 'causal', { row0: 0, rows: n }).run(onProgress);
  const weights = initWeights(config);
  const x = Float32Array.from(embed(tokens, config).x.data);
  const tensors: NamedTensor[] = [];
  const add = (name: string, rows: number, cols: number, data: () => Float32Array) => include(name) && tensors.push({ name, shape: [rows, cols], data: data() });
  add('embeddings', n, dModel, () => x);
  const concat = new Float32Array(n * heads * dK);
  weights.heads.forEach((head, h) => {
    const z = result.z[h];
    for (let i = 0; i < n; i++) concat.set(z.subarray(i * dK, (i + 1) * dK), (i * heads + h) * dK);
    for (const part of ['wq', 'wk', 'wv'] as const) add(`heads.${h}.${part}`, dModel, dK, () => Float32Array.from(head[part].data));
    for (const [part, w] of [['q', head.wq], ['k', head.wk], ['v', head.wv]] as const) {
      add(`heads.${h}.${part}`, n, dK, () => loadKernels().matmul(x, Float32Array.from(w.data), n, dModel, dK));
    }
    add(`heads.${h}.z`, n, dK, () => z);
  });
  add('wo', heads * dK, dModel, () => Float32Array.from(weights.wo.data));
  add('concat', n, heads * dK, () => concat);
  add('output', n, dModel, () => result.output);
  return tensors;
}
