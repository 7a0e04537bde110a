// The model tokenizers (src/common/models/tokenizers) against small vocabularies written here.
// Every expected id and offset is worked out by hand from Hugging Face tokenizers' algorithm
// (normalizers/bert.rs, pre_tokenizers/bert.rs and byte_level.rs, models/wordpiece and bpe,
// NormalizedString's alignments); the comments show the working. Offsets are UTF-16 units.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadTokenizer, TokenizerError, type ModelTokenizer, type TokenizerFiles } from '../../src/common/models/tokenizers';
import { byteChar } from '../support/models/tinyTokenizers';

/** [piece, id, start, end] for each token, specials included. */
function rows(tokenizer: ModelTokenizer, text: string): [string, number, number, number][] {
  const { ids, tokens } = tokenizer.encode(text);
  assert.deepEqual(ids, tokens.map((t) => t.id), 'ids and tokens agree');
  return tokens.map((t) => [t.text, t.id, t.start, t.end]);
}

/** The rows without [CLS] and [SEP]. */
function inner(tokenizer: ModelTokenizer, text: string): [string, number, number, number][] {
  return rows(tokenizer, text).slice(1, -1);
}

// ---------------------------------------------------------------- BERT

// id = line number, as in vocab.txt.
const BERT_VOCAB = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', // 0–4
  '我', '去', '了', '银', '行', '。', // 5–10
  'at', '##ten', '##tion', 'cafe', '!', 'un', '##aff', '##able', ',', // 11–19
  'hello', 'world', 'nlp', '爱', '😀', '##😀', 'istanbul', 'ok', 'a', 'b', // 20–29
  'ab', '$', '5', '+', '3', '「', '好', '」', '—', 'e', // 30–39
  '##\u0301', '##s', 'the', 'i', '##\u0307', 'É', // 40–45
];
const id = (token: string) => BERT_VOCAB.indexOf(token);
const vocabTxt = BERT_VOCAB.join('\n') + '\n';

interface BertJsonOptions {
  lowercase?: boolean;
  stripAccents?: boolean | null;
  maxChars?: number;
  processor?: 'template' | 'bert';
}

/** The tokenizer.json Hugging Face writes for the same vocabulary (bert-base-uncased's layout). */
function bertTokenizerJson(options: BertJsonOptions = {}): string {
  const special = (content: string) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const template = {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
    special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
  };
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: options.stripAccents ?? null, lowercase: options.lowercase ?? true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: options.processor === 'bert' ? { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] } : template,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: options.maxChars ?? 100,
      vocab: Object.fromEntries(BERT_VOCAB.map((t, i) => [t, i])),
    },
  });
}

const bert = loadTokenizer({ 'vocab.txt': vocabTxt }, 'bert');

describe('BERT WordPiece', () => {
  it('makes each Chinese ideograph its own token, between [CLS] and [SEP]', () => {
    // handle_chinese_chars pads every ideograph with spaces; 。 is punctuation (Po).
    assert.deepEqual(rows(bert, '我去了银行。'), [
      ['[CLS]', 2, 0, 0],
      ['我', 5, 0, 1], ['去', 6, 1, 2], ['了', 7, 2, 3], ['银', 8, 3, 4], ['行', 9, 4, 5], ['。', 10, 5, 6],
      ['[SEP]', 3, 6, 6],
    ]);
    const { tokens } = bert.encode('我去了银行。');
    assert.deepEqual(tokens.map((t) => t.special), [true, false, false, false, false, false, false, true]);
  });

  it('splits mixed 中文English at the ideographs', () => {
    // 我 爱 padded; "NLP!" lowercased to "nlp", then ! isolated.
    assert.deepEqual(inner(bert, '我爱NLP!'), [['我', 5, 0, 1], ['爱', 23, 1, 2], ['nlp', 22, 2, 5], ['!', 15, 5, 6]]);
  });

  it('splits English words into ## pieces, longest match first', () => {
    // "attention": at, then the longest "##…" in the vocabulary from t: ##ten, then ##tion.
    // "unaffable": un ##aff ##able. "xyz": no piece for x → [UNK] over the whole word.
    assert.deepEqual(inner(bert, 'Attention! unaffable xyz'), [
      ['at', 11, 0, 2], ['##ten', 12, 2, 5], ['##tion', 13, 5, 9], ['!', 15, 9, 10],
      ['un', 16, 11, 13], ['##aff', 17, 13, 16], ['##able', 18, 16, 20],
      ['[UNK]', 1, 21, 24],
    ]);
  });

  it('gives [UNK] the whole word, even when its start matched', () => {
    // "unxyz": un matches, then no ##x… at all, so the word is one [UNK], not un + [UNK].
    assert.deepEqual(inner(bert, 'ok unxyz'), [['ok', 27, 0, 2], ['[UNK]', 1, 3, 8]]);
  });

  it('makes a word over max_input_chars_per_word one [UNK]', () => {
    const short = loadTokenizer({ 'tokenizer.json': bertTokenizerJson({ maxChars: 5 }) }, 'bert');
    // "hello" has 5 characters: kept. "worlds" has 6: [UNK], though world ##s would match.
    assert.deepEqual(inner(short, 'hello worlds'), [['hello', 20, 0, 5], ['[UNK]', 1, 6, 12]]);
    assert.deepEqual(inner(bert, 'worlds'), [['world', 21, 0, 5], ['##s', 41, 5, 6]]);
  });

  it('lowercases and strips accents without moving offsets', () => {
    // CAFÉ → cafe (É → E + U+0301, the mark dropped, then lowercased): 4 units as before.
    // İstanbul: İ → I + U+0307 → I → i; the token still spans the 8 original units.
    assert.deepEqual(inner(bert, 'CAFÉ İstanbul'), [['cafe', 14, 0, 4], ['istanbul', 26, 5, 13]]);
  });

  it('keeps every character that lowercasing expands on its original character', () => {
    // lowercase without strip_accents: İ (1 unit) becomes i + U+0307 (2 units), both aligned to İ,
    // so the piece i and the piece ##̇ both cover [0, 1).
    const noStrip = loadTokenizer({ 'tokenizer.json': bertTokenizerJson({ stripAccents: false }) }, 'bert');
    assert.deepEqual(inner(noStrip, 'İ'), [['i', 43, 0, 1], ['##\u0307', 44, 0, 1]]);
  });

  it('maps decomposed combining marks', () => {
    // "cafe\u0301 ok": the stripped U+0301 at the word's edge is covered by no token, as in
    // tokenizers (a removed character belongs to no alignment); ok starts at 6.
    assert.deepEqual(inner(bert, 'cafe\u0301 ok'), [['cafe', 14, 0, 4], ['ok', 27, 6, 8]]);
    // "cafe\u0301s": cafe ##s, ##s at 5 (after the mark).
    assert.deepEqual(inner(bert, 'cafe\u0301s'), [['cafe', 14, 0, 4], ['##s', 41, 5, 6]]);
    // Cased (do_lower_case false: no lowercasing, so no accent stripping): e then ##U+0301.
    const cased = loadTokenizer({ 'vocab.txt': vocabTxt, 'tokenizer_config.json': '{"do_lower_case": false}' }, 'bert');
    assert.deepEqual(inner(cased, 'e\u0301'), [['e', 39, 0, 1], ['##\u0301', 40, 1, 2]]);
    // And cased, a precomposed É stays É (id 45), where the uncased one finds "e".
    assert.deepEqual(inner(cased, 'É'), [['É', 45, 0, 1]]);
    assert.deepEqual(inner(bert, 'É'), [['e', 39, 0, 1]]);
  });

  it('isolates punctuation, ASCII symbols included', () => {
    assert.deepEqual(inner(bert, 'hello,world!!'), [['hello', 20, 0, 5], [',', 19, 5, 6], ['world', 21, 6, 11], ['!', 15, 11, 12], ['!', 15, 12, 13]]);
    // $ (36) and + (43) are in tokenizers' ASCII ranges though Unicode calls them symbols.
    assert.deepEqual(inner(bert, '$5+3'), [['$', 31, 0, 1], ['5', 32, 1, 2], ['+', 33, 2, 3], ['3', 34, 3, 4]]);
    // 「 (Ps), 」 (Pe), — (Pd); 好 padded as an ideograph.
    assert.deepEqual(inner(bert, '「好」—'), [['「', 35, 0, 1], ['好', 36, 1, 2], ['」', 37, 2, 3], ['—', 38, 3, 4]]);
  });

  it('keeps surrogate pairs whole (emoji)', () => {
    // 😀 is a symbol (So), not punctuation: "😀😀" is one word, 😀 then ##😀, two units each.
    assert.deepEqual(inner(bert, 'ok 😀😀'), [['ok', 27, 0, 2], ['😀', 24, 3, 5], ['##😀', 25, 5, 7]]);
  });

  it('treats CR LF and tabs as whitespace and drops controls', () => {
    assert.deepEqual(inner(bert, 'a\r\nb'), [['a', 28, 0, 1], ['b', 29, 3, 4]]);
    assert.deepEqual(inner(bert, 'a\tb'), [['a', 28, 0, 1], ['b', 29, 2, 3]]);
    // NUL, U+FFFD and the zero-width space (Cf) are removed: "ab" remains, and a token covers a
    // removed character inside it ([0, 3)) but not one at its edge (the trailing U+200B).
    assert.deepEqual(inner(bert, 'a\u0000b\u200b'), [['ab', 30, 0, 3]]);
    assert.deepEqual(inner(bert, 'a\ufffdb'), [['ab', 30, 0, 3]]);
  });

  it('places [CLS] at 0 and [SEP] at the end, and finds special tokens typed in the text', () => {
    assert.deepEqual(rows(bert, ''), [['[CLS]', 2, 0, 0], ['[SEP]', 3, 0, 0]]);
    // [MASK] is an added special token matched before normalization: one token over its 6 units.
    assert.deepEqual(rows(bert, '[MASK] ok'), [['[CLS]', 2, 0, 0], ['[MASK]', 4, 0, 6], ['ok', 27, 7, 9], ['[SEP]', 3, 9, 9]]);
    assert.equal(bert.encode('[MASK] ok').tokens[1].special, true);
    assert.equal(bert.vocabSize, BERT_VOCAB.length);
  });

  it('gives the same ids and offsets from tokenizer.json as from vocab.txt', () => {
    const texts = ['我去了银行。', '我爱NLP!', 'Attention! unaffable xyz', 'CAFÉ İstanbul', 'cafe\u0301s ok', 'hello,world!!', '$5+3', '「好」—', 'ok 😀😀', 'a\r\nb\u0000\u200b', '[MASK] ok', '', '   '];
    for (const processor of ['template', 'bert'] as const) {
      const fromJson = loadTokenizer({ 'tokenizer.json': bertTokenizerJson({ processor }), 'vocab.txt': 'ignored when tokenizer.json is there' }, 'bert');
      for (const text of texts) assert.deepEqual(fromJson.encode(text), bert.encode(text), `${processor}: ${JSON.stringify(text)}`);
    }
  });
});

// ---------------------------------------------------------------- GPT-2

// Spot checks of the mapping against GPT-2's vocabulary: space Ġ, newline Ċ, soft hyphen Ń.
assert.equal(byteChar(0x20), 'Ġ');
assert.equal(byteChar(0x0a), 'Ċ');
assert.equal(byteChar(0xad), 'Ń');

// Byte characters have id = byte value; merged tokens follow.
const GPT2_VOCAB: Record<string, number> = {};
for (let b = 0; b < 256; b++) GPT2_VOCAB[byteChar(b)] = b;
// 中 is E4 B8 AD (ä ¸ Ń), 文 is E6 96 87 (æ ĸ ĩ).
const GPT2_MERGES: [string, string][] = [
  ['Ġ', 't'], // rank 0 → Ġt 256
  ['h', 'e'], // rank 1 → he 257
  ['Ġt', 'he'], // rank 2 → Ġthe 258
  ['t', 'he'], // rank 3 → the 259
  ['Ġ', 'Ġ'], // rank 4 → ĠĠ 260
  ['ä', '¸'], // rank 5 → ä¸ 261 (first two bytes of 中)
  ['Ń', 'æ'], // rank 6 → Ńæ 262 (last byte of 中, first of 文)
];
GPT2_MERGES.forEach(([a, b], i) => (GPT2_VOCAB[a + b] = 256 + i));
GPT2_VOCAB['<|endoftext|>'] = 263;

const vocabJson = JSON.stringify(GPT2_VOCAB);
const mergesTxt = '#version: 0.2\n' + GPT2_MERGES.map((m) => m.join(' ')).join('\n') + '\n';

/** openai-community/gpt2's tokenizer.json layout; merges as "a b" strings (older files) or pairs (newer). */
function gpt2TokenizerJson(mergeStyle: 'strings' | 'pairs'): string {
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: 263, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: GPT2_VOCAB,
      merges: mergeStyle === 'strings' ? GPT2_MERGES.map((m) => m.join(' ')) : GPT2_MERGES,
    },
  });
}

const gpt2 = loadTokenizer({ 'vocab.json': vocabJson, 'merges.txt': mergesTxt }, 'gpt2');

describe('GPT-2 byte-level BPE', () => {
  it('merges by rank, and leaves the Ġ space out of a token span', () => {
    // Split: "the", " " (\s+(?!\S) gives up the space before "the"), " the".
    // "the": t h e → (h,e) rank 1 → t he → (t,he) rank 3 → the. " the": Ġ t h e → Ġt (0) → he (1) → Ġthe (2).
    // trim_offsets: Ġthe [4, 8) → [5, 8); the lone Ġ [3, 4) → an empty span at its end, [4, 4).
    assert.deepEqual(rows(gpt2, 'the  the'), [['the', 259, 0, 3], ['Ġ', 32, 4, 4], ['Ġthe', 258, 5, 8]]);
    assert.equal(gpt2.encode('the').tokens.some((t) => t.special), false);
  });

  it('gives the untrimmed offsets of Hugging Face GPT-2 files with trimOffsets: false', () => {
    const literal = loadTokenizer({ 'vocab.json': vocabJson, 'merges.txt': mergesTxt }, 'gpt2', { trimOffsets: false });
    assert.deepEqual(rows(literal, 'the  the'), [['the', 259, 0, 3], ['Ġ', 32, 3, 4], ['Ġthe', 258, 4, 8]]);
  });

  it('gives a token of spaces only an empty span at its end', () => {
    // "a   b": "a", "  " (two of the three spaces), " b". ĠĠ [1, 3) → [3, 3); then Ġ [3, 4) → [4, 4) and b.
    assert.deepEqual(rows(gpt2, 'a   b'), [['a', 97, 0, 1], ['ĠĠ', 260, 3, 3], ['Ġ', 32, 4, 4], ['b', 98, 4, 5]]);
  });

  it('splits a Chinese character into byte pieces that each cover the whole character', () => {
    // 中文 → ä ¸ Ń æ ĸ ĩ; ä¸ (rank 5), then Ńæ (rank 6), which spans both characters.
    assert.deepEqual(rows(gpt2, '中文'), [['ä¸', 261, 0, 1], ['Ńæ', 262, 0, 2], ['ĸ', 0x96, 1, 2], ['ĩ', 0x87, 1, 2]]);
  });

  it('covers a surrogate pair with each of its four bytes', () => {
    // " 😀" is one word ( ?[^\s\p{L}\p{N}]+): Ġ F0 9F 98 80; the Ġ trimmed to [2, 2), each byte [2, 4).
    assert.deepEqual(rows(gpt2, 'a 😀'), [['a', 97, 0, 1], ['Ġ', 32, 2, 2], ['ð', 0xf0, 2, 4], [byteChar(0x9f), 0x9f, 2, 4], [byteChar(0x98), 0x98, 2, 4], [byteChar(0x80), 0x80, 2, 4]]);
  });

  it('keeps combining marks on their own character', () => {
    // "e\u0301": \p{L}+ takes e; the mark (Mn) is [^\s\p{L}\p{N}]+: CC 81, both bytes on [1, 2).
    assert.deepEqual(rows(gpt2, 'e\u0301'), [['e', 101, 0, 1], ['Ì', 0xcc, 1, 2], [byteChar(0x81), 0x81, 1, 2]]);
  });

  it('treats CR LF as characters', () => {
    // "\r\n" before "b": \s+(?!\S) stops before the last whitespace, so \r and \n are two words (č, Ċ), not trimmed (not Ġ).
    assert.deepEqual(rows(gpt2, 'a\r\nb'), [['a', 97, 0, 1], ['č', 13, 1, 2], ['Ċ', 10, 2, 3], ['b', 98, 3, 4]]);
  });

  it("splits contractions as GPT-2's pattern does", () => {
    assert.deepEqual(rows(gpt2, "don't"), [['d', 100, 0, 1], ['o', 111, 1, 2], ['n', 110, 2, 3], ["'", 39, 3, 4], ['t', 116, 4, 5]]);
  });

  it('finds <|endoftext|> in the text as one special token', () => {
    assert.deepEqual(rows(gpt2, '<|endoftext|>the'), [['<|endoftext|>', 263, 0, 13], ['the', 259, 13, 16]]);
    assert.equal(gpt2.encode('<|endoftext|>').tokens[0].special, true);
    assert.equal(gpt2.vocabSize, 264);
  });

  it('gives the same ids and offsets from tokenizer.json (both merge styles) as from vocab.json + merges.txt', () => {
    const texts = ['the  the', 'a   b', '中文', 'a 😀', 'e\u0301', 'a\r\nb', "don't", '<|endoftext|>the', 'the the the', '  ', ''];
    for (const style of ['strings', 'pairs'] as const) {
      const fromJson = loadTokenizer({ 'tokenizer.json': gpt2TokenizerJson(style) }, 'gpt2');
      for (const text of texts) assert.deepEqual(fromJson.encode(text), gpt2.encode(text), `${style}: ${JSON.stringify(text)}`);
    }
  });

  it('stays fast on a long run of Chinese, which the pattern makes one word', () => {
    const text = '中'.repeat(3000);
    const started = performance.now();
    const { ids, tokens } = gpt2.encode(text);
    assert.ok(performance.now() - started < 2000);
    // Each 中: ä¸ then Ń; the Ńæ merge never applies (no 文).
    assert.equal(ids.length, 6000);
    assert.deepEqual([tokens[4].start, tokens[4].end, tokens[5].start, tokens[5].end], [2, 3, 2, 3]);
  });
});

// ---------------------------------------------------------------- errors

function throwsTokenizerError(load: () => unknown, file: string, pattern: RegExp): void {
  assert.throws(load, (error: unknown) => {
    assert.ok(error instanceof TokenizerError, String(error));
    assert.equal(error.file, file);
    assert.match(error.message, pattern);
    assert.ok(error.message.includes(file), error.message);
    return true;
  });
}

describe('tokenizer file errors', () => {
  it('names a missing file', () => {
    throwsTokenizerError(() => loadTokenizer({}, 'bert'), 'vocab.txt', /needs tokenizer\.json or vocab\.txt/);
    throwsTokenizerError(() => loadTokenizer({ 'vocab.json': vocabJson }, 'gpt2'), 'merges.txt', /merges\.txt was not found/);
    throwsTokenizerError(() => loadTokenizer({ 'merges.txt': mergesTxt }, 'gpt2'), 'vocab.json', /vocab\.json was not found/);
  });

  it('names a malformed file and says what is wrong', () => {
    const cases: [TokenizerFiles, 'bert' | 'gpt2', string, RegExp][] = [
      [{ 'tokenizer.json': '{"model": ' }, 'bert', 'tokenizer.json', /not valid JSON/],
      [{ 'tokenizer.json': '[]' }, 'bert', 'tokenizer.json', /JSON object/],
      [{ 'tokenizer.json': gpt2TokenizerJson('pairs') }, 'bert', 'tokenizer.json', /BPE, not the WordPiece/],
      [{ 'tokenizer.json': bertTokenizerJson() }, 'gpt2', 'tokenizer.json', /WordPiece, not the BPE/],
      [{ 'tokenizer.json': bertTokenizerJson().replace('"BertNormalizer"', '"NFKC"') }, 'bert', 'tokenizer.json', /normalizer \(NFKC\) is not supported/],
      [{ 'tokenizer.json': bertTokenizerJson().replace('"max_input_chars_per_word":100', '"max_input_chars_per_word":"x"') }, 'bert', 'tokenizer.json', /max_input_chars_per_word/],
      [{ 'vocab.txt': '' }, 'bert', 'vocab.txt', /empty/],
      [{ 'vocab.txt': 'a\nb\n' }, 'bert', 'vocab.txt', /no "\[CLS\]"/],
      [{ 'vocab.txt': vocabTxt, 'tokenizer_config.json': '{do_lower_case: false}' }, 'bert', 'tokenizer_config.json', /not valid JSON/],
      [{ 'vocab.txt': vocabTxt, 'tokenizer_config.json': '{"do_lower_case": "no"}' }, 'bert', 'tokenizer_config.json', /do_lower_case/],
      [{ 'vocab.json': '{"a": "zero"}', 'merges.txt': '' }, 'gpt2', 'vocab.json', /id of "a"/],
      [{ 'vocab.json': vocabJson, 'merges.txt': '#version: 0.2\nĠ t x\n' }, 'gpt2', 'merges.txt', /line 2/],
      [{ 'vocab.json': vocabJson, 'merges.txt': 'Ġt Ġt\n' }, 'gpt2', 'merges.txt', /needs "ĠtĠt"/],
    ];
    for (const [files, type, file, pattern] of cases) throwsTokenizerError(() => loadTokenizer(files, type), file, pattern);
  });
});

// ---------------------------------------------------------------- a real vocabulary, when one is cached

/** A snapshot folder of the Hugging Face cache holding `files`, if this machine has one. */
function cachedModel(repo: string, files: string[]): string | undefined {
  const hub = process.env.HF_HUB_CACHE ?? join(process.env.HF_HOME ?? join(homedir(), '.cache', 'huggingface'), 'hub');
  const snapshots = join(hub, `models--${repo.replace('/', '--')}`, 'snapshots');
  if (!existsSync(snapshots)) return undefined;
  return readdirSync(snapshots)
    .map((revision) => join(snapshots, revision))
    .find((dir) => files.every((f) => existsSync(join(dir, f))));
}

describe('real vocabularies from the Hugging Face cache (skipped when absent)', () => {
  const gpt2Dir = cachedModel('openai-community/gpt2', ['tokenizer.json', 'vocab.json', 'merges.txt']);
  it('openai-community/gpt2: "Hello world" is [15496, 995] from either format', { skip: !gpt2Dir && 'no cached gpt2' }, () => {
    const read = (f: string) => readFileSync(join(gpt2Dir as string, f), 'utf8');
    const fromJson = loadTokenizer({ 'tokenizer.json': read('tokenizer.json') }, 'gpt2');
    const fromFiles = loadTokenizer({ 'vocab.json': read('vocab.json'), 'merges.txt': read('merges.txt') }, 'gpt2');
    assert.deepEqual(fromJson.encode('Hello world').ids, [15496, 995]);
    assert.deepEqual(fromFiles.encode('Hello world 中文 😀\r\n'), fromJson.encode('Hello world 中文 😀\r\n'));
  });

  const bertDir = cachedModel('google-bert/bert-base-uncased', ['tokenizer.json', 'vocab.txt']);
  it('google-bert/bert-base-uncased: "Hello world" is [101, 7592, 2088, 102] from either format', { skip: !bertDir && 'no cached bert-base-uncased' }, () => {
    const read = (f: string) => readFileSync(join(bertDir as string, f), 'utf8');
    const fromJson = loadTokenizer({ 'tokenizer.json': read('tokenizer.json') }, 'bert');
    const fromFiles = loadTokenizer({ 'vocab.txt': read('vocab.txt') }, 'bert');
    assert.deepEqual(fromJson.encode('Hello world').ids, [101, 7592, 2088, 102]);
    assert.deepEqual(fromFiles.encode('Héllo, 世界! unaffable'), fromJson.encode('Héllo, 世界! unaffable'));
  });
});
