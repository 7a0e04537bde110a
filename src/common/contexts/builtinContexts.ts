/**
 * Compare Contexts with the built-in engine (one layer of the chapter's multi-head attention,
 * float64 reference): per sentence, the word's static embedding is its tokens' rows of the
 * embeddings (before positions), its contextual output their rows of concat·Wo (the heads
 * concatenated and projected: where the chapter's steps end), its attention row the heads'
 * average of their rows; each a mean over the word's tokens.
 */
import { tokensToAnalyse } from '../attention/analysis';
import { computeAttention } from '../attention/attention';
import type { ContextsRequest, ContextsResult, SentenceContext } from './contexts';
import { findWord } from './findWord';
import { cosineTable, meanRows } from './vectors';

export function builtinContexts(request: ContextsRequest): ContextsResult {
  const started = performance.now();
  const { config } = request;
  const sentences = request.sentences.map((sentence): SentenceContext => {
    const { tokens } = tokensToAnalyse(sentence.text, request.maxTokens);
    const match = findWord(sentence.text, tokens, request.word);
    if ('missing' in match) return { ...sentence, tokens, missing: match.missing };
    const result = computeAttention(tokens, config);
    const n = tokens.length;
    const attention = new Array<number>(n).fill(0);
    const share = 1 / (result.heads.length * match.tokens.length);
    for (const head of result.heads) for (const i of match.tokens) for (let j = 0; j < n; j++) attention[j] += head.weights.data[i * n + j] * share;
    return {
      ...sentence,
      tokens,
      wordTokens: match.tokens,
      staticVector: meanRows(result.embeddings.data, config.dModel, match.tokens),
      contextual: meanRows(result.output.data, config.dModel, match.tokens),
      attention,
    };
  });
  return {
    word: request.word,
    engine: { kind: 'builtin', config },
    sentences,
    staticCosines: cosineTable(sentences.map((s) => s.staticVector)),
    contextualCosines: cosineTable(sentences.map((s) => s.contextual)),
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
