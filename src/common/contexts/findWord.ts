/**
 * Where a word is in a sentence, in the engine's tokens: its first occurrence whose characters
 * the tokens cover exactly (a token starts where it starts, a token ends where it ends). An
 * occurrence inside a longer token (行 in 银行, "bank" in "embankment") is not the word.
 */
import type { Token } from '../attention/tokenizer';
import type { MissingWord } from './contexts';

export type WordMatch = { readonly tokens: number[]; readonly start: number; readonly end: number } | { readonly missing: MissingWord };

export function findWord(text: string, tokens: readonly Token[], word: string): WordMatch {
  let inside: string | undefined;
  if (word === '') return { missing: { reason: 'absent' } };
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    const covering: number[] = [];
    tokens.forEach((token, i) => {
      if (token.start < end && token.end > at) covering.push(i);
    });
    if (covering.length === 0) continue; // past the analysed tokens, or in whitespace the tokens skip
    const first = tokens[covering[0]];
    const last = tokens[covering[covering.length - 1]];
    if (first.start === at && last.end === end) return { tokens: covering, start: at, end };
    inside ??= text.slice(Math.min(first.start, at), Math.max(last.end, end));
  }
  return { missing: inside === undefined ? { reason: 'absent' } : { reason: 'insideToken', token: inside } };
}
