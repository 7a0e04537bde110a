/**
 * The weights of `model.safetensors`, as float32. The header is read and checked by the export's
 * reader (parseSafetensorsHeader: the same rules as Hugging Face's); this file only adds the
 * dtypes a published checkpoint uses (F32, F16, BF16, and F64) and refuses any other by name.
 * Tensors the caller does not want (the `filter`) are skipped before their dtype is looked at:
 * many BERT files hold `embeddings.position_ids` as I64, which no forward pass reads.
 */
import { parseSafetensorsHeader, SafetensorsError } from '../../export/safetensors';
import { isFloatDtype, toFloat32 } from './dtypes';
import { ModelFileError } from './errors';
import type { TensorFilter, WeightMap, WeightTensor } from './tensor';

export const SAFETENSORS_FILE = 'model.safetensors';

/** The tensors of a whole safetensors file in memory. Throws ModelFileError. */
export function readSafetensorsWeights(bytes: Uint8Array, filter: TensorFilter = () => true, file = SAFETENSORS_FILE): WeightMap {
  let header;
  try {
    header = parseSafetensorsHeader(bytes);
  } catch (error) {
    // Most often a download that stopped early: say so, with the detail.
    if (error instanceof SafetensorsError) throw new ModelFileError(`is truncated or damaged: ${error.message}`, file);
    throw error;
  }
  const start = 8 + header.headerBytes;
  const tensors = new Map<string, WeightTensor>();
  for (const [name, { dtype, shape, dataOffsets }] of header.tensors) {
    if (!filter(name)) continue;
    if (!isFloatDtype(dtype)) throw new ModelFileError(`tensor "${name}" is ${dtype}: Attention Explorer reads F32, F16 and BF16 weights`, file);
    const raw = bytes.subarray(start + dataOffsets[0], start + dataOffsets[1]);
    tensors.set(name, { shape, dtype, data: toFloat32(raw, dtype) });
  }
  return tensors;
}
