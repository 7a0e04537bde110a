/**
 * The check between config.json and the weights: every tensor the forward pass reads is there,
 * with the shape the config implies, and comes out in a typed structure so that the forward pass
 * never looks a name up. Shapes are PyTorch's: BERT's nn.Linear stores weight as out × in;
 * GPT-2's Conv1D stores it as in × out (y = x·W + b), so c_attn.weight of gpt2 is 768 × 2304.
 */
import type { BertConfig, Gpt2Config, ModelConfig } from './config';
import { ModelFileError } from './errors';
import { formatShape, type WeightMap, type WeightTensor } from './tensor';
import { canonicalWeights } from './tensorNames';

/** A weight matrix and its bias. */
export interface Linear {
  readonly weight: WeightTensor;
  readonly bias: WeightTensor;
}
/** LayerNorm's γ (weight) and β (bias), each of hidden size. */
export interface LayerNormWeights {
  readonly weight: WeightTensor;
  readonly bias: WeightTensor;
}

export interface BertLayerWeights {
  /** attention.self.query/key/value: weight hidden × hidden (out × in); head h is rows h·d … h·d+d-1. */
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  /** attention.output.dense (hidden × hidden) and the LayerNorm after the residual. */
  readonly attentionOutput: Linear;
  readonly attentionLayerNorm: LayerNormWeights;
  /** intermediate.dense: intermediate × hidden. */
  readonly intermediate: Linear;
  /** output.dense: hidden × intermediate, and the LayerNorm after the residual. */
  readonly output: Linear;
  readonly outputLayerNorm: LayerNormWeights;
}

export interface BertWeights {
  readonly modelType: 'bert';
  readonly wordEmbeddings: WeightTensor;
  readonly positionEmbeddings: WeightTensor;
  readonly tokenTypeEmbeddings: WeightTensor;
  readonly embeddingsLayerNorm: LayerNormWeights;
  readonly layers: readonly BertLayerWeights[];
}

export interface Gpt2BlockWeights {
  readonly ln1: LayerNormWeights;
  /** attn.c_attn, Conv1D: weight hidden × 3·hidden (in × out), columns Q | K | V. */
  readonly attention: Linear;
  /** attn.c_proj, Conv1D: hidden × hidden. */
  readonly attentionProjection: Linear;
  readonly ln2: LayerNormWeights;
  /** mlp.c_fc, Conv1D: hidden × inner. */
  readonly fc: Linear;
  /** mlp.c_proj, Conv1D: inner × hidden. */
  readonly mlpProjection: Linear;
}

export interface Gpt2Weights {
  readonly modelType: 'gpt2';
  /** wte: vocab × hidden; wpe: positions × hidden. */
  readonly tokenEmbeddings: WeightTensor;
  readonly positionEmbeddings: WeightTensor;
  readonly blocks: readonly Gpt2BlockWeights[];
  readonly lnF: LayerNormWeights;
}

export type ModelWeights = BertWeights | Gpt2Weights;

/** How many problems a message lists before "and N more". */
const LISTED = 6;

/**
 * The weights the config's forward pass needs, checked. `tensors` may use the file's names or
 * the canonical ones (see tensorNames.ts). Throws one ModelFileError naming every missing or
 * mis-shaped tensor (the first few of them).
 */
export function requireWeights(config: ModelConfig, tensors: WeightMap): ModelWeights {
  const named = canonicalWeights(config.modelType, tensors);
  const problems: string[] = [];
  let found = 0;
  let wanted = 0;
  const take = (name: string, shape: readonly number[]): WeightTensor => {
    wanted++;
    const tensor = named.get(name);
    if (!tensor) {
      problems.push(`${name} is missing`);
      return { shape, dtype: 'F32', data: new Float32Array(0) };
    }
    found++;
    if (tensor.shape.length !== shape.length || tensor.shape.some((dim, i) => dim !== shape[i])) {
      problems.push(`${name} has shape ${formatShape(tensor.shape)}, expected ${formatShape(shape)}`);
    }
    return tensor;
  };
  const linear = (name: string, weightShape: readonly number[], out: number): Linear => ({
    weight: take(`${name}.weight`, weightShape),
    bias: take(`${name}.bias`, [out]),
  });
  const layerNorm = (name: string, size: number): LayerNormWeights => ({ weight: take(`${name}.weight`, [size]), bias: take(`${name}.bias`, [size]) });

  const weights = config.modelType === 'bert' ? bertWeights(config, linear, layerNorm, take) : gpt2Weights(config, linear, layerNorm, take);
  if (problems.length > 0) {
    const what = `${config.modelType}, ${config.numLayers} layers, hidden size ${config.hiddenSize}`;
    if (found === 0) {
      throw new ModelFileError(`the weights hold none of the ${wanted} tensors a ${what} model needs (the first is ${problems[0].replace(/ is missing$/, '')}): are they the weights of this config.json?`);
    }
    const listed = problems.slice(0, LISTED).join('; ');
    const more = problems.length > LISTED ? `; and ${problems.length - LISTED} more` : '';
    throw new ModelFileError(`the weights do not match config.json (${what}): ${listed}${more}`);
  }
  return weights;
}

/**
 * Every tensor the config's forward pass reads, canonical name → shape, in requireWeights' order.
 * The readers decode only these: an extra tensor (a classifier head, another model's buffer) is
 * neither converted nor refused for its dtype.
 */
export function requiredTensorShapes(config: ModelConfig): Map<string, readonly number[]> {
  const shapes = new Map<string, readonly number[]>();
  const empty = new Float32Array(0);
  const take: Take = (name, shape) => {
    shapes.set(name, shape);
    return { shape, dtype: 'F32', data: empty };
  };
  const linear: MakeLinear = (name, weightShape, out) => ({ weight: take(`${name}.weight`, weightShape), bias: take(`${name}.bias`, [out]) });
  const layerNorm: MakeLayerNorm = (name, size) => ({ weight: take(`${name}.weight`, [size]), bias: take(`${name}.bias`, [size]) });
  if (config.modelType === 'bert') bertWeights(config, linear, layerNorm, take);
  else gpt2Weights(config, linear, layerNorm, take);
  return shapes;
}

type Take = (name: string, shape: readonly number[]) => WeightTensor;
type MakeLinear = (name: string, weightShape: readonly number[], out: number) => Linear;
type MakeLayerNorm = (name: string, size: number) => LayerNormWeights;

function bertWeights(config: BertConfig, linear: MakeLinear, layerNorm: MakeLayerNorm, take: Take): BertWeights {
  const h = config.hiddenSize;
  const inner = config.intermediateSize;
  const wordEmbeddings = take('embeddings.word_embeddings.weight', [config.vocabSize, h]);
  const positionEmbeddings = take('embeddings.position_embeddings.weight', [config.maxPositions, h]);
  const tokenTypeEmbeddings = take('embeddings.token_type_embeddings.weight', [config.typeVocabSize, h]);
  const embeddingsLayerNorm = layerNorm('embeddings.LayerNorm', h);
  const layers: BertLayerWeights[] = [];
  for (let i = 0; i < config.numLayers; i++) {
    const at = `encoder.layer.${i}`;
    layers.push({
      query: linear(`${at}.attention.self.query`, [h, h], h),
      key: linear(`${at}.attention.self.key`, [h, h], h),
      value: linear(`${at}.attention.self.value`, [h, h], h),
      attentionOutput: linear(`${at}.attention.output.dense`, [h, h], h),
      attentionLayerNorm: layerNorm(`${at}.attention.output.LayerNorm`, h),
      intermediate: linear(`${at}.intermediate.dense`, [inner, h], inner),
      output: linear(`${at}.output.dense`, [h, inner], h),
      outputLayerNorm: layerNorm(`${at}.output.LayerNorm`, h),
    });
  }
  return { modelType: 'bert', wordEmbeddings, positionEmbeddings, tokenTypeEmbeddings, embeddingsLayerNorm, layers };
}

function gpt2Weights(config: Gpt2Config, linear: MakeLinear, layerNorm: MakeLayerNorm, take: Take): Gpt2Weights {
  const h = config.hiddenSize;
  const inner = config.intermediateSize;
  const tokenEmbeddings = take('wte.weight', [config.vocabSize, h]);
  const positionEmbeddings = take('wpe.weight', [config.maxPositions, h]);
  const blocks: Gpt2BlockWeights[] = [];
  for (let i = 0; i < config.numLayers; i++) {
    const at = `h.${i}`;
    blocks.push({
      ln1: layerNorm(`${at}.ln_1`, h),
      attention: linear(`${at}.attn.c_attn`, [h, 3 * h], 3 * h),
      attentionProjection: linear(`${at}.attn.c_proj`, [h, h], h),
      ln2: layerNorm(`${at}.ln_2`, h),
      fc: linear(`${at}.mlp.c_fc`, [h, inner], inner),
      mlpProjection: linear(`${at}.mlp.c_proj`, [inner, h], h),
    });
  }
  return { modelType: 'gpt2', tokenEmbeddings, positionEmbeddings, blocks, lnF: layerNorm('ln_f', h) };
}
