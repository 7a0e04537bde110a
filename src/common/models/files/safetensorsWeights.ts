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
import type { ReadRange } from './fileReads';
import type { TensorFilter, WeightMap, WeightTensor } from './tensor';

export const SAFETENSORS_FILE = 'model.safetensors';

/** The tensors of a whole safetensors file in memory. Throws ModelFileError. */
export function readSafetensorsWeights(bytes: Uint8Array, filter: TensorFilter = () => true, file = SAFETENSORS_FILE): WeightMap {
  const header = checkedHeader(bytes, bytes.length, file);
  const start = 8 + header.headerBytes;
  const tensors = new Map<string, WeightTensor>();
  for (const [name, info] of wanted(header, filter, file)) tensors.set(name, decode(info, bytes.subarray(start + info.dataOffsets[0], start + info.dataOffsets[1])));
  return tensors;
}

/**
 * The same tensors, each read from the file on its own: the whole file (hundreds of MB) is never
 * in memory, nor any tensor the filter leaves out. How the Node host reads a large model.
 */
export async function readSafetensorsWeightsStreamed(fileLength: number, read: ReadRange, filter: TensorFilter = () => true, file = SAFETENSORS_FILE): Promise<WeightMap> {
  const length = fileLength >= 8 ? await read(0, 8) : new Uint8Array(0);
  // The 8-byte length first, checked before that many bytes are asked for.
  const headerBytes = length.length === 8 ? Number(new DataView(length.buffer, length.byteOffset, 8).getBigUint64(0, true)) : 0;
  const prefix = length.length === 8 && 8 + headerBytes <= fileLength ? await read(0, 8 + headerBytes) : length;
  const header = checkedHeader(prefix, fileLength, file);
  const start = 8 + header.headerBytes;
  const tensors = new Map<string, WeightTensor>();
  for (const [name, info] of wanted(header, filter, file)) tensors.set(name, decode(info, await read(start + info.dataOffsets[0], info.dataOffsets[1] - info.dataOffsets[0])));
  return tensors;
}

type Header = ReturnType<typeof parseSafetensorsHeader>;
type TensorInfo = Header['tensors'] extends ReadonlyMap<string, infer T> ? T : never;

function checkedHeader(bytes: Uint8Array, fileLength: number, file: string): Header {
  try {
    return parseSafetensorsHeader(bytes, fileLength);
  } catch (error) {
    // Most often a download that stopped early: say so, with the detail.
    if (error instanceof SafetensorsError) throw new ModelFileError(`is truncated or damaged: ${error.message}`, file);
    throw error;
  }
}

/** The tensors the filter keeps, each of a dtype we read. */
function wanted(header: Header, filter: TensorFilter, file: string): [string, TensorInfo][] {
  const kept = [...header.tensors].filter(([name]) => filter(name));
  for (const [name, { dtype }] of kept) {
    if (!isFloatDtype(dtype)) throw new ModelFileError(`tensor "${name}" is ${dtype}: Attention Explorer reads F32, F16 and BF16 weights`, file);
  }
  return kept;
}

function decode({ dtype, shape }: TensorInfo, raw: Uint8Array): WeightTensor {
  return { shape, dtype, data: toFloat32(raw, dtype as Parameters<typeof toFloat32>[1]) };
}
