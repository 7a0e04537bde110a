import type { Token } from '../../attention/tokenizer';

/**
 * A token of a pretrained model's tokenizer. `text` is the vocabulary piece (`##ing`, `Ġthe`,
 * `[CLS]`), not the surface text: the surface is `source.slice(start, end)`. `start`/`end` are
 * UTF-16 code units into the original text, end exclusive, as Hugging Face's fast tokenizers
 * give them (but in UTF-16 units, where Python gives code points).
 *
 * Special tokens that the post-processor adds ([CLS], [SEP]) cover no text: their span is empty
 * (start = end), at 0 for those placed before the text and at its length for those after, so a
 * consumer that sorts or clamps by offset still sees them in order. `special` tells them apart
 * from a real token; an added special token found in the text itself (`[MASK]` typed by the user)
 * is special too but keeps the span it matched.
 */
export interface ModelToken extends Token {
  readonly id: number;
  readonly special: boolean;
}

/** What `encode` returns: the ids the model takes, and one token per id. */
export interface ModelEncoding {
  readonly ids: number[];
  readonly tokens: ModelToken[];
}

export interface ModelTokenizer {
  readonly modelType: 'bert' | 'gpt2';
  /** The vocabulary size (largest id + 1, added tokens included). */
  readonly vocabSize: number;
  encode(text: string): ModelEncoding;
}

/**
 * Why a tokenizer could not be loaded or run, in words a user can act on. `file` names the file
 * at fault when there is one (it also starts the message).
 */
export class TokenizerError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    /** False when the message already says which file, as for a missing one. */
    prefixWithFile = true,
  ) {
    super(file && prefixWithFile ? `${file}: ${message}` : message);
    this.name = 'TokenizerError';
  }
}

/** What a model (WordPiece, BPE) makes of one word: a vocabulary piece over units [from, to) of the word's normalized text. */
export interface ModelPiece {
  readonly id: number;
  readonly value: string;
  readonly from: number;
  readonly to: number;
}
