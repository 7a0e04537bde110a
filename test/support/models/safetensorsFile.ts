/** model.safetensors with tensors of any dtype, by hand: header JSON padded with spaces to 8, then the data. */
import { bytesOf, enc, u64 } from './bytes';

export interface RawTensor {
  readonly name: string;
  /** safetensors' spelling: F32, F16, BF16, I64, … */
  readonly dtype: string;
  readonly shape: readonly number[];
  /** The tensor's little-endian bytes. */
  readonly bytes: Uint8Array;
}

/** `metadata` goes into `__metadata__`, as transformers writes {"format": "pt"}. */
export function safetensorsFile(tensors: readonly RawTensor[], metadata?: Readonly<Record<string, string>>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    offset += t.bytes.length;
  }
  const json = enc.encode(JSON.stringify(header));
  const padded = bytesOf(json, ...new Array<number>((8 - (json.length % 8)) % 8).fill(0x20));
  return bytesOf(u64(padded.length), padded, ...tensors.map((t) => t.bytes));
}
