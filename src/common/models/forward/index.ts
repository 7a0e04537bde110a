/**
 * The forward passes of real models: BERT and GPT-2 from their config and checked weights
 * (src/common/models/files) to every layer's and head's attention weights and the last hidden
 * state, with the kernels' float32 products. `modelForward` picks the architecture.
 */
import type { ModelConfig } from '../files/config';
import type { ModelWeights } from '../files/requireWeights';
import { bertForward } from './bert';
import { gpt2Forward } from './gpt2';
import type { ForwardOptions, ModelAttention } from './types';

export { bertForward } from './bert';
export { gpt2Forward, gpt2AttentionScale } from './gpt2';
export { attentionInput, attentionScale, headProjection, layerHeadQKV, type HeadProjection, type HeadQKV } from './headQKV';
export { erf, geluErf, geluTanh } from './erf';
export type { ForwardOptions, LayerProgress, ModelAttention } from './types';

export function modelForward(config: ModelConfig, weights: ModelWeights, ids: readonly number[], options?: ForwardOptions): ModelAttention {
  if (config.modelType === 'bert' && weights.modelType === 'bert') return bertForward(config, weights, ids, options);
  if (config.modelType === 'gpt2' && weights.modelType === 'gpt2') return gpt2Forward(config, weights, ids, options);
  throw new TypeError(`a ${config.modelType} config with ${weights.modelType} weights`);
}
