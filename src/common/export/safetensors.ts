/**
 * The safetensors format, written (float32 only) and read (float32 and float64), with typed arrays
 * and TextEncoder/TextDecoder alone: the CLI streams it to a file, the webview can hand the chunks
 * to a Blob.
 *
 * The format, as Hugging Face's reference implementation defines it (README.md "Format" and
 * safetensors/src/tensor.rs of https://github.com/huggingface/safetensors; the docs at
 * https://huggingface.co/docs/safetensors/index show the same layout):
 * - 8 bytes: N, an unsigned little-endian 64-bit integer, the size of the header;
 * - N bytes: the header, UTF-8 JSON that MUST begin with `{` and MAY be padded at the end with
 *   spaces (0x20). The reference writer pads it to a multiple of 8 so that the data that follows
 *   is aligned for every dtype (`prepare` in tensor.rs: "Force alignment to 8 bytes"). It maps each
 *   tensor name to `{"dtype": "F32", "shape": [..], "data_offsets": [BEGIN, END]}`, offsets relative
 *   to the start of the byte buffer, END one past the last byte. The optional key `__metadata__` is
 *   a string-to-string map ("Arbitrary JSON is not allowed, all values must be strings");
 * - the rest of the file: the byte buffer, little-endian, C (row-major) order, no strides. It must
 *   be entirely indexed: the tensors' ranges follow each other from 0 to its end, without holes or
 *   overlaps (`Metadata::validate`, and the MetadataIncompleteBuffer check in `read_metadata`).
 * Headers over 100,000,000 bytes are refused by the reference reader and writer (MAX_HEADER_SIZE).
 * NaN and ±Infinity are allowed in the data: a masked score is stored as -Infinity.
 */

/** What the reference refuses as a header larger than this (tensor.rs `MAX_HEADER_SIZE`). */
export const MAX_HEADER_BYTES = 100_000_000;

/** A file this module cannot write or read; the message says what is wrong, for a user. */
export class SafetensorsError extends Error {}

/** One tensor to write: its values (rounded to float32 as they are written) in row-major order. */
export interface TensorToWrite {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

export interface PlannedTensor {
  readonly name: string;
  readonly dtype: 'F32';
  readonly shape: readonly number[];
  /** Byte offsets into the buffer after the header, END one past the last byte. */
  readonly dataOffsets: readonly [number, number];
}

/** Everything about a file but its data, known before a byte of the data is converted. */
export interface SafetensorsPlan {
  /** The first bytes of the file: the 8-byte length and the padded JSON header. */
  readonly header: Uint8Array;
  readonly tensors: readonly PlannedTensor[];
  /** The size of the whole file. */
  readonly byteLength: number;
}

/** Whether this host stores typed arrays little-endian, as the format does (every JS host in practice). */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Values converted per chunk by `safetensorsChunks`: 1 MiB of float32. */
const CHUNK_VALUES = 1 << 18;

const encoder = new TextEncoder();
const SPACE = 0x20;

/**
 * The header of a file holding `tensors` (in this order, back to back) and `metadata`. Throws
 * SafetensorsError for a name that is empty, repeated or `__metadata__`, a shape that does not fit
 * the data, or a header over the reference's limit.
 */
export function planSafetensors(tensors: readonly TensorToWrite[], metadata: Readonly<Record<string, string>> = {}): SafetensorsPlan {
  // Null-prototype objects throughout: a tensor or metadata key "__proto__" is a key like any other.
  const header: Record<string, unknown> = Object.create(null);
  // As the reference writes it: __metadata__ first, when there is any.
  if (Object.keys(metadata).length > 0) {
    const strings: Record<string, string> = Object.create(null);
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') throw new SafetensorsError(`metadata "${key}" must be a string`);
      strings[wellFormed(key)] = wellFormed(value);
    }
    header.__metadata__ = strings;
  }
  const planned: PlannedTensor[] = [];
  let offset = 0;
  for (const { name, shape, data } of tensors) {
    if (name === '' || name === '__metadata__' || wellFormed(name) !== name) throw new SafetensorsError(`invalid tensor name ${JSON.stringify(name)}`);
    if (Object.hasOwn(header, name)) throw new SafetensorsError(`tensor name "${name}" appears twice`);
    const count = elementCount(shape, name);
    if (count !== data.length) throw new SafetensorsError(`tensor "${name}" has ${data.length} values, its shape [${shape.join(', ')}] needs ${count}`);
    const dataOffsets = [offset, offset + 4 * count] as const;
    offset = dataOffsets[1];
    if (!Number.isSafeInteger(offset)) throw new SafetensorsError('the tensors are too large for one file');
    header[name] = { dtype: 'F32', shape: [...shape], data_offsets: [...dataOffsets] };
    planned.push({ name, dtype: 'F32', shape: [...shape], dataOffsets });
  }
  const json = encoder.encode(JSON.stringify(header));
  const n = Math.ceil(json.length / 8) * 8;
  if (n > MAX_HEADER_BYTES) throw new SafetensorsError(`the header would be ${n} bytes, more than the ${MAX_HEADER_BYTES} safetensors readers accept`);
  const bytes = new Uint8Array(8 + n).fill(SPACE, 8 + json.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(n), true);
  bytes.set(json, 8);
  return { header: bytes, tensors: planned, byteLength: 8 + n + offset };
}

/**
 * The file, piece by piece: the header, then each tensor's float32 bytes in chunks of at most
 * `chunkValues` values, so that writing it never holds more than one chunk besides the tensors
 * themselves. Every chunk is a fresh array (they may be kept, as a Blob's parts are).
 */
export function* safetensorsChunks(
  tensors: readonly TensorToWrite[],
  metadata: Readonly<Record<string, string>> = {},
  chunkValues: number = CHUNK_VALUES,
): Generator<Uint8Array, void, undefined> {
  if (!Number.isSafeInteger(chunkValues) || chunkValues < 1) throw new RangeError('chunkValues must be a positive whole number');
  yield planSafetensors(tensors, metadata).header;
  for (const { data } of tensors) {
    for (let from = 0; from < data.length; from += chunkValues) yield float32Bytes(data, from, Math.min(from + chunkValues, data.length));
  }
}

/** The whole file in one array (for small results; a large one is better streamed with `safetensorsChunks`). */
export function encodeSafetensors(tensors: readonly TensorToWrite[], metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const plan = planSafetensors(tensors, metadata);
  const bytes = new Uint8Array(plan.byteLength);
  bytes.set(plan.header);
  let at = plan.header.length;
  for (const { data } of tensors) {
    const chunk = float32Bytes(data, 0, data.length);
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/**
 * values[from..to) as little-endian float32 bytes, each rounded to the nearest float32 (as
 * Math.fround does; -Infinity and NaN stay what they are). `hostLittleEndian` is for tests.
 */
export function float32Bytes(values: ArrayLike<number>, from = 0, to = values.length, hostLittleEndian = HOST_IS_LITTLE_ENDIAN): Uint8Array {
  const count = to - from;
  if (hostLittleEndian) {
    const floats = new Float32Array(count);
    if (ArrayBuffer.isView(values)) floats.set((values as unknown as Float64Array).subarray(from, to));
    else for (let i = 0; i < count; i++) floats[i] = values[from + i];
    return new Uint8Array(floats.buffer);
  }
  const bytes = new Uint8Array(4 * count);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) view.setFloat32(4 * i, values[from + i], true);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Bits per element of every dtype the reference knows (tensor.rs `Dtype::bitsize`). */
const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8, F8_E4M3FNUZ: 8, F8_E5M2FNUZ: 8,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, C64: 64, F64: 64, I64: 64, U64: 64,
};

export interface TensorInfo {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly dataOffsets: readonly [number, number];
}

export interface SafetensorsHeader {
  /** N: the header's size in bytes, padding included; the data starts at 8 + N. */
  readonly headerBytes: number;
  readonly metadata: Readonly<Record<string, string>>;
  /** In the order of their data in the file. */
  readonly tensors: ReadonlyMap<string, TensorInfo>;
}

export interface ReadTensor {
  readonly dtype: 'F32' | 'F64';
  readonly shape: readonly number[];
  /** Shares memory with the bytes read when they are aligned for it (zero copy), else a copy. */
  readonly data: Float32Array | Float64Array;
}

/**
 * The header of a safetensors file, checked as the reference reader checks it. `bytes` holds at
 * least the first 8 + N bytes; `fileLength` is the size of the whole file (default: `bytes.length`).
 */
export function parseSafetensorsHeader(bytes: Uint8Array, fileLength: number = bytes.length): SafetensorsHeader {
  if (bytes.length < 8) throw new SafetensorsError('not a safetensors file: shorter than the 8-byte header length');
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) throw new SafetensorsError(`the header length ${n} is over the limit of ${MAX_HEADER_BYTES} bytes`);
  const headerBytes = Number(n);
  if (8 + headerBytes > Math.min(bytes.length, fileLength)) throw new SafetensorsError(`the header length ${headerBytes} runs past the end of the file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerBytes));
  } catch {
    throw new SafetensorsError('the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) throw new SafetensorsError('the header does not begin with "{"');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(`the header is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw new SafetensorsError('the header is not a JSON object');

  const metadata: [string, string][] = [];
  const entries: [string, TensorInfo][] = [];
  for (const [name, value] of Object.entries(json)) {
    if (name === '__metadata__') {
      if (!isObject(value)) throw new SafetensorsError('__metadata__ is not an object');
      for (const [key, string] of Object.entries(value)) {
        if (typeof string !== 'string') throw new SafetensorsError(`__metadata__ "${key}" is not a string`);
        metadata.push([key, string]);
      }
      continue;
    }
    if (!isObject(value)) throw new SafetensorsError(`tensor "${name}" is not an object`);
    const { dtype, shape, data_offsets: offsets } = value;
    if (typeof dtype !== 'string' || !Object.hasOwn(DTYPE_BITS, dtype)) throw new SafetensorsError(`tensor "${name}" has an unknown dtype ${JSON.stringify(dtype)}`);
    if (!Array.isArray(shape) || !shape.every(isCount)) throw new SafetensorsError(`tensor "${name}" has an invalid shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[1] < offsets[0]) {
      throw new SafetensorsError(`tensor "${name}" has invalid data_offsets`);
    }
    entries.push([name, { dtype, shape, dataOffsets: [offsets[0], offsets[1]] }]);
  }

  // The ranges, in file order, must tile the whole byte buffer.
  entries.sort(([, a], [, b]) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  let end = 0;
  for (const [name, { dtype, shape, dataOffsets }] of entries) {
    if (dataOffsets[0] !== end) throw new SafetensorsError(`tensor "${name}" starts at byte ${dataOffsets[0]}, not ${end}: the data has a hole or an overlap`);
    const bits = elementCount(shape, name) * DTYPE_BITS[dtype];
    if (bits % 8 !== 0 || dataOffsets[1] - dataOffsets[0] !== bits / 8) {
      throw new SafetensorsError(`tensor "${name}" has ${dataOffsets[1] - dataOffsets[0]} bytes, its dtype ${dtype} and shape [${shape.join(', ')}] need ${bits / 8}`);
    }
    end = dataOffsets[1];
  }
  if (8 + headerBytes + end !== fileLength) {
    throw new SafetensorsError(`the tensors cover ${end} bytes of data, the file has ${fileLength - 8 - headerBytes}`);
  }
  // fromEntries defines "__proto__" as an own key, where assigning it would set the prototype.
  return { headerBytes, metadata: Object.fromEntries(metadata), tensors: new Map(entries) };
}

/** Every tensor of a whole file in memory, decoded (F32 and F64 only), and its metadata. */
export function readSafetensors(bytes: Uint8Array): { metadata: Readonly<Record<string, string>>; tensors: ReadonlyMap<string, ReadTensor> } {
  const header = parseSafetensorsHeader(bytes);
  const start = 8 + header.headerBytes;
  const tensors = new Map<string, ReadTensor>();
  for (const [name, { dtype, shape, dataOffsets }] of header.tensors) {
    if (dtype !== 'F32' && dtype !== 'F64') throw new SafetensorsError(`tensor "${name}" is ${dtype}: this reader decodes F32 and F64 only`);
    const raw = bytes.subarray(start + dataOffsets[0], start + dataOffsets[1]);
    tensors.set(name, { dtype, shape, data: decodeFloats(raw, dtype === 'F32' ? 4 : 8) });
  }
  return { metadata: header.metadata, tensors };
}

/** Little-endian floats of `size` bytes; a view on `raw` when the host and the alignment allow. */
export function decodeFloats(raw: Uint8Array, size: 4 | 8, hostLittleEndian = HOST_IS_LITTLE_ENDIAN): Float32Array | Float64Array {
  const count = raw.length / size;
  if (hostLittleEndian) {
    const bytes = raw.byteOffset % size === 0 ? raw : raw.slice();
    return size === 4 ? new Float32Array(bytes.buffer, bytes.byteOffset, count) : new Float64Array(bytes.buffer, bytes.byteOffset, count);
  }
  const out = size === 4 ? new Float32Array(count) : new Float64Array(count);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let i = 0; i < count; i++) out[i] = size === 4 ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true);
  return out;
}

function elementCount(shape: readonly number[], name: string): number {
  let count = 1;
  for (const dim of shape) {
    if (!isCount(dim)) throw new SafetensorsError(`tensor "${name}" has an invalid dimension ${String(dim)}`);
    count *= dim;
  }
  if (!Number.isSafeInteger(count)) throw new SafetensorsError(`tensor "${name}" is too large`);
  return count;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The string with lone surrogates replaced by U+FFFD: JSON.stringify would write them as `\udXXX`
 * escapes, which strict readers (serde_json, the reference's) refuse.
 */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
