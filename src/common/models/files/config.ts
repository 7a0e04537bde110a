/**
 * `config.json` of a Hugging Face model folder, read into the few numbers a BERT or GPT-2 forward
 * pass needs. The field names and their defaults are those of transformers' `BertConfig`
 * (configuration_bert.py) and `GPT2Config` (configuration_gpt2.py): a key a config leaves out
 * means the default, as `from_pretrained` reads it. Every number is checked here, once, so that
 * the weight checks and the forward pass can trust them.
 */
import { ModelFileError } from './errors';

const FILE = 'config.json';

/** The activation of the feed-forward block: exact GELU (erf) or GPT-2's tanh approximation. */
export type Activation = 'gelu' | 'gelu_new';

/** What both architectures have, under one set of names. */
interface CommonConfig {
  /** d_model: BERT's hidden_size, GPT-2's n_embd. */
  readonly hiddenSize: number;
  /** BERT's num_hidden_layers, GPT-2's n_layer. */
  readonly numLayers: number;
  /** BERT's num_attention_heads, GPT-2's n_head. */
  readonly numHeads: number;
  /** hiddenSize / numHeads, the size of one head's queries, keys and values. */
  readonly headSize: number;
  /** The feed-forward block's inner size: BERT's intermediate_size, GPT-2's n_inner (4·n_embd when null). */
  readonly intermediateSize: number;
  /** The longest input, in tokens: BERT's max_position_embeddings, GPT-2's n_positions. */
  readonly maxPositions: number;
  readonly vocabSize: number;
  /** BERT's layer_norm_eps, GPT-2's layer_norm_epsilon. */
  readonly layerNormEps: number;
  readonly activation: Activation;
}

export interface BertConfig extends CommonConfig {
  readonly modelType: 'bert';
  /** Rows of embeddings.token_type_embeddings; the panel always uses type 0. */
  readonly typeVocabSize: number;
}

export interface Gpt2Config extends CommonConfig {
  readonly modelType: 'gpt2';
  /** Scores divided by √headSize (GPT2Config.scale_attn_weights, default true). */
  readonly scaleAttnWeights: boolean;
  /** Scores further divided by layer index + 1 (scale_attn_by_inverse_layer_idx, default false). */
  readonly scaleAttnByInverseLayerIdx: boolean;
}

export type ModelConfig = BertConfig | Gpt2Config;
export type ModelType = ModelConfig['modelType'];

export const SUPPORTED_MODEL_TYPES: readonly ModelType[] = ['bert', 'gpt2'];

/**
 * The class names transformers writes in `architectures`, for the old configs that have no
 * `model_type` (transformers then guesses from the repository name; a folder has none, so we use
 * the architecture, which says the same thing).
 */
const ARCHITECTURE_PREFIXES: readonly [string, ModelType][] = [['Bert', 'bert'], ['GPT2', 'gpt2']];

/** The parsed config, from the text or the bytes of config.json. Throws ModelFileError. */
export function parseModelConfig(source: string | Uint8Array): ModelConfig {
  let text: string;
  if (typeof source === 'string') text = source;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      throw new ModelFileError('is not valid UTF-8', FILE);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(`is not valid JSON (${(error as Error).message})`, FILE);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelFileError('is not a JSON object', FILE);
  return modelConfigFromJson(json as Record<string, unknown>);
}

/** The same, from the parsed object. */
export function modelConfigFromJson(json: Readonly<Record<string, unknown>>): ModelConfig {
  const type = modelTypeOf(json);
  return type === 'bert' ? bertConfig(json) : gpt2Config(json);
}

function modelTypeOf(json: Readonly<Record<string, unknown>>): ModelType {
  const declared = own(json, 'model_type');
  if (declared !== undefined) {
    if (typeof declared !== 'string') throw new ModelFileError('"model_type" is not a string', FILE);
    if ((SUPPORTED_MODEL_TYPES as readonly string[]).includes(declared)) return declared as ModelType;
    throw new ModelFileError(`model_type ${JSON.stringify(declared)} is not supported: Attention Explorer reads BERT and GPT-2 models`, FILE);
  }
  const architectures = own(json, 'architectures');
  if (Array.isArray(architectures)) {
    for (const architecture of architectures) {
      if (typeof architecture !== 'string') continue;
      const match = ARCHITECTURE_PREFIXES.find(([prefix]) => architecture.startsWith(prefix) && /^[A-Z]/.test(architecture.slice(prefix.length)));
      if (match) return match[1];
    }
    if (architectures.length > 0) {
      throw new ModelFileError(`has no "model_type" and its architecture ${JSON.stringify(architectures[0])} is not supported: Attention Explorer reads BERT and GPT-2 models`, FILE);
    }
  }
  throw new ModelFileError('has no "model_type": Attention Explorer reads BERT ("bert") and GPT-2 ("gpt2") models', FILE);
}

function bertConfig(json: Readonly<Record<string, unknown>>): BertConfig {
  // Only absolute learned positions are implemented; relative_key(_query) changes the attention scores.
  const positions = optionalString(json, 'position_embedding_type', 'absolute');
  if (positions !== 'absolute') throw new ModelFileError(`position_embedding_type ${JSON.stringify(positions)} is not supported: only "absolute" is`, FILE);
  const hiddenSize = positiveInteger(json, ['hidden_size'], 768);
  const numHeads = positiveInteger(json, ['num_attention_heads'], 12);
  return {
    modelType: 'bert',
    hiddenSize,
    numLayers: positiveInteger(json, ['num_hidden_layers'], 12),
    numHeads,
    headSize: headSize(hiddenSize, numHeads, 'hidden_size', 'num_attention_heads'),
    intermediateSize: positiveInteger(json, ['intermediate_size'], 3072),
    maxPositions: positiveInteger(json, ['max_position_embeddings'], 512),
    vocabSize: positiveInteger(json, ['vocab_size'], 30522),
    layerNormEps: positiveNumber(json, 'layer_norm_eps', 1e-12),
    typeVocabSize: positiveInteger(json, ['type_vocab_size'], 2),
    activation: activation(json, 'hidden_act', 'gelu'),
  };
}

function gpt2Config(json: Readonly<Record<string, unknown>>): Gpt2Config {
  // GPT2Config's attribute_map lets hidden_size etc. stand for n_embd etc.; n_* win when both are there.
  const hiddenSize = positiveInteger(json, ['n_embd', 'hidden_size'], 768);
  const numHeads = positiveInteger(json, ['n_head', 'num_attention_heads'], 12);
  const inner = own(json, 'n_inner');
  return {
    modelType: 'gpt2',
    hiddenSize,
    numLayers: positiveInteger(json, ['n_layer', 'num_hidden_layers'], 12),
    numHeads,
    headSize: headSize(hiddenSize, numHeads, 'n_embd', 'n_head'),
    // GPT2MLP: inner_dim = n_inner if n_inner is not None else 4 * hidden_size.
    intermediateSize: inner === undefined || inner === null ? 4 * hiddenSize : positiveInteger(json, ['n_inner'], 0),
    maxPositions: positiveInteger(json, ['n_positions', 'max_position_embeddings'], 1024),
    vocabSize: positiveInteger(json, ['vocab_size'], 50257),
    layerNormEps: positiveNumber(json, 'layer_norm_epsilon', 1e-5),
    activation: activation(json, 'activation_function', 'gelu_new'),
    scaleAttnWeights: optionalBoolean(json, 'scale_attn_weights', true),
    scaleAttnByInverseLayerIdx: optionalBoolean(json, 'scale_attn_by_inverse_layer_idx', false),
  };
}

/**
 * transformers' ACT2FN names for the two functions we compute: "gelu" is nn.GELU() (erf) and
 * "gelu_python" the same formula in Python; "gelu_new" is the tanh approximation GPT-2 was trained
 * with and "gelu_pytorch_tanh" the same approximation in PyTorch's kernel.
 */
const ACTIVATIONS: Readonly<Record<string, Activation>> = { gelu: 'gelu', gelu_python: 'gelu', gelu_new: 'gelu_new', gelu_pytorch_tanh: 'gelu_new' };

function activation(json: Readonly<Record<string, unknown>>, key: string, fallback: Activation): Activation {
  const name = optionalString(json, key, fallback);
  if (Object.hasOwn(ACTIVATIONS, name)) return ACTIVATIONS[name];
  throw new ModelFileError(`${key} ${JSON.stringify(name)} is not supported: Attention Explorer computes "gelu" (erf) and "gelu_new" (tanh)`, FILE);
}

function headSize(hidden: number, heads: number, hiddenKey: string, headsKey: string): number {
  if (hidden % heads !== 0) throw new ModelFileError(`${hiddenKey} ${hidden} is not a multiple of ${headsKey} ${heads}`, FILE);
  return hidden / heads;
}

/** The first of `keys` that is present, which must be a positive whole number; else `fallback`. */
function positiveInteger(json: Readonly<Record<string, unknown>>, keys: readonly string[], fallback: number): number {
  for (const key of keys) {
    const value = own(json, key);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new ModelFileError(`"${key}" must be a positive whole number, not ${JSON.stringify(value)}`, FILE);
    }
    return value;
  }
  return fallback;
}

function positiveNumber(json: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const value = own(json, key);
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new ModelFileError(`"${key}" must be a positive number, not ${JSON.stringify(value)}`, FILE);
  return value;
}

function optionalString(json: Readonly<Record<string, unknown>>, key: string, fallback: string): string {
  const value = own(json, key);
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new ModelFileError(`"${key}" must be a string, not ${JSON.stringify(value)}`, FILE);
  return value;
}

function optionalBoolean(json: Readonly<Record<string, unknown>>, key: string, fallback: boolean): boolean {
  const value = own(json, key);
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ModelFileError(`"${key}" must be true or false, not ${JSON.stringify(value)}`, FILE);
  return value;
}

/** An own property only: a config with "__proto__" or "constructor" keys gets no inherited values. */
const own = (json: Readonly<Record<string, unknown>>, key: string): unknown => (Object.hasOwn(json, key) ? json[key] : undefined);
