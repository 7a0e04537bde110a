/**
 * What the attention panel shows of a pretrained model's analysis, beside the selected layer's
 * heads (AttentionView.weights): which model it is, how its tokens are shown, and a thumbnail of
 * every layer's every head for the layer × head grid. The panel never holds all L × H × N × N
 * weights: a layer or a display choice is asked for (WebviewMessage 'modelDisplay') and comes
 * back as a new analysis message.
 */

/** A model folder, as a request names it: enough to load it again after a window reload. */
export interface ModelRef {
  /** The folder, as a URI string (file:///… in the desktop, the workspace's scheme on the web). */
  readonly uri: string;
  /** What the panel calls it: the repository id or the folder's name. */
  readonly name: string;
}

export type ModelType = 'bert' | 'gpt2';

/** What the numbers are: always visible in the panel. */
export interface ModelInfo {
  readonly name: string;
  readonly type: ModelType;
  readonly layers: number;
  readonly heads: number;
  readonly hidden: number;
  readonly vocabSize: number;
}

/** How a model's attention is shown: which layer, and whether special tokens and sub-word pieces are. */
export interface ModelDisplay {
  readonly layer: number;
  /** Leave [CLS], [SEP] (and any special token) out, each row's remaining weights renormalised to 1. */
  readonly hideSpecial: boolean;
  /** One row and column per word of the document: attention to a word sums its pieces, from a word averages them. */
  readonly mergeWords: boolean;
}

export const DEFAULT_MODEL_DISPLAY: ModelDisplay = { layer: 0, hideSpecial: false, mergeWords: false };

export interface ModelViewPart {
  readonly info: ModelInfo;
  readonly display: ModelDisplay;
  /** Tokens the model read (its pieces, special tokens included), whatever the display. */
  readonly pieces: number;
  /** Whether the encoding has a special token (hiding them changes something). */
  readonly hasSpecial: boolean;
  /** Whether a word of the text has more than one piece (merging changes something). */
  readonly hasSubwords: boolean;
  /** The side of every thumbnail: min(N, MODEL_THUMB_MAX) for N tokens shown. */
  readonly thumbSize: number;
  /**
   * thumbnails[layer · heads + head]: thumbSize × thumbSize, each cell the largest weight of its
   * block of the displayed N × N matrix (as WeightsOverview's blocks), so a peak is never averaged away.
   */
  readonly thumbnails: readonly Float32Array[];
  /** layerAverages[layer]: the same for the mean over the layer's heads. */
  readonly layerAverages: readonly Float32Array[];
}

/** A thumbnail's largest side, in cells. */
export const MODEL_THUMB_MAX = 48;

/** Thumbnail side and block for N shown tokens: blocks of ⌈N / MODEL_THUMB_MAX⌉ tokens. */
export function modelThumbGeometry(n: number): { size: number; block: number } {
  const block = Math.max(1, Math.ceil(n / MODEL_THUMB_MAX));
  return { size: Math.ceil(n / block), block };
}
