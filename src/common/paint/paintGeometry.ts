/**
 * Where a painted token is in its document: token offsets are relative to the analysed text,
 * which starts at a document offset (VS Code's: CRLF counts 2, as in the text read from it).
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The token under a cursor at `offset` (relative to the analysed text): the one containing it,
 * else the one ending there (the cursor just after a word); tokens without text are never it.
 * `tokens` are in text order.
 */
export function tokenAt(tokens: readonly Span[], offset: number): number | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  // tokens[lo - 1] is the last token starting at or before offset; empty ones are skipped.
  let ending: number | undefined;
  for (let i = lo - 1; i >= 0 && tokens[i].end >= offset; i--) {
    const { start, end } = tokens[i];
    if (start === end) continue;
    if (offset < end) return i;
    ending ??= i;
  }
  return ending;
}

/** One edit, as a document change says it: the replaced span (in the old text) and the new text's length. */
export interface TextEdit {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly textLength: number;
}

/**
 * Where the analysed text (`text`, document offsets) is after `edits` (each against the document
 * before them, as VS Code reports one change event): moved by edits before it, unchanged by edits
 * after it; undefined when an edit touches it (an insertion at either end changes a token too).
 */
export function shiftSpan(text: Span, edits: readonly TextEdit[]): Span | undefined {
  let delta = 0;
  for (const edit of edits) {
    const editEnd = edit.rangeOffset + edit.rangeLength;
    if (edit.rangeOffset > text.end) continue;
    if (editEnd < text.start) delta += edit.textLength - edit.rangeLength;
    else return undefined;
  }
  return { start: text.start + delta, end: text.end + delta };
}
