/**
 * The tokenizer files of the tiny test models, in each kind Hugging Face writes: BERT WordPiece
 * as vocab.txt (+ tokenizer_config.json) or tokenizer.json; GPT-2 byte-level BPE as vocab.json +
 * merges.txt or tokenizer.json. The vocabularies are small but cover the chapter's sentences.
 */

/** id = line number, as in vocab.txt. "attention" has no entry of its own: it is at ##ten ##tion. */
export const BERT_VOCAB: readonly string[] = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]',
  // 我去了银行。我坐在河堤上。, 注意力, 自
  '我', '去', '了', '银', '行', '。', '坐', '在', '河', '堤', '上', '注', '意', '力', '自',
  'at', '##ten', '##tion', '##s', 'the', 'bank', 'of', 'river', 'self', 'head', 'is', 'all', 'you', 'need', '-', '.', ',', '!', '?',
];

/** GPT-2's bytes_to_unicode (encoder.py): printable bytes stand for themselves, the others for U+0100… in order. */
export function byteChar(byte: number): string {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  if (printable(byte)) return String.fromCharCode(byte);
  let n = 0;
  for (let b = 0; b < byte; b++) if (!printable(b)) n++;
  return String.fromCharCode(256 + n);
}

/**
 * By rank. "attention" becomes at|ten|tion, " attention" Ġat|ten|tion, " the" Ġthe; 我 (E6 88 91)
 * two pieces; 银 (E9 93 B6) stays three bytes.
 */
export const GPT2_MERGES: readonly (readonly [string, string])[] = [
  ['a', 't'], ['i', 'o'], ['io', 'n'], ['t', 'ion'], ['t', 'e'], ['te', 'n'], ['Ġ', 'at'],
  ['Ġ', 't'], ['h', 'e'], ['Ġt', 'he'], [byteChar(0xe6), byteChar(0x88)],
];
export const GPT2_END_OF_TEXT = '<|endoftext|>';

/** Byte characters have id = byte value; merged tokens follow, then <|endoftext|>. */
export function gpt2Vocab(): Record<string, number> {
  const vocab: Record<string, number> = {};
  for (let b = 0; b < 256; b++) vocab[byteChar(b)] = b;
  GPT2_MERGES.forEach(([a, b], i) => (vocab[a + b] = 256 + i));
  vocab[GPT2_END_OF_TEXT] = 256 + GPT2_MERGES.length;
  return vocab;
}
export const GPT2_VOCAB_SIZE = 256 + GPT2_MERGES.length + 1;

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const BERT_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const bertId = (token: string) => BERT_VOCAB.indexOf(token);
const addedToken = (id: number, content: string, normalized: boolean) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized, special: true });

export type TokenizerKind = 'vocab' | 'tokenizer.json';

/** BERT's tokenizer files: vocab.txt and tokenizer_config.json, or tokenizer.json (bert-base-uncased's layouts), with special_tokens_map.json. */
export function bertTokenizerFiles(kind: TokenizerKind, lowercase: boolean): Record<string, string> {
  const specialsMap = json({ unk_token: '[UNK]', sep_token: '[SEP]', pad_token: '[PAD]', cls_token: '[CLS]', mask_token: '[MASK]' });
  const config = json({ do_lower_case: lowercase, model_max_length: 512, tokenizer_class: 'BertTokenizer', unk_token: '[UNK]', sep_token: '[SEP]', pad_token: '[PAD]', cls_token: '[CLS]', mask_token: '[MASK]' });
  if (kind === 'vocab') return { 'vocab.txt': BERT_VOCAB.join('\n') + '\n', 'tokenizer_config.json': config, 'special_tokens_map.json': specialsMap };
  const cls = { id: '[CLS]', ids: [bertId('[CLS]')], tokens: ['[CLS]'] };
  const sep = { id: '[SEP]', ids: [bertId('[SEP]')], tokens: ['[SEP]'] };
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: BERT_SPECIALS.map((t) => addedToken(bertId(t), t, false)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: { '[CLS]': cls, '[SEP]': sep },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(BERT_VOCAB.map((t, i) => [t, i])) },
  };
  return { 'tokenizer.json': JSON.stringify(tokenizer), 'tokenizer_config.json': config, 'special_tokens_map.json': specialsMap };
}

/** GPT-2's tokenizer files: vocab.json and merges.txt, or tokenizer.json (openai-community/gpt2's layouts), with tokenizer_config.json. */
export function gpt2TokenizerFiles(kind: TokenizerKind): Record<string, string> {
  const vocab = gpt2Vocab();
  const config = json({ add_prefix_space: false, model_max_length: 1024, tokenizer_class: 'GPT2Tokenizer', bos_token: GPT2_END_OF_TEXT, eos_token: GPT2_END_OF_TEXT, unk_token: GPT2_END_OF_TEXT });
  if (kind === 'vocab') {
    return { 'vocab.json': JSON.stringify(vocab), 'merges.txt': '#version: 0.2\n' + GPT2_MERGES.map((m) => m.join(' ')).join('\n') + '\n', 'tokenizer_config.json': config };
  }
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [addedToken(vocab[GPT2_END_OF_TEXT], GPT2_END_OF_TEXT, true)],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false,
      vocab, merges: GPT2_MERGES.map((m) => m.join(' ')),
    },
  };
  return { 'tokenizer.json': JSON.stringify(tokenizer), 'tokenizer_config.json': config };
}
