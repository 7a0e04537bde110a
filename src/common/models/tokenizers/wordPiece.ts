import { codeUnitsAt } from './alignedText';
import { TokenizerError, type ModelPiece } from './types';

export interface WordPieceOptions {
  readonly vocab: ReadonlyMap<string, number>;
  readonly unkToken: string;
  readonly continuingSubwordPrefix: string;
  readonly maxInputCharsPerWord: number;
}

/**
 * The WordPiece model (models/wordpiece/mod.rs): greedy longest-match-first from the start of the
 * word, every piece after the first looked up with the `##` prefix. A word longer than
 * `maxInputCharsPerWord` code points, or one with a position no piece matches, is one [UNK]
 * over the whole word, never a partial split.
 */
export class WordPiece {
  constructor(private readonly options: WordPieceOptions) {}

  tokenize(word: string): ModelPiece[] {
    const { vocab, continuingSubwordPrefix: prefix } = this.options;
    // Code point boundaries, in UTF-16 units: pieces never split a surrogate pair.
    const bounds = [0];
    for (let i = 0; i < word.length; ) bounds.push((i += codeUnitsAt(word, i, word.length)));
    const chars = bounds.length - 1;
    if (chars > this.options.maxInputCharsPerWord) return [this.unknown(word)];
    const pieces: ModelPiece[] = [];
    for (let startIndex = 0; startIndex < chars; ) {
      let found: ModelPiece | undefined;
      let endIndex = chars;
      for (; endIndex > startIndex; endIndex--) {
        const from = bounds[startIndex];
        const to = bounds[endIndex];
        const value = (startIndex > 0 ? prefix : '') + word.slice(from, to);
        const id = vocab.get(value);
        if (id !== undefined) {
          found = { id, value, from, to };
          break;
        }
      }
      if (!found) return [this.unknown(word)];
      pieces.push(found);
      startIndex = endIndex;
    }
    return pieces;
  }

  private unknown(word: string): ModelPiece {
    const id = this.options.vocab.get(this.options.unkToken);
    // tokenizers fails the same way (Error::MissingUnkToken), only when an unknown word appears.
    if (id === undefined) throw new TokenizerError(`the word "${word}" is not in the vocabulary, and neither is the unknown token "${this.options.unkToken}"`);
    return { id, value: this.options.unkToken, from: 0, to: word.length };
  }
}
