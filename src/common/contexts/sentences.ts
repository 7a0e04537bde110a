/**
 * Which word and which sentences Compare Contexts takes from a document: a short selection, or
 * the token under the cursor (the engine's own word segmentation, so that in Chinese, where VS
 * Code's word range spans a whole run of characters, it is a dictionary word such as 银行); and
 * every sentence of the document that contains it, split as Show Attention finds the sentence
 * around the cursor (Intl.Segmenter's sentences).
 */
import { sentenceSpans, tokenize } from '../attention/tokenizer';

/** The most sentences compared at once: the tables and the attention rows stay readable. */
export const MAX_CONTEXT_SENTENCES = 12;

/** The longest selection taken as a word to compare. */
export const MAX_WORD_LENGTH = 40;

/** Sentence ends (and line breaks): a selection with one is a sentence, not a word. */
const SENTENCE_END = /[.!?。！？…;；\n\r]/u;
const WORD_LIKE = /[\p{L}\p{N}]/u;

/** The selected text as a word to compare; undefined when it is blank, too long or spans a sentence end. */
export function selectedWord(selection: string): string | undefined {
  const word = selection.trim();
  if (!word || word.length > MAX_WORD_LENGTH || SENTENCE_END.test(word) || !WORD_LIKE.test(word)) return undefined;
  return word;
}

/** The word-like token of `line` at (or just before) `offset`; undefined on punctuation or space. */
export function wordAt(line: string, offset: number): string | undefined {
  const words = tokenize(line).filter((t) => WORD_LIKE.test(t.text));
  return (words.find((t) => t.start <= offset && offset < t.end) ?? words.find((t) => t.end === offset))?.text;
}

/** A line that starts a Markdown block (heading, list item, quote, table row): not the rest of the line before. */
const BLOCK_START = /^[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\|)/;

/**
 * The text with each paragraph's hard-wrapped lines joined by a space (a sentence may continue on
 * the next line, where Intl.Segmenter ends a sentence at every line break); blank lines, headings
 * and list items still end one.
 */
export function unwrapLines(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const joins = lines[i].trim() !== '' && lines[i - 1].trim() !== '' && !BLOCK_START.test(lines[i]) && !/^[ \t]*#{1,6}[ \t]/.test(lines[i - 1]);
    out += (joins ? ' ' : '\n') + (joins ? lines[i].trimStart() : lines[i]);
  }
  return out;
}

/** The document's sentences that contain `word` (paragraphs unwrapped), the first `limit` of them, and how many there are. */
export function sentencesWith(text: string, word: string, limit = MAX_CONTEXT_SENTENCES): { sentences: string[]; total: number } {
  const unwrapped = unwrapLines(text);
  const all = sentenceSpans(unwrapped)
    .map(({ start, end }) => unwrapped.slice(start, end))
    .filter((sentence) => sentence.includes(word));
  return { sentences: all.slice(0, limit), total: all.length };
}
