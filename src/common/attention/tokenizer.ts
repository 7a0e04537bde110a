/** A token of the analysed text; offsets are UTF-16 code units into that text, end exclusive. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Built once: constructing a segmenter is far costlier than segmenting a sentence. ICU's word
// breaking uses its dictionaries for Chinese and Japanese whatever the locale; 'zh' only breaks ties.
let wordSegmenter: Intl.Segmenter | undefined;
let graphemeSegmenter: Intl.Segmenter | undefined;
let sentenceSegmenter: Intl.Segmenter | undefined;

/**
 * Code units segmented at a time. On Node 20 (V8 11.3) each segment Intl.Segmenter yields costs
 * time proportional to the length of the whole string, so segmenting a text whole is quadratic
 * (160,000 characters: 12 to 22 s). Windows of about a thousand units are near the fastest there
 * (about 1 µs a token), and leave alone every run of word characters up to half a window long.
 */
export const SEGMENT_WINDOW = 1024;

/**
 * Step 1 of the chapter ("对输入句子进行分词"): word tokens as Intl.Segmenter finds them, so
 * Chinese, which has no spaces, is split into words. Punctuation is a token; whitespace is not.
 * With a limit, stops after that many tokens: the cost is that of the tokens returned, not of
 * the text. `window` is SEGMENT_WINDOW but for tests.
 */
export function tokenize(text: string, limit = Infinity, window = SEGMENT_WINDOW): Token[] {
  const tokens: Token[] = [];
  if (limit < 1) return tokens;
  for (const { segment, index } of wordSegments(text, window)) {
    if (isWhitespace(segment)) continue;
    tokens.push({ text: segment, start: index, end: index + segment.length });
    if (tokens.length >= limit) break;
  }
  return tokens;
}

/** How many tokens `tokenize` would return: linear in the text, without keeping the tokens. */
export function countTokens(text: string, window = SEGMENT_WINDOW): number {
  let count = 0;
  for (const { segment } of wordSegments(text, window)) if (!isWhitespace(segment)) count++;
  return count;
}

function isWhitespace(segment: string): boolean {
  return /^\s+$/u.test(segment);
}

/**
 * The word segments of the whole text, with offsets into it, segmenting `window` code units at a
 * time. A window's segments are kept up to its last boundary next to a segment that is not
 * word-like (whitespace, punctuation, an emoji), and the next window starts there. ICU finds each
 * boundary by scanning forward from the previous one, so from such a boundary on the segments are
 * those of the whole text; its dictionary (Chinese, Japanese, Thai) splits only runs of word
 * characters, so the boundary is none of its guesses. The segments past it served as right-hand
 * context and are segmented again. Only a run of word characters longer than half a window has no
 * such boundary and is cut elsewhere (a boundary, else between grapheme clusters): its tokens may
 * differ from those of the whole text near the cut; their offsets are right.
 */
function* wordSegments(text: string, window: number): Generator<{ segment: string; index: number }> {
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (let start = 0; start < text.length; ) {
    const chunk = text.slice(start, start + window);
    const segments = Array.from(wordSegmenter.segment(chunk));
    const cut = start + chunk.length >= text.length ? chunk.length : cutOf(chunk, segments);
    for (const { segment, index } of segments) {
      if (index >= cut) break;
      yield { segment: index + segment.length > cut ? segment.slice(0, cut - index) : segment, index: start + index };
    }
    start += cut;
  }
}

/** Where to cut a window that is not the end of the text: past its middle, so every window advances. */
function cutOf(chunk: string, segments: Intl.SegmentData[]): number {
  // The last segment may be truncated by the window, so neither it nor its start is trusted.
  const lastTrusted = segments.length - 2;
  const half = chunk.length / 2;
  for (let k = lastTrusted; k >= 1 && segments[k].index >= half; k--) {
    if (!segments[k].isWordLike || !segments[k - 1].isWordLike) return segments[k].index;
  }
  if (lastTrusted >= 1 && segments[lastTrusted].index >= half) return segments[lastTrusted].index;
  return graphemeCut(chunk);
}

/** The start of the window's last grapheme cluster, or, inside one cluster, its end off a surrogate pair. */
function graphemeCut(chunk: string): number {
  graphemeSegmenter ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  const lastCluster = graphemeSegmenter.segment(chunk).containing(chunk.length - 1)?.index ?? 0;
  if (lastCluster > 0) return lastCluster;
  const endsInPair = /[\uD800-\uDBFF]/.test(chunk[chunk.length - 1]) && chunk.length > 1;
  return endsInPair ? chunk.length - 1 : chunk.length;
}

/**
 * The sentence containing `offset`, trimmed of surrounding whitespace, as Intl.Segmenter's
 * sentence granularity finds it; undefined when that sentence is only whitespace.
 */
export function sentenceAt(text: string, offset: number): { start: number; end: number } | undefined {
  const hit = sentences().segment(text).containing(Math.min(Math.max(offset, 0), Math.max(text.length - 1, 0)));
  return hit && trimmedSentence(hit);
}

/** Every sentence of the text, trimmed, as sentenceAt finds each (blank ones left out). */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  return Array.from(sentences().segment(text), trimmedSentence).filter((span) => span !== undefined);
}

function sentences(): Intl.Segmenter {
  return (sentenceSegmenter ??= new Intl.Segmenter('zh', { granularity: 'sentence' }));
}

function trimmedSentence(hit: Intl.SegmentData): { start: number; end: number } | undefined {
  const leading = hit.segment.length - hit.segment.trimStart().length;
  const body = hit.segment.trim();
  if (!body) return undefined;
  const start = hit.index + leading;
  return { start, end: start + body.length };
}
