import type { AddedToken } from './addedTokens';
import { assembleBert, assembleGpt2 } from './assemble';
import { buildMergeTable, configToken, field, isObject, parseAddedToken, parseJsonObject, parseMergesTxt, parseVocabObject, parseVocabTxt, type JsonObject } from './fileParsing';
import type { LoadOptions } from './fromTokenizerJson';
import { NO_TEMPLATE, type TemplateToken } from './specialTemplate';
import { TokenizerError, type ModelTokenizer } from './types';

const CONFIG = 'tokenizer_config.json';

/**
 * BERT from vocab.txt and tokenizer_config.json, as transformers builds its fast tokenizer from
 * them (convert_slow_tokenizer's BertConverter): BertNormalizer with clean_text, the config's
 * do_lower_case (default true), tokenize_chinese_chars (default true) and strip_accents (default:
 * follow lowercasing); WordPiece with ## and 100 characters a word; [CLS] $A [SEP]. The special
 * tokens are added tokens, so that `[MASK]` typed in the text is the token [MASK].
 */
export function bertFromVocabTxt(vocabText: string, configText: string | undefined): ModelTokenizer {
  const config = configText === undefined ? {} : parseJsonObject(CONFIG, configText);
  const vocab = parseVocabTxt(vocabText);
  const strip = config.strip_accents;
  if (strip !== undefined && strip !== null && typeof strip !== 'boolean') throw new TokenizerError('"strip_accents" should be true, false or null', CONFIG);
  const names = { unk: configToken(config, 'unk_token', '[UNK]'), sep: configToken(config, 'sep_token', '[SEP]'), cls: configToken(config, 'cls_token', '[CLS]') };
  const specials = [names.unk, names.sep, configToken(config, 'pad_token', '[PAD]'), names.cls, configToken(config, 'mask_token', '[MASK]')];
  const addedTokens = withSpecials(configAddedTokens(config), specials, vocab);
  return assembleBert({
    vocab,
    unkToken: names.unk,
    continuingSubwordPrefix: '##',
    maxInputCharsPerWord: 100,
    normalizer: {
      cleanText: true,
      handleChineseChars: field(CONFIG, config, 'tokenize_chinese_chars', true),
      stripAccents: strip ?? null,
      lowercase: field(CONFIG, config, 'do_lower_case', true),
    },
    addedTokens,
    template: { before: [templateToken(names.cls, vocab, addedTokens, 'vocab.txt')], after: [templateToken(names.sep, vocab, addedTokens, 'vocab.txt')] },
  });
}

/**
 * GPT-2 from vocab.json and merges.txt (transformers' GPT2Converter): ByteLevel with the
 * config's add_prefix_space (default false), BPE without unknown token, nothing added around
 * the text (unless the config says add_bos_token). <|endoftext|> is an added special token.
 */
export function gpt2FromVocabJson(vocabText: string, mergesText: string, configText: string | undefined, options: LoadOptions): ModelTokenizer {
  const config = configText === undefined ? {} : parseJsonObject(CONFIG, configText);
  const vocab = parseVocabObject('vocab.json', parseJsonObject('vocab.json', vocabText), 'the vocabulary');
  const specials = ['unk_token', 'bos_token', 'eos_token'].map((key) => configToken(config, key, '<|endoftext|>'));
  const addedTokens = withSpecials(configAddedTokens(config), specials, vocab);
  const bos = configToken(config, 'bos_token', '<|endoftext|>');
  return assembleGpt2({
    vocab,
    merges: buildMergeTable('merges.txt', vocab, parseMergesTxt(mergesText)),
    unkToken: null,
    fuseUnk: false,
    ignoreMerges: false,
    byteLevel: { addPrefixSpace: field(CONFIG, config, 'add_prefix_space', false), useRegex: true },
    trimOffsets: options.trimOffsets ?? true,
    addedTokens,
    template: field(CONFIG, config, 'add_bos_token', false) ? { before: [templateToken(bos, vocab, addedTokens, 'vocab.json')], after: [] } : NO_TEMPLATE,
  });
}

/** tokenizer_config.json's `added_tokens_decoder`: `{ "id": { "content": …, … } }`. */
function configAddedTokens(config: JsonObject): AddedToken[] {
  const decoder = config.added_tokens_decoder;
  if (decoder === undefined || decoder === null) return [];
  if (!isObject(decoder)) throw new TokenizerError('"added_tokens_decoder" should be an object', CONFIG);
  return Object.entries(decoder).map(([id, value]) => {
    if (!/^\d+$/.test(id)) throw new TokenizerError(`added_tokens_decoder has the key "${id}", which is not an id`, CONFIG);
    return parseAddedToken(CONFIG, value, `added_tokens_decoder["${id}"]`, Number(id));
  });
}

/** The configured special tokens that are in the vocabulary, as special added tokens matched as typed, unless already listed. */
function withSpecials(added: AddedToken[], specials: readonly string[], vocab: ReadonlyMap<string, number>): AddedToken[] {
  const all = [...added];
  for (const content of specials) {
    const id = vocab.get(content);
    if (id === undefined || all.some((t) => t.content === content)) continue;
    all.push({ id, content, special: true, normalized: false, lstrip: false, rstrip: false, singleWord: false });
  }
  return all;
}

function templateToken(text: string, vocab: ReadonlyMap<string, number>, added: readonly AddedToken[], file: string): TemplateToken {
  const id = vocab.get(text) ?? added.find((t) => t.content === text)?.id;
  if (id === undefined) throw new TokenizerError(`has no "${text}" token, which the model puts around every text`, file);
  return { id, text };
}
