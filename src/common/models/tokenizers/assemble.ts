import { AddedVocabulary, type AddedToken } from './addedTokens';
import { AlignedText } from './alignedText';
import { bertNormalize, type BertNormalizerOptions } from './bertNormalizer';
import { bertPreTokenize } from './bertPreTokenizer';
import { Bpe } from './bpe';
import type { MergeTable } from './bpe';
import { byteLevelPreTokenize, type ByteLevelOptions } from './byteLevel';
import { PipelineTokenizer } from './pipeline';
import type { SpecialTemplate } from './specialTemplate';
import type { ModelTokenizer } from './types';
import { WordPiece, type WordPieceOptions } from './wordPiece';

/**
 * The two tokenizers put together from their settings, whichever files the settings came from:
 * tokenizer.json and the legacy files (vocab.txt, vocab.json + merges.txt) meet here, so the
 * same settings give the same tokenizer.
 */

export interface BertSettings extends WordPieceOptions {
  /** null: the text is not normalized (a tokenizer.json whose normalizer is null). */
  readonly normalizer: BertNormalizerOptions | null;
  readonly addedTokens: readonly AddedToken[];
  readonly template: SpecialTemplate;
}

export function assembleBert(settings: BertSettings): ModelTokenizer {
  const { normalizer } = settings;
  const normalize = normalizer ? (text: AlignedText) => bertNormalize(text, normalizer) : null;
  return new PipelineTokenizer({
    modelType: 'bert',
    vocabSize: vocabSize(settings.vocab, settings.addedTokens),
    added: new AddedVocabulary(settings.addedTokens, (content) => (normalize ? normalize(AlignedText.fromOriginal(content)).text : content)),
    normalize,
    preTokenize: bertPreTokenize,
    model: new WordPiece(settings),
    trimOffsets: null,
    template: settings.template,
  });
}

export interface Gpt2Settings {
  readonly vocab: ReadonlyMap<string, number>;
  readonly merges: MergeTable;
  readonly unkToken: string | null;
  readonly fuseUnk: boolean;
  readonly ignoreMerges: boolean;
  readonly byteLevel: ByteLevelOptions;
  readonly trimOffsets: boolean;
  readonly addedTokens: readonly AddedToken[];
  readonly template: SpecialTemplate;
}

export function assembleGpt2(settings: Gpt2Settings): ModelTokenizer {
  return new PipelineTokenizer({
    modelType: 'gpt2',
    vocabSize: vocabSize(settings.vocab, settings.addedTokens),
    // GPT-2 has no normalizer: a "normalized" added token is matched as it is.
    added: new AddedVocabulary(settings.addedTokens, (content) => content),
    normalize: null,
    preTokenize: (text) => byteLevelPreTokenize(text, settings.byteLevel),
    model: new Bpe(settings),
    trimOffsets: settings.trimOffsets ? { addPrefixSpace: settings.byteLevel.addPrefixSpace } : null,
    template: settings.template,
  });
}

function vocabSize(vocab: ReadonlyMap<string, number>, added: readonly AddedToken[]): number {
  let max = -1;
  for (const id of vocab.values()) max = Math.max(max, id);
  for (const token of added) max = Math.max(max, token.id);
  return max + 1;
}
