import type { AddedToken } from './addedTokens';
import { assembleBert, assembleGpt2 } from './assemble';
import type { BertNormalizerOptions } from './bertNormalizer';
import type { ByteLevelOptions } from './byteLevel';
import { buildMergeTable, field, isObject, parseAddedToken, parseJsonObject, parseMergesJson, parseVocabObject, type JsonObject } from './fileParsing';
import { NO_TEMPLATE, type SpecialTemplate, type TemplateToken } from './specialTemplate';
import { TokenizerError, type ModelTokenizer } from './types';

const FILE = 'tokenizer.json';

export interface LoadOptions {
  /**
   * GPT-2: leave a Ġ piece's leading and trailing spaces out of its span (trim_offsets), as the
   * extension paints them. Default true. Hugging Face's own GPT-2 files do not trim (their
   * post-processor says trim_offsets: false, or has none), so false gives their offsets literally.
   */
  readonly trimOffsets?: boolean;
}

/** A tokenizer from a Hugging Face tokenizer.json: the parts BERT and GPT-2 use, anything else refused by name. */
export function fromTokenizerJson(text: string, modelType: 'bert' | 'gpt2', options: LoadOptions): ModelTokenizer {
  const root = parseJsonObject(FILE, text);
  const model = root.model;
  if (!isObject(model)) throw new TokenizerError('has no "model" object', FILE);
  const kind = typeof model.type === 'string' ? model.type : 'merges' in model ? 'BPE' : 'WordPiece';
  const addedTokens = parseAddedTokens(root.added_tokens);
  const post = parsePostProcessor(root.post_processor);
  if (modelType === 'bert') {
    if (kind !== 'WordPiece') throw new TokenizerError(`its model is ${kind}, not the WordPiece model of a BERT tokenizer`, FILE);
    expectPreTokenizer(root.pre_tokenizer, 'BertPreTokenizer');
    return assembleBert({
      vocab: parseVocabObject(FILE, model.vocab, 'model.vocab'),
      unkToken: field(FILE, model, 'unk_token', '[UNK]', 'model: '),
      continuingSubwordPrefix: field(FILE, model, 'continuing_subword_prefix', '##', 'model: '),
      maxInputCharsPerWord: field(FILE, model, 'max_input_chars_per_word', 100, 'model: '),
      normalizer: parseBertNormalizer(root.normalizer),
      addedTokens,
      template: post.template,
    });
  }
  if (kind !== 'BPE') throw new TokenizerError(`its model is ${kind}, not the BPE model of a GPT-2 tokenizer`, FILE);
  if (root.normalizer !== null && root.normalizer !== undefined) throw new TokenizerError(`its normalizer (${typeName(root.normalizer)}) is not supported: GPT-2 has none`, FILE);
  for (const key of ['continuing_subword_prefix', 'end_of_word_suffix']) {
    if (field(FILE, model, key, '', 'model: ')) throw new TokenizerError(`model.${key} is not supported (GPT-2 has none)`, FILE);
  }
  if (field(FILE, model, 'byte_fallback', false, 'model: ')) throw new TokenizerError('model.byte_fallback is not supported (GPT-2 does not use it)', FILE);
  if (field(FILE, model, 'dropout', 0, 'model: ') > 0) throw new TokenizerError('model.dropout is not supported: it makes the ids random', FILE);
  const vocab = parseVocabObject(FILE, model.vocab, 'model.vocab');
  const unk = model.unk_token;
  return assembleGpt2({
    vocab,
    merges: buildMergeTable(FILE, vocab, parseMergesJson(FILE, model.merges)),
    unkToken: typeof unk === 'string' ? unk : null,
    fuseUnk: field(FILE, model, 'fuse_unk', false, 'model: '),
    ignoreMerges: field(FILE, model, 'ignore_merges', false, 'model: '),
    byteLevel: expectPreTokenizer(root.pre_tokenizer, 'ByteLevel'),
    trimOffsets: options.trimOffsets ?? true,
    addedTokens,
    template: post.template,
  });
}

function parseAddedTokens(value: unknown): AddedToken[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TokenizerError('"added_tokens" should be a list', FILE);
  return value.map((entry, i) => parseAddedToken(FILE, entry, `added_tokens[${i}]`));
}

function parseBertNormalizer(value: unknown): BertNormalizerOptions | null {
  if (value === undefined || value === null) return null;
  const normalizer = single(value, 'normalizer');
  if (normalizer.type !== 'BertNormalizer') throw new TokenizerError(`its normalizer (${typeName(normalizer)}) is not supported: a BERT tokenizer has BertNormalizer`, FILE);
  const strip = normalizer.strip_accents;
  if (strip !== undefined && strip !== null && typeof strip !== 'boolean') throw new TokenizerError('normalizer.strip_accents should be true, false or null', FILE);
  return {
    cleanText: field(FILE, normalizer, 'clean_text', true, 'normalizer: '),
    handleChineseChars: field(FILE, normalizer, 'handle_chinese_chars', true, 'normalizer: '),
    stripAccents: strip ?? null,
    lowercase: field(FILE, normalizer, 'lowercase', true, 'normalizer: '),
  };
}

function expectPreTokenizer(value: unknown, type: 'BertPreTokenizer'): void;
function expectPreTokenizer(value: unknown, type: 'ByteLevel'): ByteLevelOptions;
function expectPreTokenizer(value: unknown, type: 'BertPreTokenizer' | 'ByteLevel'): ByteLevelOptions | void {
  const pre = value === undefined || value === null ? undefined : single(value, 'pre_tokenizer');
  if (pre?.type !== type) throw new TokenizerError(`its pre_tokenizer (${pre ? typeName(pre) : 'none'}) is not supported: expected ${type}`, FILE);
  if (type === 'ByteLevel') {
    return {
      // tokenizers' own default is true, but every GPT-2 file says false; a file that says nothing is taken as GPT-2's.
      addPrefixSpace: field(FILE, pre, 'add_prefix_space', false, 'pre_tokenizer: '),
      useRegex: field(FILE, pre, 'use_regex', true, 'pre_tokenizer: '),
    };
  }
}

/** The post-processor's template; ByteLevel and Sequence parts are accepted (trimming is decided by LoadOptions). */
function parsePostProcessor(value: unknown): { template: SpecialTemplate } {
  if (value === undefined || value === null) return { template: NO_TEMPLATE };
  if (!isObject(value)) throw new TokenizerError('"post_processor" should be an object', FILE);
  switch (value.type) {
    case 'ByteLevel':
      return { template: NO_TEMPLATE };
    case 'Sequence': {
      const parts = value.processors;
      if (!Array.isArray(parts)) throw new TokenizerError('post_processor.processors should be a list', FILE);
      const templates = parts.map(parsePostProcessor).filter((p) => p.template !== NO_TEMPLATE);
      if (templates.length > 1) throw new TokenizerError('a post_processor Sequence with more than one template is not supported', FILE);
      return templates[0] ?? { template: NO_TEMPLATE };
    }
    case 'BertProcessing':
    case 'RobertaProcessing':
      return { template: { before: [pairToken(value.cls, 'cls')], after: [pairToken(value.sep, 'sep')] } };
    case 'TemplateProcessing':
      return { template: parseTemplate(value) };
    default:
      throw new TokenizerError(`its post_processor (${typeName(value)}) is not supported`, FILE);
  }
}

/** BertProcessing's `["[CLS]", 101]`. */
function pairToken(value: unknown, key: string): TemplateToken {
  if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'number') {
    throw new TokenizerError(`post_processor.${key} should be ["token", id]`, FILE);
  }
  return { text: value[0], id: value[1] };
}

/** TemplateProcessing's `single`: special tokens before the first `Sequence` piece go before the text, the others after it. */
function parseTemplate(processor: JsonObject): SpecialTemplate {
  const single = processor.single;
  const specials = isObject(processor.special_tokens) ? processor.special_tokens : {};
  if (!Array.isArray(single)) throw new TokenizerError('post_processor.single should be a list', FILE);
  const before: TemplateToken[] = [];
  const after: TemplateToken[] = [];
  let seenSequence = false;
  for (const piece of single) {
    if (isObject(piece) && isObject(piece.Sequence)) {
      seenSequence = true;
      continue;
    }
    const name = isObject(piece) && isObject(piece.SpecialToken) ? piece.SpecialToken.id : undefined;
    const special = typeof name === 'string' ? specials[name] : undefined;
    if (!isObject(special) || !Array.isArray(special.ids) || !Array.isArray(special.tokens) || special.ids.length !== special.tokens.length) {
      throw new TokenizerError(`post_processor.single has ${JSON.stringify(piece)}, which is not a Sequence or a special token listed in special_tokens`, FILE);
    }
    special.ids.forEach((id, k) => {
      const text = (special.tokens as unknown[])[k];
      if (typeof id !== 'number' || typeof text !== 'string') throw new TokenizerError(`post_processor.special_tokens["${name}"] has a bad id or token`, FILE);
      (seenSequence ? after : before).push({ id, text });
    });
  }
  return { before, after };
}

/** A Sequence of one part is that part (tokenizers writes some single normalizers or pre-tokenizers so). */
function single(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw new TokenizerError(`"${what}" should be an object`, FILE);
  const list = value.type === 'Sequence' ? (value.normalizers ?? value.pretokenizers) : undefined;
  if (Array.isArray(list) && list.length === 1 && isObject(list[0])) return list[0];
  return value;
}

function typeName(value: unknown): string {
  return isObject(value) && typeof value.type === 'string' ? value.type : JSON.stringify(value);
}
