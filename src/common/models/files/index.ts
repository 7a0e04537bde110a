/**
 * Reading a Hugging Face model folder's config and weights, from bytes (the hosts read the files;
 * this core code never touches a file system). `loadModelWeights` is the usual entry: config.json
 * first, then whichever weights file the folder has, checked against it.
 */
import type { ModelConfig } from './config';
import { ModelFileError } from './errors';
import { requiredTensorShapes, requireWeights, type ModelWeights } from './requireWeights';
import type { ReadRange } from './fileReads';
import { readSafetensorsWeights, readSafetensorsWeightsStreamed, SAFETENSORS_FILE } from './safetensorsWeights';
import type { WeightMap } from './tensor';
import { canonicalTensorName } from './tensorNames';
import { PYTORCH_FILE, readPytorchWeights, readPytorchWeightsStreamed } from './torchWeights';

export * from './config';
export * from './errors';
export * from './requireWeights';
export * from './tensor';
export { canonicalTensorName, canonicalWeights, isIgnoredTensorName, normalizeTensorNames, type NormalizedNames } from './tensorNames';
export type { ReadRange } from './fileReads';
export { readSafetensorsWeights, readSafetensorsWeightsStreamed, SAFETENSORS_FILE } from './safetensorsWeights';
export { PYTORCH_FILE, readPytorchWeights, readPytorchWeightsStreamed } from './torchWeights';
export { halfToNumber } from './dtypes';

/** The weights files a folder may have, in the order a loader should prefer them (safetensors: no pickle at all). */
export const WEIGHT_FILES = [SAFETENSORS_FILE, PYTORCH_FILE] as const;
export type WeightFileName = (typeof WEIGHT_FILES)[number];

/**
 * The tensors of a weights file that the forward pass reads, under the file's names; the others
 * (position_ids, the pooler and heads, a classifier, …) are not even decoded.
 */
export function readWeightsFile(config: ModelConfig, file: WeightFileName, bytes: Uint8Array): WeightMap {
  const keep = requiredTensors(config);
  switch (file) {
    case SAFETENSORS_FILE:
      return readSafetensorsWeights(bytes, keep);
    case PYTORCH_FILE:
      return readPytorchWeights(bytes, keep);
    default:
      return notAWeightsFile(file);
  }
}

/** The same tensors read by ranges, a tensor (safetensors) or a storage (.bin) at a time: the file is never in memory whole. */
export function readWeightsFileStreamed(config: ModelConfig, file: WeightFileName, fileLength: number, read: ReadRange): Promise<WeightMap> {
  const keep = requiredTensors(config);
  switch (file) {
    case SAFETENSORS_FILE:
      return readSafetensorsWeightsStreamed(fileLength, read, keep);
    case PYTORCH_FILE:
      return readPytorchWeightsStreamed(fileLength, read, keep);
    default:
      return notAWeightsFile(file);
  }
}

function notAWeightsFile(file: never): never {
  throw new ModelFileError(`${String(file)} is not a weights file Attention Explorer reads (it reads ${WEIGHT_FILES.join(' and ')})`);
}

/** Whether a tensor of the file, by its name there, is one the forward pass reads. */
function requiredTensors(config: ModelConfig): (name: string) => boolean {
  const required = requiredTensorShapes(config);
  return (name) => {
    const canonical = canonicalTensorName(config.modelType, name);
    return canonical !== undefined && required.has(canonical);
  };
}

/** The checked weights of the model `config` describes, from one weights file read by ranges (readWeightsFileStreamed). */
export async function loadModelWeightsStreamed(config: ModelConfig, file: WeightFileName, fileLength: number, read: ReadRange): Promise<ModelWeights> {
  return requireWeights(config, await readWeightsFileStreamed(config, file, fileLength, read));
}

/** The checked weights of the model `config` describes, from one weights file's bytes. */
export function loadModelWeights(config: ModelConfig, file: WeightFileName, bytes: Uint8Array): ModelWeights {
  return requireWeights(config, readWeightsFile(config, file, bytes));
}
