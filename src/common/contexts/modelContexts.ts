/**
 * Compare Contexts with a pretrained model: per sentence, one run of the model; the word is found
 * among the document's words (pieces merged, special tokens left out, as the panel's toggles do).
 * Its static embedding is the mean of its pieces' input word embeddings (no position or type
 * embeddings), its contextual output the mean of their last hidden states, its attention row the
 * last layer's heads' average, merged onto the words.
 */
import type { LoadedModel } from '../models/folder/modelFolder';
import { runModel } from '../models/run/runModel';
import { displayUnits, displayWeights } from '../models/view/displayUnits';
import type { ContextsRequest, ContextsResult, SentenceContext } from './contexts';
import { findWord } from './findWord';
import { cosineTable, meanRows } from './vectors';

export function modelContexts(model: LoadedModel, request: ContextsRequest): ContextsResult {
  const started = performance.now();
  const { config, weights, info } = model;
  const d = config.hiddenSize;
  const embeddings = weights.modelType === 'bert' ? weights.wordEmbeddings.data : weights.tokenEmbeddings.data;
  const sentences = request.sentences.map((sentence): SentenceContext => {
    const run = runModel(model, sentence.text, { maxTokens: request.maxTokens });
    const units = displayUnits(sentence.text, run.tokens, { hideSpecial: true, mergeWords: true });
    const tokens = units.map((unit) => unit.token);
    const match = findWord(sentence.text, tokens, request.word);
    if ('missing' in match) return { ...sentence, tokens, missing: match.missing };
    const pieces = match.tokens.flatMap((u) => units[u].pieces);
    const { n } = run.attention;
    const last = run.attention.weights[run.attention.layers - 1];
    const average = new Float32Array(n * n);
    for (const head of last) for (let i = 0; i < average.length; i++) average[i] += head[i] / last.length;
    const merged = displayWeights(average, n, units);
    return {
      ...sentence,
      tokens,
      wordTokens: match.tokens,
      staticVector: meanRows(embeddings, d, pieces.map((p) => run.ids[p])),
      contextual: meanRows(run.attention.hidden, d, pieces),
      attention: meanRows(merged, units.length, match.tokens),
    };
  });
  return {
    word: request.word,
    engine: { kind: 'model', name: info.name, type: info.type, layers: info.layers, heads: info.heads, hidden: info.hidden },
    sentences,
    staticCosines: cosineTable(sentences.map((s) => s.staticVector)),
    contextualCosines: cosineTable(sentences.map((s) => s.contextual)),
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
