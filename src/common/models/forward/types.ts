/** What a model's forward pass hands the panel: every layer's and head's attention, and the states. */

export interface ModelAttention {
  readonly layers: number;
  readonly heads: number;
  /** Tokens. */
  readonly n: number;
  /** weights[layer][head]: N × N row-major softmax weights; row i is query i's distribution over the keys. */
  readonly weights: Float32Array[][];
  /** N × d: the last hidden state (after ln_f for GPT-2), transformers' last_hidden_state. */
  readonly hidden: Float32Array;
  /**
   * layerInputs[layer]: N × d, the hidden state entering that layer (transformers'
   * hidden_states[layer]), kept so that the steps view can show a real layer's X and recompute
   * its Q, K, V (layerHeadQKV) without running the model again. O(L·N·d), small beside the weights.
   */
  readonly layerInputs?: Float32Array[];
}

/** Called after each layer; throwing from it (a Cancel) stops the pass there. */
export type LayerProgress = (done: number, total: number) => void;

export interface ForwardOptions {
  readonly onLayer?: LayerProgress;
  /** Keep layerInputs (the default). */
  readonly keepLayerInputs?: boolean;
}

/** Token ids must index the embeddings, and there may be no more of them than positions. */
export function checkIds(ids: readonly number[], vocabSize: number, maxPositions: number): void {
  if (ids.length > maxPositions) throw new RangeError(`${ids.length} tokens are more than the model's ${maxPositions} positions`);
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new RangeError(`token id ${id} is not in the vocabulary of ${vocabSize}`);
  }
}
