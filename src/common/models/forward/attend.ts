/**
 * Multi-head scaled dot-product attention from a layer's projected queries, keys and values,
 * the part BERT and GPT-2 share: per head P = softmax(Q_h·K_hᵀ · scale) (causal: key j > i
 * masked), Z_h = P·V_h, and the heads' Z side by side. The scale is the caller's, as GPT-2 may
 * leave out 1/√d or add 1/(layer + 1).
 */
import type { Kernels } from '../../kernels/kernels';
import { columns } from './ops';

/** Q, K and V of every head, each a block of `width` columns of its matrix (rows `stride` wide). */
export interface Projected {
  readonly n: number;
  readonly heads: number;
  readonly headSize: number;
  /** Each N × stride; head h's columns are offset + h·headSize … (GPT-2's c_attn holds all three). */
  readonly q: Float32Array;
  readonly k: Float32Array;
  readonly v: Float32Array;
  readonly stride: number;
  readonly offsets: readonly [q: number, k: number, v: number];
}

export interface Attended {
  /** Per head, N × N: the softmax weights, each row summing to 1. */
  readonly weights: Float32Array[];
  /** N × (heads · headSize): concat(Z_1, …, Z_H). */
  readonly context: Float32Array;
}

export function attendHeads(kernels: Kernels, p: Projected, scale: number, causal: boolean): Attended {
  const { n, heads, headSize: d, stride } = p;
  const width = heads * d;
  const context = new Float32Array(n * width);
  const weights: Float32Array[] = [];
  for (let h = 0; h < heads; h++) {
    const q = columns(p.q, n, stride, p.offsets[0] + h * d, d);
    const k = columns(p.k, n, stride, p.offsets[1] + h * d, d);
    const v = columns(p.v, n, stride, p.offsets[2] + h * d, d);
    const scores = kernels.matmulTransposed(q, k, n, d, n);
    maskAndScale(scores, n, scale, causal);
    const w = kernels.softmaxRows(scores, n, n);
    weights.push(w);
    const z = kernels.matmul(w, v, n, n, d);
    for (let i = 0; i < n; i++) context.set(z.subarray(i * d, (i + 1) * d), i * width + h * d);
  }
  return { weights, context };
}

/**
 * scores · scale, in place; under the causal mask the keys after the query get −∞, whose softmax
 * weight is exactly 0 (transformers fills them with float32's minimum instead: the same zero).
 */
export function maskAndScale(scores: Float32Array, n: number, scale: number, causal: boolean): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) scores[i * n + j] = causal && j > i ? -Infinity : scores[i * n + j] * scale;
  }
}
