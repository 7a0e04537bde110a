/** What one analysis is asked for, and what of its result the panel shows: the core's own data. */
import type { AttentionConfig } from './config';
import type { Token } from './tokenizer';

export interface AnalysisRequest {
  readonly text: string;
  /** Where the text came from, for the panel's title (a file name, "Untitled", …). */
  readonly sourceName: string;
  readonly config: AttentionConfig;
  /** The most tokens to analyse; the rest of the text is left out. */
  readonly maxTokens: number;
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
  /** Set when only the first tokens were analysed: how many the whole selection had. */
  readonly totalTokens?: number;
  /** Time the computation took, in milliseconds. */
  readonly elapsedMs: number;
}
