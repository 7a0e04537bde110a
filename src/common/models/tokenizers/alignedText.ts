/**
 * A normalized text that remembers, for each of its UTF-16 code units, the span of the original
 * text it came from: the equivalent of `NormalizedString` in Hugging Face `tokenizers`
 * (tokenizer/normalizer.rs), whose alignments give each normalized byte an original (start, end).
 *
 * In `tokenizers` every character a transformation outputs takes the alignment of the character
 * it replaces, and characters it inserts take that of the character before them, which in all
 * the transformations used here (clean_text, CJK padding, NFD, lowercase, the byte-level
 * mapping, add_prefix_space) is the same input character. So one rule is enough: each output of
 * `mapChars` inherits the span of its input code point. A token's original span is then the
 * start of its first unit's span to the end of its last unit's (`expand_alignments`): removed
 * characters inside a token are covered, removed ones at its edges are not, and case or accent
 * changes never move an offset.
 */
export class AlignedText {
  private constructor(
    /** The normalized text. */
    readonly text: string,
    /** Original start of each code unit of `text`. */
    private readonly starts: readonly number[],
    /** Original end of each code unit of `text`. */
    private readonly ends: readonly number[],
  ) {}

  /** `original[from, to)` as it is, each code point aligned to itself (a surrogate pair's two units to the pair). */
  static fromOriginal(original: string, from = 0, to = original.length): AlignedText {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = from; i < to; ) {
      const width = codeUnitsAt(original, i, to);
      for (let k = 0; k < width; k++) {
        starts.push(i);
        ends.push(i + width);
      }
      i += width;
    }
    return new AlignedText(original.slice(from, to), starts, ends);
  }

  get length(): number {
    return this.text.length;
  }

  /**
   * Replaces each code point by `map(codePoint)` (empty to remove it, several characters to
   * expand it), every output unit keeping the input code point's original span.
   */
  mapChars(map: (ch: string) => string): AlignedText {
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < this.text.length; ) {
      const width = codeUnitsAt(this.text, i, this.text.length);
      const ch = this.text.slice(i, i + width);
      const out = map(ch);
      text += out;
      // A code point's units share one span, so its first unit's span is the code point's.
      for (let k = 0; k < out.length; k++) {
        starts.push(this.starts[i]);
        ends.push(this.ends[i]);
      }
      i += width;
    }
    return new AlignedText(text, starts, ends);
  }

  /** Units [from, to) of the normalized text, with their alignments. */
  slice(from: number, to: number): AlignedText {
    return new AlignedText(this.text.slice(from, to), this.starts.slice(from, to), this.ends.slice(from, to));
  }

  /** `prefix` inserted before the text, aligned to the first character (as `NormalizedString::prepend`); nothing if the text is empty. */
  prepend(prefix: string): AlignedText {
    if (!this.text) return this;
    return new AlignedText(
      prefix + this.text,
      [...new Array<number>(prefix.length).fill(this.starts[0]), ...this.starts],
      [...new Array<number>(prefix.length).fill(this.ends[0]), ...this.ends],
    );
  }

  /** The original span of units [from, to), to > from: first unit's start to last unit's end. */
  originalSpan(from: number, to: number): { start: number; end: number } {
    return { start: this.starts[from], end: this.ends[to - 1] };
  }

  /** The original span of the whole text (empty text: an empty span at 0). */
  get originalExtent(): { start: number; end: number } {
    return this.text ? this.originalSpan(0, this.text.length) : { start: 0, end: 0 };
  }
}

/** 2 at the start of a surrogate pair that ends before `limit`, else 1 (a lone surrogate is one "character"). */
export function codeUnitsAt(text: string, index: number, limit: number): number {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < limit) {
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 2;
  }
  return 1;
}
