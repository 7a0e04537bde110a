/**
 * Finds the glossary terms in a run of text, left to right, with the hover matcher's rules: the
 * longest term or alias wins, Latin letters match whatever their case, and a Latin edge must sit
 * on a word boundary. Pure (no DOM), so the rules can be checked without a browser.
 */
import { createGlossaryMatcher } from '../../../src/common/glossary/glossaryMatcher';
import type { ReaderGlossaryEntry } from '../../../src/common/protocol/reader';

export interface TermOccurrence {
  readonly entry: ReaderGlossaryEntry;
  /** UTF-16 offsets into the text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export type TermScanner = (text: string) => TermOccurrence[];

/** Throws, like the matcher, when an alias is empty or belongs to two entries. */
export function createTermScanner(entries: readonly ReaderGlossaryEntry[]): TermScanner {
  // The matcher keys entries by id; the reader's entries are keyed by their term.
  const matcher = createGlossaryMatcher(entries.map((entry) => ({ ...entry, id: entry.term })));
  const original = new Map(entries.map((entry) => [entry.term, entry]));
  return (text) => {
    const found: TermOccurrence[] = [];
    for (let at = 0; at < text.length; ) {
      const match = matcher.match(text, at);
      // The longest form covering `at` may start before it, inside a term already taken: then
      // nothing starts here (occurrences never overlap).
      if (match && match.start === at && match.end > at) {
        found.push({ entry: original.get(match.entry.term)!, start: match.start, end: match.end });
        at = match.end;
      } else {
        at++;
      }
    }
    return found;
  };
}
