/**
 * Finds the glossary term under a position in a line of any document, for hovers. Works on characters,
 * not words: Chinese has no spaces and a word segmenter's words need not line up with terms.
 */
import type { GlossaryEntry } from './glossaryEntry';

export interface GlossaryMatch {
  readonly entry: GlossaryEntry;
  /** UTF-16 offsets into the line, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface GlossaryMatcher {
  /**
   * The longest term or alias covering `character` (ties: the leftmost). When none covers it, a term
   * ending just before it: VS Code reports the pointer on a character's right half as the position
   * after that character. Latin letters match whatever their case; an alias edge that is a Latin letter
   * or digit must sit on a word boundary ("attention" is not found in "attentional"), a CJK edge need not.
   */
  match(lineText: string, character: number): GlossaryMatch | undefined;
}

interface Form {
  readonly entry: GlossaryEntry;
  readonly length: number;
  /** Whether the first / last character is a word character, which then needs a boundary beside it. */
  readonly boundedStart: boolean;
  readonly boundedEnd: boolean;
}

interface TrieNode {
  readonly next: Map<number, TrieNode>;
  form?: Form;
}

const WORD_CHAR = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}_]$/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/** Case folding one UTF-16 unit at a time, so offsets in the folded text stay those of the line. */
function foldUnit(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  // CJK radicals, kana and ideographs through Yi have no case: skip the costly lookup on Chinese text.
  if (code >= 0x2e80 && code < 0xa640) return code;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/** Builds the matcher once; throws when an alias is empty or belongs to two entries. */
export function createGlossaryMatcher(entries: readonly GlossaryEntry[]): GlossaryMatcher {
  const root: TrieNode = { next: new Map() };
  let maxLength = 0;
  for (const entry of entries) {
    for (const form of new Set([entry.term, ...entry.aliases])) {
      if (!form.trim()) throw new Error(`Glossary entry "${entry.id}" has an empty term or alias.`);
      let node = root;
      for (let i = 0; i < form.length; i++) {
        const code = foldUnit(form.charCodeAt(i));
        let child = node.next.get(code);
        if (!child) node.next.set(code, (child = { next: new Map() }));
        node = child;
      }
      if (node.form && node.form.entry !== entry) {
        throw new Error(`Glossary alias "${form}" belongs to both "${node.form.entry.id}" and "${entry.id}".`);
      }
      node.form = { entry, length: form.length, boundedStart: isWordChar(form[0]), boundedEnd: isWordChar(form[form.length - 1]) };
      maxLength = Math.max(maxLength, form.length);
    }
  }

  return {
    match(line, character) {
      if (!(character >= 0 && character <= line.length)) return undefined;
      // Only a window of the line can hold a term touching `character`: cost is independent of line length.
      const low = Math.max(0, character - maxLength);
      const high = Math.min(line.length, character + maxLength);
      const folded = new Uint16Array(high - low);
      for (let i = low; i < high; i++) folded[i - low] = foldUnit(line.charCodeAt(i));

      let best: { form: Form; start: number; covers: boolean } | undefined;
      for (let start = low; start <= character && start < high; start++) {
        let node: TrieNode | undefined = root;
        for (let i = start; i < high; i++) {
          node = node.next.get(folded[i - low]);
          if (!node) break;
          const form = node.form;
          const end = i + 1;
          if (!form || end < character) continue;
          if (form.boundedStart && isWordChar(line[start - 1])) continue;
          if (form.boundedEnd && isWordChar(line[end])) continue;
          const covers = end > character;
          // Covering beats touching, then longer beats shorter; equal ones keep the leftmost.
          if (!best || (covers && !best.covers) || (covers === best.covers && form.length > best.form.length)) {
            best = { form, start, covers };
          }
        }
      }
      return best && { entry: best.form.entry, start: best.start, end: best.start + best.form.length };
    },
  };
}
