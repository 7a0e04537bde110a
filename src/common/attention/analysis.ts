/**
 * From text to what the panel shows: tokenize, check the size, compute. Shared by the CLI, the
 * extension host's worker thread and (later) a web worker.
 */
import { computeAttention, type AttentionResult, type HeadProgress } from './attention';
import type { AnalysisRequest, AttentionView } from './analysisView';
import { FULL_MATRIX_MAX_TOKENS, LONG_MAX_TOKENS } from './longSelection';
import { countTokens, tokenize, type Token } from './tokenizer';

/** The default and the ceiling of the max-tokens setting (blockwise beyond FULL_MATRIX_MAX_TOKENS). */
export const DEFAULT_MAX_TOKENS = 256;
export const HARD_MAX_TOKENS = LONG_MAX_TOKENS;

/** Input a user can fix (empty text, too many tokens); its message is meant to be shown as is. */
export class InputError extends Error {}

/**
 * The text's first `maxTokens` tokens and whether it has more, or an InputError saying why there
 * is nothing to analyse. Tokenizes no further than one token past the limit, whatever the text's size.
 */
export function tokensToAnalyse(text: string, maxTokens: number): { tokens: Token[]; more: boolean } {
  const tokens = tokenize(text, maxTokens + 1);
  if (tokens.length === 0) throw new InputError('There is no text to analyse: it is empty or only whitespace.');
  const more = tokens.length > maxTokens;
  return { tokens: more ? tokens.slice(0, maxTokens) : tokens, more };
}

export function analyse(request: AnalysisRequest, onHead?: HeadProgress): { result: AttentionResult; view: AttentionView } {
  const started = performance.now();
  const { tokens, more } = tokensToAnalyse(request.text, request.maxTokens);
  // The reference keeps every N × N intermediate: a long selection is the blockwise kernels' work.
  if (tokens.length > FULL_MATRIX_MAX_TOKENS) throw new RangeError(`the reference engine computes at most ${FULL_MATRIX_MAX_TOKENS} tokens, not ${tokens.length}`);
  const result = computeAttention(tokens, request.config, onHead);
  const weights = result.heads.map((head) => Float32Array.from(head.weights.data));
  return { result, view: viewOf(request, { tokens, more }, weights, started) };
}

/** What the panel shows of an analysis, whichever engine computed its weights. */
export function viewOf(request: AnalysisRequest, analysed: { tokens: Token[]; more: boolean }, weights: Float32Array[], started: number): AttentionView {
  const { tokens, more } = analysed;
  return {
    // Only the analysed part: a huge selection is not copied to the panel.
    text: request.text.slice(0, tokens[tokens.length - 1].end),
    sourceName: request.sourceName,
    tokens,
    config: request.config,
    weights,
    // Counted in full only when the text is longer than what is analysed: linear, about 1 µs a token.
    ...(more ? { totalTokens: countTokens(request.text) } : {}),
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
