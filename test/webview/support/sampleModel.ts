/**
 * Sample analyses of a pretrained model for the webview tests, shaped as the host sends them
 * (AttentionView with its `model` part): a small "model" of a few layers × heads over BERT-like
 * pieces ([CLS] at ##ten ##tion … [SEP]) or GPT-2-like ones (at ten tion Ġis …). Each layer's heads
 * are real row-stochastic matrices (the built-in engine over the shown tokens, one seed a layer),
 * and the thumbnails are their block maxima, max-pooled here independently of the host's code.
 */
import { computeAttention } from '../../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../../src/common/attention/config';
import { averageHeads } from '../../../src/common/attention/headAverage';
import { headSteps, retain } from '../../../src/common/attention/steps';
import type { Token } from '../../../src/common/attention/tokenizer';
import { modelThumbGeometry, type ModelDisplay, type ModelType } from '../../../src/common/models/view/modelView';
import type { AttentionView, HostMessage } from '../../../src/common/protocol/attentionPanel';
import { SAMPLE_GUIDE, SAMPLE_NOTES } from './sampleAnalysis';

/** A piece as a tokenizer gives it: its text, where it lies in the text, and whether it is special. */
interface Piece extends Token {
  readonly special?: boolean;
  /** The index of the document's word it belongs to (undefined for a special token). */
  readonly word?: number;
}

export interface SampleModelOptions {
  readonly type?: ModelType;
  readonly name?: string;
  readonly layers?: number;
  readonly heads?: number;
  readonly display?: Partial<ModelDisplay>;
  readonly analysisId?: number;
  /** The words and their pieces, BERT-style (default "at ##ten ##tion is all you need"). */
  readonly words?: readonly (readonly string[])[];
  /** The words this many times: more than MODEL_THUMB_MAX tokens makes thumbnails of blocks. */
  readonly repeat?: number;
}

/** The sample's words as BERT's WordPiece splits them ("##" continues a word). */
const WORDS: readonly (readonly string[])[] = [['at', '##ten', '##tion'], ['is'], ['all'], ['you'], ['need']];
/** d_k of every head: the hidden size is heads × D_K. */
const D_K = 16;

/**
 * The pieces of `words` written `repeat` times, one space between words: BERT's, between [CLS]
 * and [SEP]; or GPT-2's, whose pieces of a word after the first carry its space ("Ġ").
 */
function samplePieces(type: ModelType, words: readonly (readonly string[])[], repeat: number): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let text = '';
  for (let r = 0; r < repeat; r++) {
    for (const word of words) {
      const index = pieces.length > 0 ? (pieces[pieces.length - 1].word ?? -1) + 1 : 0;
      const space = text === '' ? '' : ' ';
      word.forEach((piece, p) => {
        const bare = piece.replace(/^##/, '');
        const withSpace = p === 0 ? space + bare : bare;
        const start = text.length + (type === 'bert' && p === 0 ? space.length : 0);
        text += withSpace;
        pieces.push({ text: type === 'bert' ? piece : withSpace.replace(/^ /, 'Ġ'), start, end: text.length, word: index });
      });
    }
  }
  if (type === 'bert') {
    pieces.unshift({ text: '[CLS]', start: 0, end: 0, special: true });
    pieces.push({ text: '[SEP]', start: text.length, end: text.length, special: true });
  }
  return { text, pieces };
}

/** The rows the display shows: special tokens left out, pieces merged onto their words. */
function shownTokens(text: string, pieces: readonly Piece[], display: ModelDisplay): Token[] {
  const kept = pieces.filter((piece) => !(display.hideSpecial && piece.special));
  if (!display.mergeWords) return kept.map(({ text: t, start, end }) => ({ text: t, start, end }));
  const tokens: Token[] = [];
  kept.forEach((piece, i) => {
    const previous = kept[i - 1];
    if (previous && piece.word !== undefined && piece.word === previous.word) {
      const last = tokens[tokens.length - 1];
      tokens[tokens.length - 1] = { text: text.slice(last.start, piece.end), start: last.start, end: piece.end };
    } else tokens.push({ text: piece.text, start: piece.start, end: piece.end });
  });
  return tokens;
}

/** size × size: each cell the largest weight of its block × block tokens of the n × n matrix. */
export function maxPool(weights: ArrayLike<number>, n: number, block: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  for (let q = 0; q < n; q++) {
    for (let k = 0; k < n; k++) {
      const at = Math.floor(q / block) * size + Math.floor(k / block);
      if (weights[q * n + k] > out[at]) out[at] = weights[q * n + k];
    }
  }
  return out;
}

function modelConfig(type: ModelType, heads: number): AttentionConfig {
  return resolveConfig({ dModel: heads * D_K, heads, seed: 0, mask: type === 'gpt2' ? 'causal' : 'none', positional: 'none' });
}

/** The layer's computation: the engine over the shown tokens, with the layer's own seed. */
function layerResult(tokens: readonly Token[], type: ModelType, heads: number, layer: number) {
  return computeAttention(tokens, { ...modelConfig(type, heads), seed: 100 + layer });
}

/** A model's analysis message as the host sends it for `display`. */
export function sampleModelAnalysis(options: SampleModelOptions = {}): Extract<HostMessage, { type: 'analysis' }> {
  const type = options.type ?? 'bert';
  const layers = options.layers ?? 2;
  const heads = options.heads ?? 3;
  const display: ModelDisplay = { layer: 0, hideSpecial: false, mergeWords: false, ...options.display };
  const { text, pieces } = samplePieces(type, options.words ?? WORDS, options.repeat ?? 1);
  const tokens = shownTokens(text, pieces, display);
  const n = tokens.length;
  const { size, block } = modelThumbGeometry(n);
  const thumbnails: Float32Array[] = [];
  const layerAverages: Float32Array[] = [];
  let weights: Float32Array[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const matrices = layerResult(tokens, type, heads, layer).heads.map((head) => Float32Array.from(head.weights.data));
    for (const matrix of matrices) thumbnails.push(maxPool(matrix, n, block, size));
    layerAverages.push(maxPool(averageHeads(matrices), n, block, size));
    if (layer === display.layer) weights = matrices;
  }
  const view: AttentionView = {
    text,
    sourceName: 'paper.md',
    tokens,
    config: modelConfig(type, heads),
    weights,
    elapsedMs: 12.5,
    model: {
      info: { name: options.name ?? (type === 'bert' ? 'bert-base-uncased' : 'gpt2'), type, layers, heads, hidden: heads * D_K, vocabSize: type === 'bert' ? 30522 : 50257 },
      display,
      pieces: pieces.length,
      hasSpecial: pieces.some((piece) => piece.special),
      hasSubwords: pieces.some((piece, i) => i > 0 && piece.word !== undefined && piece.word === pieces[i - 1].word),
      thumbSize: size,
      thumbnails,
      layerAverages,
    },
  };
  return { type: 'analysis', analysisId: options.analysisId ?? 1, view, notes: SAMPLE_NOTES, guide: SAMPLE_GUIDE };
}

/** The steps the host sends for `head` of the layer shown (only for the model's own pieces). */
export function sampleModelSteps(options: SampleModelOptions, head: number): Extract<HostMessage, { type: 'steps' }> {
  const { view, analysisId } = sampleModelAnalysis(options);
  const result = layerResult(view.tokens, view.model!.info.type, view.config.heads, view.model!.display.layer);
  return { type: 'steps', analysisId, data: headSteps(retain(result), head) };
}
