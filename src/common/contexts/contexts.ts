/**
 * Compare Contexts (the chapter's "bank" example): one word in several sentences, with its static
 * embedding, its contextual output and its attention row in each. These are the request the host
 * sends to a worker and the result the worker computes and the panel shows.
 */
import type { AttentionConfig } from '../attention/config';
import type { Token } from '../attention/tokenizer';
import type { ModelRef } from '../models/view/modelView';

/** A sentence to compare the word in; `translation`: the chapter's Chinese for an English original. */
export interface ContextSentence {
  readonly text: string;
  readonly translation?: string;
}

export interface ContextsRequest {
  readonly word: string;
  readonly sentences: readonly ContextSentence[];
  /** The built-in engine's settings (a model ignores them). */
  readonly config: AttentionConfig;
  readonly maxTokens: number;
  readonly model?: ModelRef;
}

/** Why a sentence has no vectors for the word. */
export type MissingWord =
  /** The word does not occur in the (analysed part of the) sentence. */
  | { readonly reason: 'absent' }
  /** It occurs only inside a longer token, e.g. 行 inside 银行: that token is not the word. */
  | { readonly reason: 'insideToken'; readonly token: string };

export interface SentenceContext extends ContextSentence {
  /** The sentence's tokens as the engine has them (a model's: its words, special tokens left out). */
  readonly tokens: readonly Token[];
  /** The tokens that make up the word's first occurrence; absent with `missing`. */
  readonly wordTokens?: readonly number[];
  readonly missing?: MissingWord;
  /** The word's static embedding (mean over its tokens), before any context. */
  readonly staticVector?: readonly number[];
  /** Its contextual output (mean over its tokens). */
  readonly contextual?: readonly number[];
  /** Its attention row over `tokens` (heads averaged, mean over its tokens); sums to 1. */
  readonly attention?: readonly number[];
}

/** What computed the vectors. */
export type ContextsEngine =
  | { readonly kind: 'builtin'; readonly config: AttentionConfig }
  | { readonly kind: 'model'; readonly name: string; readonly type: 'bert' | 'gpt2'; readonly layers: number; readonly heads: number; readonly hidden: number };

export interface ContextsResult {
  readonly word: string;
  readonly engine: ContextsEngine;
  readonly sentences: readonly SentenceContext[];
  /** Cosine similarity of every pair of sentences' static embeddings; null where a sentence has none. */
  readonly staticCosines: readonly (readonly (number | null)[])[];
  readonly contextualCosines: readonly (readonly (number | null)[])[];
  readonly elapsedMs: number;
}
