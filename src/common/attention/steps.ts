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

/**
 * A matrix of the steps view: float64 from the reference engine (short selections), float32 from
 * the WebAssembly kernels (longer ones), whose numbers are then the ones the heatmap shows.
 */
export interface StepsMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | Float32Array;
}

/** What is shared by every head: steps 2, 3 and the multi-head step. */
export interface LayerSteps {
  /** N × dModel: each token's static embedding (step 2). */
  readonly embeddings: StepsMatrix;
  /** N × dModel: the sinusoidal positional encoding, when it is on. */
  readonly positions?: StepsMatrix;
  /** N × dModel: X = embeddings (+ positions) (step 3). */
  readonly x: StepsMatrix;
  /** N × (heads · dK): the heads' Z side by side. */
  readonly concat: StepsMatrix;
  /** (heads · dK) × dModel. */
  readonly wo: StepsMatrix;
  /** N × dModel: concat · Wo. */
  readonly output: StepsMatrix;
}

/** One head's steps 4–8. */
export interface HeadSteps {
  readonly head: number;
  /** dModel × dK each: the head's weight matrices (step 4). */
  readonly wq: StepsMatrix;
  readonly wk: StepsMatrix;
  readonly wv: StepsMatrix;
  /** N × dK each (steps 4 and 8). */
  readonly q: StepsMatrix;
  readonly k: StepsMatrix;
  readonly v: StepsMatrix;
  readonly z: StepsMatrix;
  /** N × N: Q·Kᵀ. */
  readonly scores: StepsMatrix;
  /** N × N: Q·Kᵀ / √dK; masked entries are -Infinity. */
  readonly scaled: StepsMatrix;
  /** N × N: softmax of each row of `scaled`. */
  readonly weights: StepsMatrix;
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
  readonly layer: { readonly [K in keyof LayerSteps]: Matrix };
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
