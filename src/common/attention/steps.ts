/**
 * What the steps view shows: the engine's own intermediates for one analysis, kept small. An
 * analysis keeps its O(N·d) matrices (embeddings, X, each head's Q, K, V and Z, the output) and
 * recomputes a head's N × N scores, scaled scores and weights only when that head is looked at,
 * with the same functions and so the same numbers as computeAttention.
 */
import { attend, type AttentionResult } from './attention';
import type { AttentionConfig } from './config';
import type { Matrix } from './matrix';
import type { Token } from './tokenizer';
import type { HeadWeights } from './weights';

/** One head's part of the retained analysis: its weights and its O(N·d_k) products. */
export interface RetainedHead extends HeadWeights {
  readonly q: Matrix;
  readonly k: Matrix;
  readonly v: Matrix;
  readonly z: Matrix;
}

/** What is shared by every head: steps 2, 3 and the multi-head step. */
export interface LayerSteps {
  /** N × dModel: each token's static embedding (step 2). */
  readonly embeddings: Matrix;
  /** N × dModel: the sinusoidal positional encoding, when it is on. */
  readonly positions?: Matrix;
  /** N × dModel: X = embeddings (+ positions) (step 3). */
  readonly x: Matrix;
  /** N × (heads · dK): the heads' Z side by side. */
  readonly concat: Matrix;
  /** (heads · dK) × dModel. */
  readonly wo: Matrix;
  /** N × dModel: concat · Wo. */
  readonly output: Matrix;
}

/** One head's steps 4–8. */
export interface HeadSteps extends RetainedHead {
  readonly head: number;
  /** N × N: Q·Kᵀ. */
  readonly scores: Matrix;
  /** N × N: Q·Kᵀ / √dK; masked entries are -Infinity. */
  readonly scaled: Matrix;
  /** N × N: softmax of each row of `scaled`. */
  readonly weights: Matrix;
}

/** Everything the steps view draws for one head. */
export interface StepsData {
  readonly layer: LayerSteps;
  readonly head: HeadSteps;
}

/** An analysis as kept for the steps view: no N × N matrix of any head. */
export interface RetainedAnalysis {
  readonly tokens: readonly Token[];
  readonly config: AttentionConfig;
  readonly layer: LayerSteps;
  readonly heads: readonly RetainedHead[];
}

/** Drops every head's N × N matrices from a result; headSteps brings one head's back. */
export function retain(result: AttentionResult): RetainedAnalysis {
  const { tokens, config, embeddings, positions, x, wo, concat, output } = result;
  return {
    tokens,
    config,
    layer: { embeddings, ...(positions ? { positions } : {}), x, concat, wo, output },
    heads: result.heads.map(({ wq, wk, wv, q, k, v, z }) => ({ wq, wk, wv, q, k, v, z })),
  };
}

/** Steps 5–7 of one head, recomputed from its Q, K and V exactly as computeAttention did. */
export function headSteps(analysis: RetainedAnalysis, head: number): StepsData {
  const kept = analysis.heads[head];
  if (!kept) throw new RangeError(`there is no head ${head + 1}: the analysis has ${analysis.heads.length}`);
  const { scores, scaled, weights } = attend(kept.q, kept.k, kept.v, analysis.config.mask);
  return { layer: analysis.layer, head: { ...kept, head, scores, scaled, weights } };
}
