/**
 * Tiny random models in Hugging Face's folder layout, made in memory: config.json, the tokenizer
 * files, and the weights as model.safetensors or pytorch_model.bin (F32, F16 or BF16; the tensors
 * named with or without the bert. / transformer. prefix a *ForMaskedLM / LMHeadModel checkpoint
 * has, which also adds its head). Pure: no file system, so that the web integration tests can
 * write the files through vscode.workspace.fs.
 */
import { enc } from './bytes';
import { bertCheckpoint, gpt2Checkpoint, type Tensors } from './checkpoints';
import { storeAs, type StoredDtype } from './halfFloats';
import { refBert, refGpt2, type Reference } from './referenceForward';
import { safetensorsFile, type RawTensor } from './safetensorsFile';
import { BERT_VOCAB, bertTokenizerFiles, GPT2_VOCAB_SIZE, gpt2TokenizerFiles, type TokenizerKind } from './tinyTokenizers';
import { torchFile, type TorchTensor } from './torchFile';

export interface TinyModelOptions {
  readonly type: 'bert' | 'gpt2';
  readonly weights: 'safetensors' | 'bin';
  readonly tokenizer: TokenizerKind;
  /** Name the tensors as BertForMaskedLM / GPT2LMHeadModel do ("bert.…", "transformer.…") and add their heads. Default false. */
  readonly prefix?: boolean;
  /** How the weights are stored. Default F32. */
  readonly dtype?: StoredDtype;
  /** Default 1. */
  readonly seed?: number;
  /** Default 2. */
  readonly layers?: number;
  /** Default 4. */
  readonly heads?: number;
  /** Default 32. */
  readonly hidden?: number;
  /** max_position_embeddings / n_positions. Default 64. */
  readonly positions?: number;
  /** BERT: do_lower_case (vocab.txt) or the normalizer's lowercase (tokenizer.json). Default true. */
  readonly lowercase?: boolean;
}

/** The numbers of config.json, under the names the reference forward pass (and the product's config) use. */
export interface TinyModelSizes {
  readonly numLayers: number;
  readonly numHeads: number;
  readonly headSize: number;
  readonly hiddenSize: number;
  readonly intermediateSize: number;
  readonly vocabSize: number;
  readonly maxPositions: number;
  readonly typeVocabSize: number;
  readonly layerNormEps: number;
  readonly scaleAttnWeights: boolean;
  readonly scaleAttnByInverseLayerIdx: boolean;
}

export interface TinyModel {
  readonly options: TinyModelOptions;
  /** File name → contents: the folder. */
  readonly files: Record<string, Uint8Array>;
  readonly sizes: TinyModelSizes;
  /** The weights as stored (F16/BF16 rounded), float32, under the file's names. */
  readonly tensors: Tensors;
  /** "bert." / "transformer." or "". */
  readonly prefix: string;
}

export const WEIGHT_FILE_NAMES = { safetensors: 'model.safetensors', bin: 'pytorch_model.bin' } as const;

export function tinyModel(options: TinyModelOptions): TinyModel {
  const { type } = options;
  const layers = options.layers ?? 2;
  const heads = options.heads ?? 4;
  const hidden = options.hidden ?? 32;
  const positions = options.positions ?? 64;
  const seed = options.seed ?? 1;
  const sizes: TinyModelSizes = {
    numLayers: layers, numHeads: heads, headSize: hidden / heads, hiddenSize: hidden, intermediateSize: 4 * hidden,
    vocabSize: type === 'bert' ? BERT_VOCAB.length : GPT2_VOCAB_SIZE, maxPositions: positions, typeVocabSize: 2,
    layerNormEps: type === 'bert' ? 1e-12 : 1e-5, scaleAttnWeights: true, scaleAttnByInverseLayerIdx: false,
  };
  const prefix = options.prefix ? (type === 'bert' ? 'bert.' : 'transformer.') : '';
  const made = type === 'bert' ? bertCheckpoint(sizes, seed, prefix) : gpt2Checkpoint(sizes, seed, prefix);
  if (options.prefix) addHead(made, type, sizes, seed);

  // Every float tensor stored as the dtype asks; the reference then reads the rounded values.
  const dtype = options.dtype ?? 'F32';
  const tensors: Tensors = new Map();
  const raw: RawTensor[] = [];
  for (const [name, tensor] of made) {
    const stored = storeAs(tensor.data, dtype);
    tensors.set(name, { shape: tensor.shape, dtype, data: stored.values });
    raw.push({ name, dtype, shape: tensor.shape, bytes: stored.bytes });
  }
  // Many BERT checkpoints hold position_ids, an int64 buffer that no forward pass reads.
  if (type === 'bert') raw.splice(1, 0, positionIds(prefix, positions));

  const text: Record<string, string> = {
    'config.json': configJson(type, sizes, options.prefix ?? false, dtype),
    ...(type === 'bert' ? bertTokenizerFiles(options.tokenizer, options.lowercase ?? true) : gpt2TokenizerFiles(options.tokenizer)),
  };
  const files: Record<string, Uint8Array> = Object.fromEntries(Object.entries(text).map(([name, content]) => [name, enc.encode(content)]));
  files[WEIGHT_FILE_NAMES[options.weights]] = options.weights === 'safetensors' ? safetensorsFile(raw, { format: 'pt' }) : torchFile(torchTensors(raw, dtype));
  return { options, files, sizes, tensors, prefix };
}

/** The folder's files alone. */
export const tinyModelFiles = (options: TinyModelOptions): Record<string, Uint8Array> => tinyModel(options).files;

/** The independent float64 forward pass over the model's stored weights. */
export function tinyModelReference(model: TinyModel, ids: readonly number[]): Reference {
  return model.options.type === 'bert' ? refBert(model.sizes, model.tensors, ids, model.prefix) : refGpt2(model.sizes, model.tensors, ids, model.prefix);
}

/** The MLM head (cls.predictions) or the LM head (lm_head, wte again), as the *ForMaskedLM / LMHeadModel files hold it. */
function addHead(tensors: Tensors, type: 'bert' | 'gpt2', sizes: TinyModelSizes, seed: number): void {
  const h = sizes.hiddenSize;
  const constant = (shape: number[]) => ({ shape, dtype: 'F32', data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(seed / 1000) });
  if (type === 'gpt2') {
    tensors.set('lm_head.weight', constant([sizes.vocabSize, h]));
    return;
  }
  tensors.set('cls.predictions.bias', constant([sizes.vocabSize]));
  tensors.set('cls.predictions.transform.dense.weight', constant([h, h]));
  tensors.set('cls.predictions.transform.dense.bias', constant([h]));
  tensors.set('cls.predictions.transform.LayerNorm.weight', constant([h]));
  tensors.set('cls.predictions.transform.LayerNorm.bias', constant([h]));
}

function positionIds(prefix: string, positions: number): RawTensor {
  const ids = new BigInt64Array(positions);
  for (let i = 0; i < positions; i++) ids[i] = BigInt(i);
  return { name: `${prefix}embeddings.position_ids`, dtype: 'I64', shape: [1, positions], bytes: new Uint8Array(ids.buffer) };
}

const STORAGE_TYPES: Readonly<Record<string, string>> = { F32: 'FloatStorage', F16: 'HalfStorage', BF16: 'BFloat16Storage', I64: 'LongStorage' };

function torchTensors(raw: readonly RawTensor[], dtype: StoredDtype): Record<string, TorchTensor> {
  const bytesPerValue: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2, I64: 8 };
  return Object.fromEntries(raw.map((t) => {
    const storageType = STORAGE_TYPES[t.dtype === 'I64' ? 'I64' : dtype];
    return [t.name, { shape: t.shape, storageType, bytes: t.bytes, numel: t.bytes.length / bytesPerValue[t.dtype] }];
  }));
}

/** What transformers' save_pretrained writes, trimmed to the keys that matter, with the defaults spelled out. */
function configJson(type: 'bert' | 'gpt2', s: TinyModelSizes, head: boolean, dtype: StoredDtype): string {
  const torchDtype = { F32: 'float32', F16: 'float16', BF16: 'bfloat16' }[dtype];
  const config = type === 'bert'
    ? {
      architectures: [head ? 'BertForMaskedLM' : 'BertModel'], attention_probs_dropout_prob: 0.1, hidden_act: 'gelu', hidden_dropout_prob: 0.1,
      hidden_size: s.hiddenSize, initializer_range: 0.02, intermediate_size: s.intermediateSize, layer_norm_eps: s.layerNormEps,
      max_position_embeddings: s.maxPositions, model_type: 'bert', num_attention_heads: s.numHeads, num_hidden_layers: s.numLayers, pad_token_id: 0,
      position_embedding_type: 'absolute', torch_dtype: torchDtype, transformers_version: '4.44.0', type_vocab_size: s.typeVocabSize, vocab_size: s.vocabSize,
    }
    : {
      activation_function: 'gelu_new', architectures: [head ? 'GPT2LMHeadModel' : 'GPT2Model'], bos_token_id: s.vocabSize - 1, eos_token_id: s.vocabSize - 1,
      layer_norm_epsilon: s.layerNormEps, model_type: 'gpt2', n_ctx: s.maxPositions, n_embd: s.hiddenSize, n_head: s.numHeads, n_inner: null,
      n_layer: s.numLayers, n_positions: s.maxPositions, scale_attn_weights: true, torch_dtype: torchDtype, transformers_version: '4.44.0', vocab_size: s.vocabSize,
    };
  return JSON.stringify(config, null, 2) + '\n';
}
