/**
 * The chapter's lines of dimensions ("4×512 ∗ 512×64 = 4×64"), written from the actual sizes of an
 * analysis: N tokens, d_model, d_k and the number of heads.
 */
import type { AttentionConfig } from './config';

export interface DimensionLines {
  /** X·Wq/Wk/Wv = Q/K/V. */
  readonly projection: string;
  /** Q·Kᵀ. */
  readonly scores: string;
  /** Q·Kᵀ/√d_k and its softmax: the same shape. */
  readonly square: string;
  /** softmax(…)·V = Z. */
  readonly z: string;
  /** The heads' Z side by side. */
  readonly concat: string;
  /** concat·Wo. */
  readonly output: string;
}

const size = (rows: number, cols: number) => `${rows}×${cols}`;
const product = (rows: number, inner: number, cols: number) => `${size(rows, inner)} ∗ ${size(inner, cols)} = ${size(rows, cols)}`;

export function dimensionLines(n: number, config: AttentionConfig): DimensionLines {
  const { dModel, dK, heads } = config;
  return {
    projection: product(n, dModel, dK),
    scores: product(n, dK, n),
    square: size(n, n),
    z: product(n, n, dK),
    concat: `${heads} × ${size(n, dK)} → ${size(n, heads * dK)}`,
    output: product(n, heads * dK, dModel),
  };
}
