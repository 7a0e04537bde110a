import type { AlignedText } from './alignedText';
import { isBertWhitespace, isChineseChar, isRemovedByCleanText, stripAccents } from './unicodeClasses';

/** The fields of `tokenizers`' BertNormalizer (normalizers/bert.rs), with its defaults. */
export interface BertNormalizerOptions {
  /** Remove controls, NUL and U+FFFD; turn every whitespace into a plain space. Default true. */
  readonly cleanText: boolean;
  /** Put spaces around each CJK ideograph, so that each becomes its own word. Default true. */
  readonly handleChineseChars: boolean;
  /** NFD and drop nonspacing marks; null follows `lowercase` (as in bert.rs). */
  readonly stripAccents: boolean | null;
  /** Lowercase each character. Default true. */
  readonly lowercase: boolean;
}

export const DEFAULT_BERT_NORMALIZER: BertNormalizerOptions = { cleanText: true, handleChineseChars: true, stripAccents: null, lowercase: true };

/**
 * BertNormalizer, in its order: clean text, pad CJK, strip accents, lowercase. Each step maps one
 * code point at a time, which is exactly what bert.rs does (its NFD is applied to the whole
 * string, but the only difference that makes, the canonical reordering of adjacent combining
 * marks, is erased by dropping them).
 */
export function bertNormalize(text: AlignedText, options: BertNormalizerOptions): AlignedText {
  let out = text;
  if (options.cleanText) {
    // bert.rs filters first, then maps: U+0085 is a control before it is whitespace, so it goes.
    out = out.mapChars((ch) => (isRemovedByCleanText(ch) ? '' : isBertWhitespace(ch) ? ' ' : ch));
  }
  if (options.handleChineseChars) {
    out = out.mapChars((ch) => (isChineseChar(ch.codePointAt(0) ?? 0) ? ` ${ch} ` : ch));
  }
  if (options.stripAccents ?? options.lowercase) out = out.mapChars(stripAccents);
  // Rust's char::to_lowercase on one character: no final-sigma context, İ becomes i + U+0307.
  // String#toLowerCase on a lone code point has no context either, so it agrees.
  if (options.lowercase) out = out.mapChars((ch) => ch.toLowerCase());
  return out;
}
