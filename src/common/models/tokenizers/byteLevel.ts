import type { AlignedText } from './alignedText';
import { isWhiteSpace } from './unicodeClasses';

/**
 * GPT-2's bytes_to_unicode (encoder.py; bytes_char in tokenizers' byte_level.rs): the printable
 * bytes ! to ~, ¡ to ¬ and ® to ÿ stand for themselves, the 68 others for U+0100 onwards in byte
 * order, so that every byte is one visible character (the space 0x20 is Ġ, U+0120).
 */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const bytes: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bytes.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bytes.push(b);
  for (let b = 0xae; b <= 0xff; b++) bytes.push(b);
  const chars = new Array<string>(256);
  for (const b of bytes) chars[b] = String.fromCharCode(b);
  let n = 0;
  for (let b = 0; b < 256; b++) if (chars[b] === undefined) chars[b] = String.fromCharCode(256 + n++);
  return chars;
})();

const SPACE_CHAR = BYTE_TO_CHAR[0x20];

/**
 * The GPT-2 split pattern, as byte_level.rs has it. `\s` there is Oniguruma's, the Unicode
 * White_Space property; JavaScript's `\s` differs (U+FEFF in, U+0085 out), so it is spelled out.
 */
const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+/gu;

export interface ByteLevelOptions {
  /** Prepend a space to a text that does not start with one (GPT-2: false; RoBERTa: true). */
  readonly addPrefixSpace: boolean;
  /** Split with the GPT-2 pattern first (default true). */
  readonly useRegex: boolean;
}

/**
 * The ByteLevel pre-tokenizer: optional prefix space, the GPT-2 split (matches and what lies
 * between them are all kept, "Isolated"), then every character replaced by the characters of its
 * UTF-8 bytes. Each byte character keeps the span of the whole character it came from, so a
 * piece holding any byte of 中 covers 中.
 */
export function byteLevelPreTokenize(text: AlignedText, options: ByteLevelOptions): AlignedText[] {
  const source = options.addPrefixSpace && !text.text.startsWith(' ') ? text.prepend(' ') : text;
  const words: AlignedText[] = [];
  if (!options.useRegex) {
    if (source.length) words.push(source);
  } else {
    let last = 0;
    for (const match of source.text.matchAll(GPT2_PATTERN)) {
      const at = match.index ?? 0;
      if (at > last) words.push(source.slice(last, at));
      if (match[0].length) words.push(source.slice(at, at + match[0].length));
      last = at + match[0].length;
    }
    if (last < source.length) words.push(source.slice(last, source.length));
  }
  return words.map((word) => word.mapChars(toByteChars));
}

/** One code point's UTF-8 bytes as byte characters. A lone surrogate, which UTF-8 cannot hold, is encoded as U+FFFD (what TextEncoder does). */
function toByteChars(ch: string): string {
  let c = ch.codePointAt(0) ?? 0;
  if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
  if (c < 0x80) return BYTE_TO_CHAR[c];
  if (c < 0x800) return BYTE_TO_CHAR[0xc0 | (c >> 6)] + BYTE_TO_CHAR[0x80 | (c & 63)];
  if (c < 0x10000) return BYTE_TO_CHAR[0xe0 | (c >> 12)] + BYTE_TO_CHAR[0x80 | ((c >> 6) & 63)] + BYTE_TO_CHAR[0x80 | (c & 63)];
  return BYTE_TO_CHAR[0xf0 | (c >> 18)] + BYTE_TO_CHAR[0x80 | ((c >> 12) & 63)] + BYTE_TO_CHAR[0x80 | ((c >> 6) & 63)] + BYTE_TO_CHAR[0x80 | (c & 63)];
}

/** A token's span as the ByteLevel post-processor sees it. */
export interface Span {
  start: number;
  end: number;
}

/**
 * trim_offsets (`process_offsets` in byte_level.rs): a piece's leading and trailing Ġ (the space
 * byte) are not part of its span. Each Ġ is one original space, one code unit, so the span moves
 * by the count. A piece of spaces only ends with an empty span at its end. With add_prefix_space,
 * the single Ġ of the first piece was added, not typed, and is not trimmed (the test is
 * tokenizers': the first token or one starting at 0).
 */
export function trimByteLevelOffsets(pieces: readonly { value: string; span: Span }[], addPrefixSpace: boolean): void {
  pieces.forEach(({ value, span }, i) => {
    let leading = countSpaces(value, false);
    const trailing = countSpaces(value, true);
    if (leading > 0) {
      if ((i === 0 || span.start === 0) && addPrefixSpace && leading === 1) leading = 0;
      span.start = Math.min(span.start + leading, span.end);
    }
    if (trailing > 0 && span.end >= trailing) span.end = Math.max(span.end - trailing, span.start);
  });
}

function countSpaces(value: string, fromEnd: boolean): number {
  const chars = Array.from(value);
  if (fromEnd) chars.reverse();
  let count = 0;
  for (const ch of chars) {
    if (ch !== SPACE_CHAR && !isWhiteSpace(ch)) break;
    count++;
  }
  return count;
}

