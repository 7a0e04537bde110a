/**
 * The rows and columns a model's attention is shown in: its pieces as they are, or without the
 * special tokens, or merged onto the document's words. A unit is a run of pieces; its token is
 * what the panel labels it with (the piece itself, or the word's text) and where it lies in the text.
 */
import type { Token } from '../../attention/tokenizer';
import type { ModelToken } from '../tokenizers';
import type { ModelDisplay } from './modelView';

export interface DisplayUnit {
  readonly token: Token;
  /** Indices of the model's pieces this unit stands for, in order. */
  readonly pieces: readonly number[];
}

/** A letter, mark or digit that is not a CJK character: the stuff that words written with spaces are made of. */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Characters that are a word each (Chinese, Japanese, Korean scripts write no spaces between words). */
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]$/u;

/** The code point of `text` that contains UTF-16 unit `at` (the whole surrogate pair). */
function charAt(text: string, at: number): string {
  const code = text.charCodeAt(at);
  if (code >= 0xdc00 && code <= 0xdfff && at > 0) return text.slice(at - 1, at + 1);
  if (code >= 0xd800 && code <= 0xdbff) return text.slice(at, at + 2);
  return text.charAt(at);
}

const isWordChar = (ch: string) => WORD_CHAR.test(ch) && !CJK.test(ch);

/**
 * Whether `piece` continues the word of `previous`. From the offsets alone, so that it holds for
 * every tokenizer: pieces that share text (GPT-2's byte pieces of one character) always do;
 * adjacent pieces do when the characters on both sides of their boundary are letters or digits of
 * a script written with spaces (at ##ten ##tion, 20 ##26). A Chinese character is a word of its
 * own, and a special token ([CLS], its span empty) never joins anything.
 */
function continuesWord(text: string, previous: ModelToken, piece: ModelToken): boolean {
  if (previous.special || piece.special || piece.start === piece.end || previous.start === previous.end) return false;
  if (piece.start < previous.end) return true;
  if (piece.start !== previous.end) return false;
  return isWordChar(charAt(text, piece.start - 1)) && isWordChar(charAt(text, piece.start));
}

/** The units `display` asks for, over the model's pieces `tokens` of `text`. */
export function displayUnits(text: string, tokens: readonly ModelToken[], display: Pick<ModelDisplay, 'hideSpecial' | 'mergeWords'>): DisplayUnit[] {
  const units: { pieces: number[]; start: number; end: number; text: string }[] = [];
  tokens.forEach((piece, index) => {
    if (display.hideSpecial && piece.special) return;
    const last = units[units.length - 1];
    if (display.mergeWords && last && continuesWord(text, tokens[last.pieces[last.pieces.length - 1]], piece)) {
      last.pieces.push(index);
      last.start = Math.min(last.start, piece.start);
      last.end = Math.max(last.end, piece.end);
      return;
    }
    units.push({ pieces: [index], start: piece.start, end: piece.end, text: piece.text });
  });
  return units.map((unit) => ({
    pieces: unit.pieces,
    token: { text: unit.pieces.length > 1 ? text.slice(unit.start, unit.end) : unit.text, start: unit.start, end: unit.end },
  }));
}

/** Whether merging would change anything: some word has more than one piece. */
export function hasSubwords(text: string, tokens: readonly ModelToken[]): boolean {
  return tokens.some((piece, i) => i > 0 && continuesWord(text, tokens[i - 1], piece));
}

/**
 * One head's N × N weights over `units`: special pieces left out first (each row renormalised over
 * the keys that remain), then attention to a unit is the sum over its pieces and attention from a
 * unit the mean over its pieces, so every row still sums to 1.
 */
export function displayWeights(weights: Float32Array, n: number, units: readonly DisplayUnit[]): Float32Array {
  const m = units.length;
  const out = new Float32Array(m * m);
  const row = new Float64Array(m);
  for (let u = 0; u < m; u++) {
    row.fill(0);
    for (const i of units[u].pieces) {
      let kept = 0;
      for (const unit of units) for (const j of unit.pieces) kept += weights[i * n + j];
      // A row's kept weight is never 0: a query always attends to itself, never a special token here.
      const scale = kept > 0 ? 1 / (kept * units[u].pieces.length) : 0;
      for (let v = 0; v < m; v++) {
        let sum = 0;
        for (const j of units[v].pieces) sum += weights[i * n + j];
        row[v] += sum * scale;
      }
    }
    for (let v = 0; v < m; v++) out[u * m + v] = row[v];
  }
  return out;
}
