import type { AlignedText } from './alignedText';

/** An entry of tokenizer.json's `added_tokens` (or a special token of a legacy folder). */
export interface AddedToken {
  readonly id: number;
  readonly content: string;
  readonly special: boolean;
  /** Matched in the normalized text (after lowercasing…) rather than in the original. */
  readonly normalized: boolean;
  /** Also take the whitespace on its left / right. */
  readonly lstrip: boolean;
  readonly rstrip: boolean;
  /** Only when not inside a word. */
  readonly singleWord: boolean;
}

/** A piece of text between added tokens, or an added token found in the text. */
export type AddedSplit = { readonly text: AlignedText; readonly token?: undefined } | { readonly text: AlignedText; readonly token: AddedToken };

// Rust regex's Unicode \w and \s, as added_vocabulary.rs uses them.
const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;
const ENDS_WITH_WORD = new RegExp(`${WORD_CHAR.source}$`, 'u');
const STARTS_WITH_WORD = new RegExp(`^${WORD_CHAR.source}`, 'u');
const SPACES_AT_END = /\p{White_Space}*$/u;
const SPACES_AT_START = /^\p{White_Space}*/u;

/**
 * AddedVocabulary (tokenizer/added_vocabulary.rs): added tokens are cut out of the text before the
 * model sees it, leftmost-longest, so `[SEP]` typed in the text is the token [SEP], not `[`, `sep`,
 * `]`. Tokens with `normalized: false` are found in the original text, the others in the
 * normalized text, against their own normalized content.
 */
export class AddedVocabulary {
  private readonly original: Matcher | undefined;
  private readonly normalized: Matcher | undefined;

  constructor(tokens: readonly AddedToken[], normalizeContent: (content: string) => string) {
    this.original = makeMatcher(tokens.filter((t) => !t.normalized).map((t) => [t.content, t]));
    this.normalized = makeMatcher(tokens.filter((t) => t.normalized).map((t) => [normalizeContent(t.content), t]));
  }

  split(text: AlignedText, referential: 'original' | 'normalized'): AddedSplit[] {
    const matcher = referential === 'original' ? this.original : this.normalized;
    if (!matcher || !text.length) return text.length ? [{ text }] : [];
    const s = text.text;
    const splits: AddedSplit[] = [];
    let done = 0;
    for (const match of s.matchAll(matcher.pattern)) {
      let start = match.index ?? 0;
      let stop = start + match[0].length;
      const token = matcher.byContent.get(match[0]);
      if (!token) continue;
      if (token.singleWord) {
        const spaceBefore = start === 0 || !ENDS_WITH_WORD.test(s.slice(0, start));
        const spaceAfter = stop === s.length || !STARTS_WITH_WORD.test(s.slice(stop));
        if (!spaceBefore || !spaceAfter) continue;
      }
      if (token.lstrip) start = Math.max(s.slice(0, start).search(SPACES_AT_END), done);
      if (token.rstrip) stop += SPACES_AT_START.exec(s.slice(stop))?.[0].length ?? 0;
      if (done < start) splits.push({ text: text.slice(done, start) });
      splits.push({ text: text.slice(start, stop), token });
      done = stop;
    }
    if (done < s.length) splits.push({ text: text.slice(done, s.length) });
    return splits;
  }
}

interface Matcher {
  readonly pattern: RegExp;
  readonly byContent: ReadonlyMap<string, AddedToken>;
}

/** One alternation, longest first: JavaScript tries alternatives in order, so that is leftmost-longest (the Aho-Corasick match kind tokenizers uses). */
function makeMatcher(entries: [string, AddedToken][]): Matcher | undefined {
  const byContent = new Map<string, AddedToken>();
  for (const [content, token] of entries) if (content && !byContent.has(content)) byContent.set(content, token);
  if (!byContent.size) return undefined;
  const contents = [...byContent.keys()].sort((a, b) => b.length - a.length);
  return { pattern: new RegExp(contents.map(escapeRegExp).join('|'), 'gu'), byContent };
}

function escapeRegExp(text: string): string {
  // Only syntax characters: with the u flag, escaping anything else (such as -) is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
