/**
 * A STORED zip writer, as PyTorchStreamWriter lays files out (miniz underneath): each local header
 * followed by its data, the data aligned to 64 bytes by padding the local header's extra field
 * with a "FB" (0x4246) field of zeros; then the central directory; then the end record. With
 * `zip64`, every size and offset in the central directory is 0xFFFFFFFF with the real values in a
 * ZIP64 extra field (0x0001), and a ZIP64 end record and locator precede the end record (what
 * miniz writes past 4 GiB, forced here on small data).
 */
import { crc32 } from '../../../src/common/models/files/zip';
import { bytesOf, enc, u16, u32, u64 } from './bytes';

export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
  /** 0 STORED (torch), 8 DEFLATED (to test the refusal: the data is not really compressed). */
  readonly method?: number;
}

export function zip(entries: readonly ZipInput[], options: { zip64?: boolean; align?: number; comment?: string } = {}): Uint8Array {
  const align = options.align ?? 64;
  const parts: (number[] | Uint8Array)[] = [];
  let length = 0;
  const push = (part: number[] | Uint8Array) => {
    parts.push(part);
    length += part.length;
  };
  const central: number[] = [];
  for (const { name, data, method = 0 } of entries) {
    const offset = length;
    const nameBytes = enc.encode(name);
    const crc = crc32(data);
    // The padding field needs at least its own 4-byte header.
    let pad = 0;
    if (align > 1) {
      pad = (align - ((offset + 30 + nameBytes.length + 4) % align)) % align;
    }
    const extra = align > 1 ? [...u16(0x4246), ...u16(pad), ...new Array<number>(pad).fill(0)] : [];
    push([...u32(0x04034b50), ...u16(options.zip64 ? 45 : 20), ...u16(0), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc),
      ...u32(data.length), ...u32(data.length), ...u16(nameBytes.length), ...u16(extra.length), ...nameBytes, ...extra]);
    push(data);
    const zip64Extra = options.zip64 ? [...u16(0x0001), ...u16(24), ...u64(data.length), ...u64(data.length), ...u64(offset)] : [];
    const big = options.zip64 ? 0xffffffff : undefined;
    central.push(...u32(0x02014b50), ...u16(0x031e), ...u16(options.zip64 ? 45 : 20), ...u16(0), ...u16(method), ...u16(0), ...u16(0x21), ...u32(crc),
      ...u32(big ?? data.length), ...u32(big ?? data.length), ...u16(nameBytes.length), ...u16(zip64Extra.length), ...u16(0), ...u16(0), ...u16(0), ...u32(0),
      ...u32(big ?? offset), ...nameBytes, ...zip64Extra);
  }
  const directoryOffset = length;
  push(central);
  const comment = enc.encode(options.comment ?? '');
  if (options.zip64) {
    const record = length;
    push([...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0), ...u64(entries.length), ...u64(entries.length),
      ...u64(central.length), ...u64(directoryOffset)]);
    push([...u32(0x07064b50), ...u32(0), ...u64(record), ...u32(1)]);
    push([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(0xffff), ...u16(0xffff), ...u32(0xffffffff), ...u32(0xffffffff), ...u16(comment.length), ...comment]);
  } else {
    push([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(central.length), ...u32(directoryOffset),
      ...u16(comment.length), ...comment]);
  }
  return bytesOf(...parts);
}
