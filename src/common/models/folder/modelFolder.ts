/**
 * A Hugging Face model folder, read through whatever the host has (node:fs in the CLI and the
 * desktop, vscode.workspace.fs on the web): config.json, the tokenizer files, one weights file.
 * Every failure is a ModelFileError or a TokenizerError with a one-line message for the user.
 */
import { loadModelWeights, loadModelWeightsStreamed, ModelFileError, parseModelConfig, WEIGHT_FILES, type ModelConfig, type ModelWeights, type WeightFileName } from '../files/index';
import { loadTokenizer, TokenizerError, type ModelTokenizer, type TokenizerFiles } from '../tokenizers/index';
import type { ModelInfo } from '../view/modelView';

/** Reads one file of the folder by name; undefined when the folder has no such file. */
export type ReadModelFile = (name: string) => Promise<Uint8Array | undefined>;

/**
 * A file of the folder read in pieces, where the host can (node:fs): its size, or undefined when
 * there is no such file, and any range of it.
 */
export interface RangedModelFile {
  size(name: string): Promise<number | undefined>;
  read(name: string, offset: number, length: number): Promise<Uint8Array>;
}

export interface LoadedModel {
  readonly info: ModelInfo;
  readonly config: ModelConfig;
  readonly tokenizer: ModelTokenizer;
  readonly weights: ModelWeights;
}

const CONFIG_FILE = 'config.json';
const TOKENIZER_JSON = 'tokenizer.json';
const TOKENIZER_CONFIG = 'tokenizer_config.json';
/** The files loadTokenizer falls back to when there is no tokenizer.json, by architecture. */
const LEGACY_TOKENIZER_FILES = { bert: ['vocab.txt', TOKENIZER_CONFIG], gpt2: ['vocab.json', 'merges.txt', TOKENIZER_CONFIG] } as const;

/** Every file name a folder may contribute (config, tokenizer files, weights), for hosts that must fetch them. */
export const MODEL_FOLDER_FILES: readonly string[] = [
  ...new Set([CONFIG_FILE, TOKENIZER_JSON, ...LEGACY_TOKENIZER_FILES.bert, ...LEGACY_TOKENIZER_FILES.gpt2, ...WEIGHT_FILES]),
];

/** config.json only: for listing and checking folders without reading weights. */
export async function readModelInfo(name: string, read: ReadModelFile): Promise<{ info: ModelInfo; config: ModelConfig }> {
  const bytes = await read(CONFIG_FILE);
  if (bytes === undefined) throw new ModelFileError('This folder has no config.json: it is not a Hugging Face model folder');
  const config = parseModelConfig(bytes);
  const info: ModelInfo = { name, type: config.modelType, layers: config.numLayers, heads: config.numHeads, hidden: config.hiddenSize, vocabSize: config.vocabSize };
  return { info, config };
}

/**
 * The whole model: config first, then the tokenizer (small files, so a wrong folder fails before
 * any weights are read), then one weights file. With `ranged`, the weights file is read a tensor
 * (model.safetensors) or a storage (pytorch_model.bin) at a time, streamed, never whole.
 */
export async function loadModelFolder(name: string, read: ReadModelFile, ranged?: RangedModelFile): Promise<LoadedModel> {
  const { info, config } = await readModelInfo(name, read);
  const tokenizer = loadTokenizer(await readTokenizerFiles(config.modelType, read), config.modelType);
  // An id past the embeddings would fail in the middle of a forward pass: say so now, naming both files.
  if (tokenizer.vocabSize > config.vocabSize) {
    throw new TokenizerError(`The tokenizer has ${tokenizer.vocabSize} tokens but config.json's vocab_size is ${config.vocabSize}: they are not of the same model`);
  }
  if (ranged) {
    for (const file of WEIGHT_FILES) {
      const size = await ranged.size(file);
      if (size === undefined) continue;
      const weights = await loadModelWeightsStreamed(config, file, size, (offset, length) => ranged.read(file, offset, length));
      return { info, config, tokenizer, weights };
    }
  }
  const { file, bytes } = await readWeightsBytes(read);
  return { info, config, tokenizer, weights: loadModelWeights(config, file, bytes) };
}

/** tokenizer.json alone when there is one (loadTokenizer reads nothing else then); else the architecture's legacy files. */
async function readTokenizerFiles(type: ModelConfig['modelType'], read: ReadModelFile): Promise<TokenizerFiles> {
  const json = await read(TOKENIZER_JSON);
  if (json !== undefined) return { [TOKENIZER_JSON]: decodeText(TOKENIZER_JSON, json) };
  const names = LEGACY_TOKENIZER_FILES[type];
  const contents = await Promise.all(names.map(read));
  const files: Record<string, string> = {};
  names.forEach((fileName, i) => {
    const bytes = contents[i];
    if (bytes !== undefined) files[fileName] = decodeText(fileName, bytes);
  });
  return files;
}

/** The first weights file the folder has, in WEIGHT_FILES' order (model.safetensors first); the other is not read. */
async function readWeightsBytes(read: ReadModelFile): Promise<{ file: WeightFileName; bytes: Uint8Array }> {
  for (const file of WEIGHT_FILES) {
    const bytes = await read(file);
    if (bytes !== undefined) return { file, bytes };
  }
  throw new ModelFileError(`This folder has no weights: Attention Explorer reads ${WEIGHT_FILES.join(' or ')}`);
}

function decodeText(file: string, bytes: Uint8Array): string {
  try {
    // The decoder drops a leading byte-order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TokenizerError('is not valid UTF-8', file);
  }
}
