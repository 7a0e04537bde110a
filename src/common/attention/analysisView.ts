/** What one analysis is asked for, and what of its result the panel shows: the core's own data. */
import type { AttentionConfig } from './config';
import type { Token } from './tokenizer';
import type { ModelRef, ModelViewPart } from '../models/view/modelView';

export interface AnalysisRequest {
  readonly text: string;
  /** Where the text came from, for the panel's title (a file name, "Untitled", …). */
  readonly sourceName: string;
  readonly config: AttentionConfig;
  /** The most tokens to analyse; the rest of the text is left out. */
  readonly maxTokens: number;
  /** A pretrained model to run instead of the built-in engine (whose `config` is then ignored). */
  readonly model?: ModelRef;
}

/** The weights of one analysis, not every intermediate. */
export interface AttentionView {
  /** The analysed text; token offsets point into it. */
  readonly text: string;
  readonly sourceName: string;
  readonly tokens: readonly Token[];
  readonly config: AttentionConfig;
  /**
   * Per head, the N×N softmax weights in row-major order: row = query token, column = key token.
   * Float32, binary: they reach the panel as typed arrays (VS Code transfers them as bytes), where
   * JSON arrays of 2,048² numbers per head would pass V8's longest string.
   */
  readonly weights: readonly Float32Array[];
  /** Set for more than FULL_VIEW_MAX_TOKENS tokens: `weights` are then overviews (WeightsOverview). */
  readonly overview?: WeightsOverview;
  /** Set when only the first tokens were analysed: how many the whole selection had. */
  readonly totalTokens?: number;
  /** Time the computation took, in milliseconds. */
  readonly elapsedMs: number;
  /**
   * Set when a pretrained model computed this: `weights` are then the heads of `model.display.layer`,
   * `tokens` what the display shows (pieces, or words), and `config` the model's sizes (d_model
   * the hidden size, the mask causal for GPT-2; seed and positional mean nothing).
   */
  readonly model?: ModelViewPart;
}

/**
 * What a long selection sends instead of N × N weights: per head (in AttentionView.weights) a
 * size × size matrix whose cell (r, c) is the largest weight of queries r·block … r·block+block−1
 * and keys c·block … c·block+block−1 (cut at N), so a peak is never averaged away. The maximum
 * over heads is the maximum of these; the average over heads is not the average of their maxima,
 * so its overview comes too. The exact weights of any part come as a WeightsTile when asked for.
 */
export interface WeightsOverview {
  readonly block: number;
  readonly size: number;
  /** size × size: the largest value of each block of the heads' average. */
  readonly average: Float32Array;
}

/** Exact weights of a rectangle of one head's N × N matrix, or of the heads' average or maximum. */
export interface WeightsTile {
  readonly head: number | 'average' | 'maximum';
  readonly row0: number;
  readonly col0: number;
  readonly rows: number;
  readonly cols: number;
  /** rows × cols, row-major. */
  readonly values: Float32Array;
}
