import { codeUnitsAt, type AlignedText } from './alignedText';
import { isBertPunctuation, isWhiteSpace } from './unicodeClasses';

/**
 * BertPreTokenizer (pre_tokenizers/bert.rs): split on whitespace, which is dropped, then isolate
 * every punctuation character as a word of its own. Returns the words, each with its alignment.
 */
export function bertPreTokenize(text: AlignedText): AlignedText[] {
  const words: AlignedText[] = [];
  const s = text.text;
  let wordStart = 0;
  const flush = (end: number) => {
    if (end > wordStart) words.push(text.slice(wordStart, end));
  };
  for (let i = 0; i < s.length; ) {
    const width = codeUnitsAt(s, i, s.length);
    const ch = s.slice(i, i + width);
    if (isWhiteSpace(ch)) {
      flush(i);
      wordStart = i + width;
    } else if (isBertPunctuation(ch)) {
      flush(i);
      words.push(text.slice(i, i + width));
      wordStart = i + width;
    }
    i += width;
  }
  flush(s.length);
  return words;
}
