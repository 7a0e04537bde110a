/**
 * Tiny random checkpoints, under the names a Hugging Face file uses (with `prefix`, e.g. "bert."
 * as BertForMaskedLM saves them), including tensors no forward pass reads (the pooler, GPT-2's
 * mask buffers), as real checkpoints hold them. Float32, uniform, seeded.
 */
import { mulberry32 } from '../../../src/common/attention/random';
import type { WeightTensor } from '../../../src/common/models/files/tensor';

export type Tensors = Map<string, WeightTensor>;

/** The sizes a checkpoint is made to (BertConfig and Gpt2Config have these fields). */
export interface CheckpointSizes {
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly intermediateSize: number;
  readonly vocabSize: number;
  readonly maxPositions: number;
}

/** Uniform weights in [centre − spread, centre + spread), float32, as a file would hold them. */
export function tensorMaker(seed: number): (shape: number[], spread: number, centre?: number) => WeightTensor {
  const next = mulberry32(seed);
  return (shape, spread, centre = 0) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = centre + (2 * next() - 1) * spread;
    return { shape, dtype: 'F32', data };
  };
}

/** BertModel's tensors, and the pooler a checkpoint also has. */
export function bertCheckpoint(c: CheckpointSizes & { readonly typeVocabSize: number }, seed: number, prefix = ''): Tensors {
  const t = tensorMaker(seed);
  const h = c.hiddenSize;
  const m: Tensors = new Map();
  const put = (name: string, tensor: WeightTensor) => m.set(prefix + name, tensor);
  const linear = (name: string, out: number, inputs: number) => {
    put(`${name}.weight`, t([out, inputs], 1.2 / Math.sqrt(inputs)));
    put(`${name}.bias`, t([out], 0.1));
  };
  const norm = (name: string) => {
    put(`${name}.weight`, t([h], 0.2, 1));
    put(`${name}.bias`, t([h], 0.1));
  };
  put('embeddings.word_embeddings.weight', t([c.vocabSize, h], 1));
  put('embeddings.position_embeddings.weight', t([c.maxPositions, h], 0.5));
  put('embeddings.token_type_embeddings.weight', t([c.typeVocabSize, h], 0.5));
  norm('embeddings.LayerNorm');
  for (let l = 0; l < c.numLayers; l++) {
    const at = `encoder.layer.${l}`;
    linear(`${at}.attention.self.query`, h, h);
    linear(`${at}.attention.self.key`, h, h);
    linear(`${at}.attention.self.value`, h, h);
    linear(`${at}.attention.output.dense`, h, h);
    norm(`${at}.attention.output.LayerNorm`);
    linear(`${at}.intermediate.dense`, c.intermediateSize, h);
    linear(`${at}.output.dense`, h, c.intermediateSize);
    norm(`${at}.output.LayerNorm`);
  }
  linear('pooler.dense', h, h);
  return m;
}

/** GPT2Model's tensors (Conv1D weights in × out), with the causal-mask buffers old checkpoints hold. */
export function gpt2Checkpoint(c: CheckpointSizes, seed: number, prefix = ''): Tensors {
  const t = tensorMaker(seed);
  const h = c.hiddenSize;
  const m: Tensors = new Map();
  const put = (name: string, tensor: WeightTensor) => m.set(prefix + name, tensor);
  const conv = (name: string, inputs: number, out: number) => {
    put(`${name}.weight`, t([inputs, out], 1.2 / Math.sqrt(inputs)));
    put(`${name}.bias`, t([out], 0.1));
  };
  const norm = (name: string) => {
    put(`${name}.weight`, t([h], 0.2, 1));
    put(`${name}.bias`, t([h], 0.1));
  };
  put('wte.weight', t([c.vocabSize, h], 1));
  put('wpe.weight', t([c.maxPositions, h], 0.5));
  for (let l = 0; l < c.numLayers; l++) {
    const at = `h.${l}`;
    norm(`${at}.ln_1`);
    conv(`${at}.attn.c_attn`, h, 3 * h);
    conv(`${at}.attn.c_proj`, h, h);
    norm(`${at}.ln_2`);
    conv(`${at}.mlp.c_fc`, h, c.intermediateSize);
    conv(`${at}.mlp.c_proj`, c.intermediateSize, h);
    put(`${at}.attn.bias`, { shape: [1, 1, c.maxPositions, c.maxPositions], dtype: 'F32', data: new Float32Array(c.maxPositions ** 2) });
  }
  norm('ln_f');
  return m;
}
