/**
 * The arithmetic behind one cell (query i, key j) of one head: the chapter's steps 5–8 for a single
 * pair of tokens, with every intermediate a reader may want to check by hand. Each number is made
 * by the engine's own operations in the engine's order (attention.ts: matmulTransposed, scale by
 * 1/√d_k, causal mask, softmaxRows, matmul), so score and weight are identical to the head's
 * matrices, not merely close. On the float32 matrices of the WebAssembly kernels (selections of
 * FAST_FROM_TOKENS tokens or more) the same sums in float64 agree with them to about 1e-6.
 */
import type { HeadSteps } from './steps';

export interface CellArithmetic {
  /** 0-based indexes of the query (row) and key (column) tokens. */
  readonly query: number;
  readonly key: number;
  readonly dK: number;
  /** q_i and k_j: row i of Q and row j of K (copies). */
  readonly queryVector: Float64Array;
  readonly keyVector: Float64Array;
  /** q_i[k]·k_j[k] for k = 0…dK−1. */
  readonly products: Float64Array;
  /** Σ products, summed from k = 0 up as matmulTransposed does: === head.scores at (i, j). */
  readonly score: number;
  readonly sqrtDk: number;
  /** score · (1/√dK), as attend scales; −Infinity when masked: === head.scaled at (i, j). */
  readonly scaled: number;
  /** Whether the causal mask hides this key from this query. */
  readonly masked: boolean;
  /** The largest scaled score of row i: softmax's shift. */
  readonly rowMax: number;
  /** exp(scaled − rowMax); 0 when masked. */
  readonly numerator: number;
  /** Σ over row i of exp(scaled − rowMax), summed from j = 0 up as softmaxRows does. */
  readonly denominator: number;
  /** numerator / denominator: === head.weights at (i, j). */
  readonly weight: number;
  /** weight · v_j: key j's part of z_i (Σ over j of these is z_i). */
  readonly contribution: Float64Array;
  /**
   * How much of z_i this contribution is: its projection on z_i, (contribution · z_i) / |z_i|².
   * Of the measures of "part of a vector" this is the one that adds up: since Σ_j contribution_j
   * = z_i, the shares of a row's keys sum to exactly 1 (a norm ratio |c_j|/|z_i| does not, and the
   * weight alone ignores how long and how aligned v_j is). A share can be negative (v_j pulls
   * against the result) or above 1 (others pull back). 0 when z_i is the zero vector.
   */
  readonly share: number;
}

/** One cell's arithmetic; a RangeError when the query or key is not a token of the head. */
export function cellArithmetic(head: HeadSteps, query: number, key: number): CellArithmetic {
  const n = head.scores.rows;
  for (const [name, index] of [['query', query], ['key', key]] as const) {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`${name} ${index} is not a token index: the head has ${n} tokens (0…${n - 1})`);
    }
  }
  const { q, k, v, z } = head;
  const dK = k.cols;

  // Step 5, as matmulTransposed: one left-to-right sum over k.
  const queryVector = Float64Array.from(q.data.subarray(query * dK, (query + 1) * dK));
  const keyVector = Float64Array.from(k.data.subarray(key * dK, (key + 1) * dK));
  const products = new Float64Array(dK);
  let score = 0;
  for (let c = 0; c < dK; c++) {
    products[c] = queryVector[c] * keyVector[c];
    score += products[c];
  }

  // Step 6, as attend: multiplied by the reciprocal of √dK, then (causal) masked. The mask is the
  // one fact a head's Q and K do not carry; the engine's scaled matrix does.
  const sqrtDk = Math.sqrt(dK);
  const row = head.scaled.data.subarray(query * n, (query + 1) * n);
  const masked = row[key] === -Infinity;
  const scaled = masked ? -Infinity : score * (1 / sqrtDk);

  // Step 7, as softmaxRows: shift by the row's maximum, exponentiate, sum left to right, divide.
  let rowMax = -Infinity;
  for (const value of row) if (value > rowMax) rowMax = value;
  let denominator = 0;
  for (let j = 0; j < n; j++) denominator += j === key ? Math.exp(scaled - rowMax) : Math.exp(row[j] - rowMax);
  const numerator = Math.exp(scaled - rowMax);
  const weight = numerator / denominator;

  // Step 8, as matmul: z_i[c] accumulates weights[i][j] · v[j][c] over j.
  const dV = v.cols;
  const contribution = new Float64Array(dV);
  let dot = 0;
  let zz = 0;
  for (let c = 0; c < dV; c++) {
    contribution[c] = weight * v.data[key * dV + c];
    const zc = z.data[query * dV + c];
    dot += contribution[c] * zc;
    zz += zc * zc;
  }
  const share = zz > 0 ? dot / zz : 0;

  return { query, key, dK, queryVector, keyVector, products, score, sqrtDk, scaled, masked, rowMax, numerator, denominator, weight, contribution, share };
}
