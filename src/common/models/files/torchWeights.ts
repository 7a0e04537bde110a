/**
 * The weights of `pytorch_model.bin` as torch.save writes it since PyTorch 1.6: a ZIP archive
 * (stored, not compressed) of `<archive>/data.pkl`, the state dict's pickle (protocol 2), and
 * `<archive>/data/<key>`, each storage's raw bytes; `<archive>/byteorder` says "little" or "big"
 * (little when absent, as torch.load assumes). `<archive>` is the saved file's stem or "archive":
 * the reader takes whatever single folder holds data.pkl, as PyTorchStreamReader does.
 */
import { isFloatDtype, toFloat32 } from './dtypes';
import { ModelFileError } from './errors';
import { type FileReading, readFromBytes, readFromRanges, type ReadRange } from './fileReads';
import { PickleError, PyDict, unpickle } from './pickle';
import { DTYPE_BYTES, TensorRef, torchStateDictHooks } from './torchPickle';
import type { TensorFilter, WeightMap, WeightTensor } from './tensor';
import { readZipDirectory, type ZipEntry, zipEntryData } from './zip';

export const PYTORCH_FILE = 'pytorch_model.bin';

/** The tensors of a whole pytorch_model.bin in memory (F32 ones are views on it). Throws ModelFileError. */
export function readPytorchWeights(bytes: Uint8Array, filter: TensorFilter = () => true, file = PYTORCH_FILE): WeightMap {
  return readFromBytes(bytes, readingPytorchWeights(bytes.length, filter, file, false));
}

/**
 * The same tensors, read by ranges: the zip's directory from the end of the file, data.pkl, then
 * one storage at a time, each let go once its last tensor is made. So the file (hundreds of MB)
 * is never in memory, only the tensors and one storage; storages no wanted tensor views are not
 * read. How the Node host reads a large model.
 */
export function readPytorchWeightsStreamed(fileLength: number, read: ReadRange, filter: TensorFilter = () => true, file = PYTORCH_FILE): Promise<WeightMap> {
  return readFromRanges(fileLength, read, readingPytorchWeights(fileLength, filter, file, true));
}

/** `ownBuffers`: each tensor in memory of its own size, never a view keeping a larger storage alive. */
function* readingPytorchWeights(fileLength: number, filter: TensorFilter, file: string, ownBuffers: boolean): FileReading<WeightMap> {
  const fail = (message: string): never => {
    throw new ModelFileError(message, file);
  };
  const head = yield { offset: 0, length: Math.min(fileLength, 262) };
  if (head.length >= 2 && head[0] === 0x80 && head[1] <= 5) {
    // The legacy format (torch < 1.6) is a bare pickle stream starting with a magic number.
    fail('is in PyTorch\'s legacy format (saved before PyTorch 1.6, or with _use_new_zipfile_serialization=False), which Attention Explorer does not read; re-save it with a recent torch.save, or as model.safetensors');
  }
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') fail('is a tar archive, PyTorch\'s oldest format, which Attention Explorer does not read');
  const entries = yield* readZipDirectory(fileLength, file);

  const pickles = [...entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length === 0) {
    if ([...entries.keys()].some((name) => name.endsWith('constants.pkl'))) fail('is a TorchScript archive (torch.jit.save), not a state dict');
    fail('is a ZIP archive without data.pkl: not a PyTorch checkpoint');
  }
  if (pickles.length > 1) fail('holds more than one data.pkl');
  const prefix = pickles[0].slice(0, -'data.pkl'.length);
  const record = (name: string): ZipEntry | undefined => entries.get(prefix + name);

  const byteorderEntry = record('byteorder');
  let littleEndian = true;
  if (byteorderEntry) {
    const order = new TextDecoder().decode(yield* zipEntryData(byteorderEntry, fileLength, file, true));
    if (order !== 'little' && order !== 'big') fail(`its byteorder record says ${JSON.stringify(order)}, not "little" or "big"`);
    littleEndian = order === 'little';
  }

  // The pickle is small and read in full: its CRC is checked (the storages' are not: that would read every byte twice).
  const pickle = yield* zipEntryData(entries.get(pickles[0])!, fileLength, file, true);
  let state: unknown;
  try {
    state = unpickle(pickle, torchStateDictHooks());
  } catch (error) {
    if (error instanceof PickleError) fail(`data.pkl: ${error.message}`);
    throw error;
  }
  if (!(state instanceof PyDict)) fail('data.pkl does not hold a state dict (a dict of tensors)');

  // The tensors wanted, in the state dict's order, and the last of them to view each storage.
  const wanted: [string, TensorRef][] = [];
  const lastUse = new Map<string, number>();
  for (const [name, value] of (state as PyDict).entries) {
    if (typeof name !== 'string') fail('the state dict has a key that is not a string');
    const key = name as string;
    if (!(value instanceof TensorRef)) fail(`"${key}" in the state dict is not a tensor`);
    if (!filter(key)) continue;
    const { dtype } = (value as TensorRef).storage;
    if (!isFloatDtype(dtype)) fail(`tensor "${key}" is ${dtype}: Attention Explorer reads F32, F16 and BF16 weights`);
    lastUse.set((value as TensorRef).storage.key, wanted.length);
    wanted.push([key, value as TensorRef]);
  }

  const storages = new Map<string, Uint8Array>();
  const tensors = new Map<string, WeightTensor>();
  for (const [i, [key, tensor]] of wanted.entries()) {
    const ref = tensor.storage;
    let storage = storages.get(ref.key);
    if (!storage) {
      const entry = record(`data/${ref.key}`);
      if (!entry) return fail(`the storage data/${ref.key} is missing from the archive`);
      const expected = ref.numel * DTYPE_BYTES[ref.dtype];
      if (entry.size !== expected) fail(`the storage data/${ref.key} has ${entry.size} bytes, its ${ref.numel} ${ref.dtype} values need ${expected}`);
      storage = yield* zipEntryData(entry, fileLength, file);
      storages.set(ref.key, storage);
    }
    const raw = viewBytes(storage, tensor, DTYPE_BYTES[ref.dtype], (message) => fail(`tensor "${key}" ${message}`));
    const data = toFloat32(raw, ref.dtype, littleEndian);
    tensors.set(key, { shape: tensor.size, dtype: ref.dtype, data: ownBuffers && data.byteLength < data.buffer.byteLength ? data.slice() : data });
    if (lastUse.get(ref.key) === i) storages.delete(ref.key);
  }
  return tensors;
}

/**
 * The bytes of the tensor's elements in row-major order: a view on the storage when the tensor is
 * contiguous (what a state dict holds), else gathered element by element through its strides.
 */
export function viewBytes(storage: Uint8Array, tensor: TensorRef, elementBytes: number, fail: (message: string) => never): Uint8Array {
  const { size, stride, offset } = tensor;
  let count = 1;
  for (const dim of size) count *= dim;
  if (!Number.isSafeInteger(count)) fail('is too large');
  const storageElements = storage.length / elementBytes;
  if (count === 0) return storage.subarray(0, 0);
  // The last element's index, which must lie inside the storage.
  let last = offset;
  for (let d = 0; d < size.length; d++) last += (size[d] - 1) * stride[d];
  if (last >= storageElements) fail(`reaches element ${last} of a storage of ${storageElements}`);

  let contiguous = true;
  let expected = 1;
  for (let d = size.length - 1; d >= 0; d--) {
    if (size[d] !== 1 && stride[d] !== expected) contiguous = false;
    expected *= size[d];
  }
  if (contiguous) return storage.subarray(offset * elementBytes, (offset + count) * elementBytes);

  const out = new Uint8Array(count * elementBytes);
  const index = new Array<number>(size.length).fill(0);
  let source = offset;
  for (let i = 0; i < count; i++) {
    out.set(storage.subarray(source * elementBytes, (source + 1) * elementBytes), i * elementBytes);
    // Odometer: step the last dimension, carrying into earlier ones.
    for (let d = size.length - 1; d >= 0; d--) {
      index[d]++;
      source += stride[d];
      if (index[d] < size[d]) break;
      source -= index[d] * stride[d];
      index[d] = 0;
    }
  }
  return out;
}
