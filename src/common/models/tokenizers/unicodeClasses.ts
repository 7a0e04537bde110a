/**
 * The character classes of Hugging Face `tokenizers` (normalizers/bert.rs, pre_tokenizers/bert.rs),
 * on one code point given as a string. Rust's `char::is_whitespace` is the Unicode White_Space
 * property, not JavaScript's `\s` (which adds U+FEFF and lacks U+0085), hence the property escapes.
 */

const WHITE_SPACE = /^\p{White_Space}$/u;
// unicode_categories' `is_other`: Cc, Cf, Cn, Co and Cs; \p{C} is exactly that union.
const OTHER = /^\p{C}$/u;
const PUNCTUATION = /^\p{P}$/u;
const NONSPACING_MARK = /\p{Mn}/gu;

/** bert.rs `is_whitespace`: tab, newline and carriage return count as whitespace, though controls. */
export function isBertWhitespace(ch: string): boolean {
  return ch === '\t' || ch === '\n' || ch === '\r' || WHITE_SPACE.test(ch);
}

/** bert.rs `is_control`: any "other" category (controls, formats, unassigned, private use, lone surrogates), except tab, newline and CR. */
export function isBertControl(ch: string): boolean {
  if (ch === '\t' || ch === '\n' || ch === '\r') return false;
  return OTHER.test(ch);
}

/** What clean_text removes: NUL, the replacement character U+FFFD, and controls. */
export function isRemovedByCleanText(ch: string): boolean {
  return ch === '\0' || ch === '\ufffd' || isBertControl(ch);
}

/** Rust `char::is_whitespace`, used by BertPreTokenizer's split (no tab/newline exception needed: they are White_Space). */
export function isWhiteSpace(ch: string): boolean {
  return WHITE_SPACE.test(ch);
}

/**
 * bert.rs `is_chinese_char`: exactly its ranges, gaps included (2B820–2B91F is not in its list),
 * so that the ids are those of the reference, not of a newer definition of the CJK blocks.
 */
export function isChineseChar(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x20000 && codePoint <= 0x2a6df) ||
    (codePoint >= 0x2a700 && codePoint <= 0x2b73f) ||
    (codePoint >= 0x2b740 && codePoint <= 0x2b81f) ||
    (codePoint >= 0x2b920 && codePoint <= 0x2ceaf) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x2f800 && codePoint <= 0x2fa1f)
  );
}

/** pre_tokenizers/bert.rs `is_bert_punc`: ASCII punctuation (33–47, 58–64, 91–96, 123–126, which includes symbols such as $ + < = > ^ ` | ~) or a Unicode P* category. */
export function isBertPunctuation(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
  return PUNCTUATION.test(ch);
}

/** strip_accents on one code point: NFD, then drop the nonspacing marks (Mn) it decomposed into. */
export function stripAccents(ch: string): string {
  return ch.normalize('NFD').replace(NONSPACING_MARK, '');
}
