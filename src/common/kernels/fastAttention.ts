/**
 * The attention pass of computeAttention (src/common/attention/attention.ts) in float32 on the
 * WebAssembly SIMD kernels: the same X (embeddings, positions) and the same weights (same seed),
 * converted to float32, the same steps; only the per-head weights and the output are kept.
 * Within 1e-5 of the float64 reference (test/unit/kernels.test.ts).
 */
import type { AttentionConfig } from '../attention/config';
import { embed } from '../attention/embeddings';
import type { Token } from '../attention/tokenizer';
import { initWeights } from '../attention/weights';
import { loadKernels, type LayerInputs } from './kernels';

export interface FastAttentionResult {
  readonly n: number;
  readonly config: AttentionConfig;
  /**
   * One N × N Float32Array per head, row-major: softmax(Q·Kᵀ / √dK), masked entries 0. Empty when
   * the caller took each head's weights through `onHead`.
   */
  readonly weights: readonly Float32Array[];
  /** N × dModel, row-major: concat(Z) · Wo. */
  readonly output: Float32Array;
}

/**
 * Multi-head self-attention over the tokens, one head at a time (the kernels' memory holds one
 * head's N × N weights, not all of them). With `onHead`, each head's weights are handed over as
 * soon as they are computed and not kept, so the caller decides what stays in memory.
 */
export function fastAttention(
  tokens: readonly Token[],
  config: AttentionConfig,
  onHead?: (head: number, weights: Float32Array) => void,
): FastAttentionResult {
  const weights: Float32Array[] = [];
  const output = loadKernels().multiHead(layerInputs(tokens, config), config.mask === 'causal', onHead ?? ((_, w) => weights.push(w)));
  return { n: tokens.length, config, weights, output };
}

/** X and the weights of the reference (embed, initWeights), in float32, laid out for the kernels. */
export function layerInputs(tokens: readonly Token[], config: AttentionConfig): LayerInputs {
  const { dModel, dK, heads } = config;
  const { x } = embed(tokens, config);
  const layer = initWeights(config);
  const wide = 3 * dK;
  const wqkv = new Float32Array(heads * dModel * wide);
  layer.heads.forEach((head, h) => {
    [head.wq, head.wk, head.wv].forEach((w, part) => {
      for (let r = 0; r < dModel; r++) wqkv.set(w.data.subarray(r * dK, (r + 1) * dK), (h * dModel + r) * wide + part * dK);
    });
  });
  return { n: tokens.length, dModel, dK, heads, x: Float32Array.from(x.data), wqkv, wo: Float32Array.from(layer.wo.data) };
}
