import type { AddedVocabulary } from './addedTokens';
import { AlignedText } from './alignedText';
import { trimByteLevelOffsets, type Span } from './byteLevel';
import { applyTemplate, type SpecialTemplate } from './specialTemplate';
import type { ModelEncoding, ModelPiece, ModelToken, ModelTokenizer } from './types';

/** The parts of a tokenizer, in the order tokenizers runs them (tokenizer/mod.rs `encode_single_sequence`, then `post_process`). */
export interface PipelineParts {
  readonly modelType: 'bert' | 'gpt2';
  readonly vocabSize: number;
  readonly added: AddedVocabulary;
  readonly normalize: ((text: AlignedText) => AlignedText) | null;
  readonly preTokenize: (text: AlignedText) => AlignedText[];
  readonly model: { tokenize(word: string): ModelPiece[] };
  /** ByteLevel's trim_offsets, when on; `addPrefixSpace` says whether a first Ġ was added rather than typed. */
  readonly trimOffsets: { readonly addPrefixSpace: boolean } | null;
  readonly template: SpecialTemplate;
}

/**
 * encode: added tokens cut out of the original text; each remaining piece normalized; added
 * tokens matched in the normalized text cut out; the rest pre-tokenized into words; each word
 * through the model; offsets mapped back through the alignments; then the post-processing
 * (trim_offsets, the [CLS] … [SEP] template).
 */
export class PipelineTokenizer implements ModelTokenizer {
  readonly modelType: 'bert' | 'gpt2';
  readonly vocabSize: number;

  constructor(private readonly parts: PipelineParts) {
    this.modelType = parts.modelType;
    this.vocabSize = parts.vocabSize;
  }

  encode(text: string): ModelEncoding {
    const { added, normalize, preTokenize, model } = this.parts;
    const found: { id: number; value: string; span: Span; special: boolean }[] = [];
    const addToken = (piece: AlignedText, token: { id: number; content: string; special: boolean }) =>
      found.push({ id: token.id, value: token.content, span: { ...piece.originalExtent }, special: token.special });
    for (const outer of added.split(AlignedText.fromOriginal(text), 'original')) {
      if (outer.token) {
        addToken(outer.text, outer.token);
        continue;
      }
      const normalized = normalize ? normalize(outer.text) : outer.text;
      for (const inner of added.split(normalized, 'normalized')) {
        if (inner.token) {
          addToken(inner.text, inner.token);
          continue;
        }
        for (const word of preTokenize(inner.text)) {
          for (const piece of model.tokenize(word.text)) {
            found.push({ id: piece.id, value: piece.value, span: word.originalSpan(piece.from, piece.to), special: false });
          }
        }
      }
    }
    if (this.parts.trimOffsets) trimByteLevelOffsets(found, this.parts.trimOffsets.addPrefixSpace);
    const tokens: ModelToken[] = found.map((t) => ({ text: t.value, id: t.id, start: t.span.start, end: t.span.end, special: t.special }));
    const all = applyTemplate(this.parts.template, tokens, text.length);
    return { ids: all.map((t) => t.id), tokens: all };
  }
}
