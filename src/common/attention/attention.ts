/**
 * Scaled dot-product, multi-head self-attention, step by step as the chapter's
 * "计算注意力的步骤" lists it, keeping every intermediate so the UI can show and explain it.
 * The numbers are those of "Attention Is All You Need" (and PyTorch's nn.MultiheadAttention with
 * bias=False) for the same X and weights.
 */
import type { Token } from './tokenizer';
import type { AttentionConfig, MaskKind } from './config';
import { embed } from './embeddings';
import { matmul, matmulTransposed, setColumns, zeros, type Matrix } from './matrix';
import { initWeights, type HeadWeights, type LayerWeights } from './weights';

export interface HeadResult extends HeadWeights {
  /** N × dK: queries, keys and values of every token. */
  readonly q: Matrix;
  readonly k: Matrix;
  readonly v: Matrix;
  /** N × N: Q·Kᵀ, the raw pairwise scores. */
  readonly scores: Matrix;
  /** N × N: Q·Kᵀ / √dK; masked entries are -Infinity. */
  readonly scaled: Matrix;
  /** N × N: softmax of each row of `scaled`; every row sums to 1, masked entries are 0. */
  readonly weights: Matrix;
  /** N × dK: weights · V, the head's output. */
  readonly z: Matrix;
}

export interface AttentionResult {
  readonly tokens: readonly Token[];
  readonly config: AttentionConfig;
  /** N × dModel: each token's static embedding. */
  readonly embeddings: Matrix;
  /** N × dModel: the sinusoidal positional encoding, when the config turns it on. */
  readonly positions?: Matrix;
  /** N × dModel: X, the embeddings with the positions added. */
  readonly x: Matrix;
  readonly heads: readonly HeadResult[];
  readonly wo: Matrix;
  /** N × (heads · dK): the heads' Z side by side. */
  readonly concat: Matrix;
  /** N × dModel: concat · Wo, the contextual embedding of every token. */
  readonly output: Matrix;
}

/** Called after each head: how many of how many are done (a long analysis reports its progress). */
export type HeadProgress = (done: number, total: number) => void;

/** Tokens → embeddings X → multi-head self-attention, with weights drawn from the config's seed. */
export function computeAttention(tokens: readonly Token[], config: AttentionConfig, onHead?: HeadProgress): AttentionResult {
  const { embeddings, positions, x } = embed(tokens, config);
  return { tokens, config, embeddings, ...(positions ? { positions } : {}), x, ...multiHeadAttention(x, initWeights(config), config.mask, onHead) };
}

export function multiHeadAttention(
  x: Matrix,
  weights: LayerWeights,
  mask: MaskKind,
  onHead?: HeadProgress,
): Pick<AttentionResult, 'heads' | 'wo' | 'concat' | 'output'> {
  const heads = weights.heads.map((head, h) => {
    const result = attentionHead(x, head, mask);
    onHead?.(h + 1, weights.heads.length);
    return result;
  });
  const dK = weights.heads[0]?.wq.cols ?? 0;
  const concat = zeros(x.rows, heads.length * dK);
  heads.forEach((head, h) => setColumns(concat, head.z, h * dK));
  return { heads, wo: weights.wo, concat, output: matmul(concat, weights.wo) };
}

/** One head: Q, K, V = X·Wq, X·Wk, X·Wv; Z = softmax(Q·Kᵀ / √dK) · V. */
export function attentionHead(x: Matrix, head: HeadWeights, mask: MaskKind): HeadResult {
  const q = matmul(x, head.wq);
  const k = matmul(x, head.wk);
  const v = matmul(x, head.wv);
  return { ...head, q, k, v, ...attend(q, k, v, mask) };
}

/** Steps 5–8 from a head's Q, K and V: scores, ÷√dK, (mask,) softmax, · V. */
export function attend(q: Matrix, k: Matrix, v: Matrix, mask: MaskKind): Pick<HeadResult, 'scores' | 'scaled' | 'weights' | 'z'> {
  const scores = matmulTransposed(q, k);
  const scaled = scale(scores, 1 / Math.sqrt(k.cols));
  if (mask === 'causal') applyCausalMask(scaled);
  const weights = softmaxRows(scaled);
  const z = matmul(weights, v);
  return { scores, scaled, weights, z };
}

function scale(m: Matrix, factor: number): Matrix {
  const out = zeros(m.rows, m.cols);
  for (let i = 0; i < m.data.length; i++) out.data[i] = m.data[i] * factor;
  return out;
}

/** GPT-style: token i may attend only to tokens 0…i, so later keys get a score of -∞. */
function applyCausalMask(m: Matrix): void {
  for (let i = 0; i < m.rows; i++) {
    for (let j = i + 1; j < m.cols; j++) m.data[i * m.cols + j] = -Infinity;
  }
}

/** Row-wise softmax, shifted by the row's maximum so exp never overflows; exp(-∞) is exactly 0. */
export function softmaxRows(m: Matrix): Matrix {
  const out = zeros(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) {
    const row = m.data.subarray(i * m.cols, (i + 1) * m.cols);
    const target = out.data.subarray(i * m.cols, (i + 1) * m.cols);
    let max = -Infinity;
    for (const value of row) if (value > max) max = value;
    let sum = 0;
    for (let j = 0; j < row.length; j++) {
      target[j] = Math.exp(row[j] - max);
      sum += target[j];
    }
    for (let j = 0; j < row.length; j++) target[j] /= sum;
  }
  return out;
}
