/**
 * Large typed arrays cross to a webview in pieces. VS Code copies a message's buffers on the
 * extension host's thread when it is posted: 128 MiB of weights (8 heads of 2,048² float32) block
 * the host for about half a second. Posted a few MiB at a time, each post costs milliseconds and
 * the host's other work runs between them (1 MiB: about a millisecond to copy). The message itself
 * then carries placeholders that the page fills in from the pieces before it parses the message.
 * An array of up to WHOLE_BYTES that has its buffer to itself (a head's weights, as a worker hands
 * them over) is posted as it is, in one piece: copying it into slices first would only make
 * garbage for the host's collector (32 MiB for a 1,024-token analysis).
 */
import { isIndex, isRecord } from './validate';

/** Typed arrays longer than this many bytes are posted apart from the message. */
export const CHUNK_BYTES = 1024 * 1024;
/** The most bytes of an array posted whole, when it owns its buffer: a 1,024-token head's weights (1,024² float32). */
export const WHOLE_BYTES = 4 * 1024 * 1024;

/** Sent before the message that refers to it: part of the array `id`, from element `offset`. */
export interface ChunkMessage {
  readonly type: '$chunk';
  readonly id: number;
  readonly offset: number;
  readonly data: Float32Array | Float64Array;
}

/** Stands in the message for an array sent in chunks. */
interface Placeholder {
  readonly $chunked: number;
  readonly kind: 'Float32Array' | 'Float64Array';
  readonly length: number;
}

/**
 * The message with placeholders, and its chunks to post before it; a small message comes back as
 * it is, with no chunks. An array that owns its buffer and has at most `wholeBytes` is one chunk,
 * itself; any other is cut into slices of `chunkBytes`, copied out one at a time as they are
 * iterated: copying 128 MiB at once would itself block the thread for a few hundred milliseconds.
 */
export function splitMessage<T>(message: T, chunkBytes = CHUNK_BYTES, wholeBytes = WHOLE_BYTES): { chunks: Iterable<ChunkMessage>; message: T } {
  const large: (Float32Array | Float64Array)[] = [];
  const split = replaceWithin(message, (value) => {
    if (!((value instanceof Float32Array || value instanceof Float64Array) && value.byteLength > chunkBytes)) return value;
    const placeholder: Placeholder = { $chunked: large.push(value) - 1, kind: value instanceof Float32Array ? 'Float32Array' : 'Float64Array', length: value.length };
    return placeholder;
  }) as T;
  if (large.length === 0) return { chunks: [], message };
  function* chunks(): Generator<ChunkMessage> {
    for (const [id, array] of large.entries()) {
      if (ownsBuffer(array) && array.byteLength <= wholeBytes) {
        yield { type: '$chunk', id, offset: 0, data: array };
        continue;
      }
      const step = Math.floor(chunkBytes / array.BYTES_PER_ELEMENT);
      // slice, not subarray: VS Code sends a view's whole underlying buffer.
      for (let offset = 0; offset < array.length; offset += step) yield { type: '$chunk', id, offset, data: array.slice(offset, offset + step) };
    }
  }
  return { chunks: chunks(), message: split };
}

/** Whether VS Code, which posts a view's whole underlying buffer, would post exactly the array's bytes. */
function ownsBuffer(array: Float32Array | Float64Array): boolean {
  return array.byteOffset === 0 && array.buffer.byteLength === array.byteLength && array.buffer instanceof ArrayBuffer;
}

/** The page's side: collects chunks and fills the placeholders of the message that follows them. */
export class ChunkAssembler {
  private parts = new Map<number, { kind: string; pieces: { offset: number; data: Float32Array | Float64Array }[] }>();

  /** true when `raw` was a chunk (kept for the next message); false for any other message. */
  accept(raw: unknown): boolean {
    if (!isRecord(raw) || raw.type !== '$chunk') return false;
    const { id, offset, data } = raw;
    if (isIndex(id) && isIndex(offset) && (data instanceof Float32Array || data instanceof Float64Array)) {
      const entry = this.parts.get(id) ?? { kind: data.constructor.name, pieces: [] };
      entry.pieces.push({ offset, data });
      this.parts.set(id, entry);
    }
    return true;
  }

  /** `raw` with its placeholders replaced by the arrays the chunks make up (left in place if they do not). */
  assemble(raw: unknown): unknown {
    if (this.parts.size === 0) return raw;
    const parts = this.parts;
    this.parts = new Map();
    return replaceWithin(raw, (value) =>
      isRecord(value) && isIndex(value.$chunked) && isIndex(value.length) ? (join(parts.get(value.$chunked), value.kind, value.length) ?? value) : value,
    );
  }
}

/**
 * `value` with `replace` applied to it and, where it returns its argument, to everything inside
 * (arrays and plain records; a typed array is a leaf). Only the objects and arrays on the way to a
 * replaced value are copied: the rest (a long selection's thousands of tokens) is passed as it is,
 * without making garbage on the thread.
 */
function replaceWithin(value: unknown, replace: (value: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== value) return replaced;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const walked = replaceWithin(item, replace);
      if (walked !== item) (copy ??= [...value])[i] = walked;
    }
    return copy ?? value;
  }
  if (!isRecord(value) || ArrayBuffer.isView(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    const walked = replaceWithin(item, replace);
    if (walked !== item) (copy ??= { ...value })[key] = walked;
  }
  return copy ?? value;
}

/** The pieces as one array when they are of the announced kind and cover it exactly once. */
function join(entry: { kind: string; pieces: { offset: number; data: Float32Array | Float64Array }[] } | undefined, kind: unknown, length: number): Float32Array | Float64Array | undefined {
  if (!entry || entry.kind !== kind) return undefined;
  // One piece that is the whole array (posted whole): it is the array, with no copy.
  const [only] = entry.pieces;
  if (entry.pieces.length === 1 && only.offset === 0 && only.data.length === length) return only.data;
  const out = kind === 'Float32Array' ? new Float32Array(length) : new Float64Array(length);
  let covered = 0;
  for (const { offset, data } of entry.pieces.sort((a, b) => a.offset - b.offset)) {
    if (offset !== covered || offset + data.length > length) return undefined;
    out.set(data, offset);
    covered += data.length;
  }
  return covered === length ? out : undefined;
}
