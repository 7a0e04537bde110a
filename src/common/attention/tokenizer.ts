/** A token of the analysed text; offsets are UTF-16 code units into that text, end exclusive. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Built once: constructing a segmenter is far costlier than segmenting a sentence. ICU's word
// breaking uses its dictionaries for Chinese and Japanese whatever the locale; 'zh' only breaks ties.
let wordSegmenter: Intl.Segmenter | undefined;
let sentenceSegmenter: Intl.Segmenter | undefined;

/**
 * Step 1 of the chapter ("对输入句子进行分词"): word tokens as Intl.Segmenter finds them, so
 * Chinese, which has no spaces, is split into words. Punctuation is a token; whitespace is not.
 * With a limit, stops after that many tokens: cheap on a huge text.
 */
export function tokenize(text: string, limit = Infinity): Token[] {
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const tokens: Token[] = [];
  for (const { segment, index } of wordSegmenter.segment(text)) {
    if (tokens.length >= limit) break;
    if (/^\s+$/u.test(segment)) continue;
    tokens.push({ text: segment, start: index, end: index + segment.length });
  }
  return tokens;
}

/**
 * The sentence containing `offset`, trimmed of surrounding whitespace, as Intl.Segmenter's
 * sentence granularity finds it; undefined when that sentence is only whitespace.
 */
export function sentenceAt(text: string, offset: number): { start: number; end: number } | undefined {
  sentenceSegmenter ??= new Intl.Segmenter('zh', { granularity: 'sentence' });
  const segments = sentenceSegmenter.segment(text);
  const hit = segments.containing(Math.min(Math.max(offset, 0), Math.max(text.length - 1, 0)));
  if (!hit) return undefined;
  const leading = hit.segment.length - hit.segment.trimStart().length;
  const body = hit.segment.trim();
  if (!body) return undefined;
  const start = hit.index + leading;
  return { start, end: start + body.length };
}
