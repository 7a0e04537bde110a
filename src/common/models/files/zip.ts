/**
 * Just enough of the ZIP format (PKWARE's APPNOTE.TXT) to read what torch.save writes: its
 * PyTorchStreamWriter (caffe2/serialize/inline_container.cc, on miniz) stores every record
 * uncompressed ("STORED", method 0), pads each local header's extra field so the data is 64-byte
 * aligned, and switches to ZIP64 records when an entry or the archive passes 4 GiB. So: the
 * central directory is found from the end-of-central-directory record, sizes and offsets come
 * from it (ZIP64 extra fields when a 32-bit field is 0xFFFFFFFF), and each entry's data is read
 * by its own range (fileReads.ts): a view on the archive's bytes when they are in memory, a read of
 * just that range otherwise. Compressed, encrypted or split archives are refused.
 */
import { ModelFileError } from './errors';
import type { FileReading } from './fileReads';

export interface ZipEntry {
  readonly name: string;
  /** 0 STORED, 8 DEFLATED, … */
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where the entry's local header starts. */
  readonly localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const ZIP64_EXTRA = 0x0001;

const utf8 = new TextDecoder('utf-8');

/** The end record (22 bytes) after the ZIP64 locator (20): the file's tail when the archive has no comment, as torch's have not. */
const SHORT_TAIL = 20 + 22;
/** How far from the end the end record can be: after it, a comment of up to 65,535 bytes. */
const LONG_TAIL = SHORT_TAIL + MAX16;

/**
 * The entries of the archive, by name, from a few reads: the file's tail (the end record; a
 * longer tail when there is a comment), the ZIP64 end record when there is one, the central
 * directory. Throws ModelFileError (`file` names it in messages).
 */
export function* readZipDirectory(fileLength: number, file: string): FileReading<Map<string, ZipEntry>> {
  const fail = (message: string): never => {
    throw new ModelFileError(message, file);
  };
  let tailStart = Math.max(0, fileLength - SHORT_TAIL);
  let tail = yield { offset: tailStart, length: fileLength - tailStart };
  let eocd = endRecordIn(tail);
  // Not found, or found without room for a ZIP64 locator before it: look through the longest tail.
  if (eocd < 20 && tailStart > 0) {
    tailStart = Math.max(0, fileLength - LONG_TAIL);
    tail = yield { offset: tailStart, length: fileLength - tailStart };
    eocd = endRecordIn(tail);
  }
  let view = dataView(tail);
  if (eocd < 0) {
    const head = tailStart === 0 ? tail : yield { offset: 0, length: 4 };
    fail(head.length >= 4 && dataView(head).getUint32(0, true) === LOCAL ? 'the ZIP archive is truncated: its central directory is missing' : 'is not a ZIP archive');
  }
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) fail('split (multi-disk) ZIP archives are not supported');
  let count = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  if (count === MAX16 || directorySize === MAX32 || directoryOffset === MAX32) {
    // ZIP64: a 20-byte locator just before the end record points to the 64-bit end record.
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) fail('the ZIP64 end-of-central-directory locator is missing');
    const record = safeNumber(view.getBigUint64(locator + 8, true), fail);
    if (record + 56 > tailStart + locator) fail('the ZIP64 end-of-central-directory record is missing or damaged');
    const recordView = dataView(yield { offset: record, length: 56 });
    if (recordView.getUint32(0, true) !== ZIP64_EOCD) fail('the ZIP64 end-of-central-directory record is missing or damaged');
    count = safeNumber(recordView.getBigUint64(32, true), fail);
    directorySize = safeNumber(recordView.getBigUint64(40, true), fail);
    directoryOffset = safeNumber(recordView.getBigUint64(48, true), fail);
  }
  if (directoryOffset + directorySize > tailStart + eocd) fail('the ZIP archive is truncated or damaged: its central directory lies outside the file');

  const directory = yield { offset: directoryOffset, length: directorySize };
  view = dataView(directory);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directorySize || view.getUint32(at, true) !== CENTRAL) fail('the ZIP central directory is damaged');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc32 = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directorySize) fail('the ZIP central directory is damaged');
    const name = utf8.decode(directory.subarray(at + 46, at + 46 + nameLength));
    // The ZIP64 extra field holds, in this order, only the values whose 32-bit field is saturated.
    if (size === MAX32 || compressedSize === MAX32 || localHeaderOffset === MAX32) {
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      let found = false;
      while (extra + 4 <= extraEnd) {
        const id = view.getUint16(extra, true);
        const length = view.getUint16(extra + 2, true);
        if (id === ZIP64_EXTRA) {
          let field = extra + 4;
          const next = (): number => {
            if (field + 8 > extra + 4 + length) fail(`the ZIP64 sizes of "${name}" are missing`);
            const value = safeNumber(view.getBigUint64(field, true), fail);
            field += 8;
            return value;
          };
          if (size === MAX32) size = next();
          if (compressedSize === MAX32) compressedSize = next();
          if (localHeaderOffset === MAX32) localHeaderOffset = next();
          found = true;
          break;
        }
        extra += 4 + length;
      }
      if (!found) fail(`the ZIP64 sizes of "${name}" are missing`);
    }
    entries.set(name, { name, method, flags, crc32, compressedSize, size, localHeaderOffset });
    at = end;
  }
  return entries;
}

/**
 * The data of a STORED entry, from two reads: its local header, then the data (a view on the file
 * when it is in memory). A compressed entry gets a message saying so: torch.save never compresses,
 * so such a file was re-zipped by some other tool.
 */
export function* zipEntryData(entry: ZipEntry, fileLength: number, file: string, verifyCrc = false): FileReading<Uint8Array> {
  const fail = (message: string): never => {
    throw new ModelFileError(message, file);
  };
  if (entry.flags & 1) fail(`"${entry.name}" is encrypted`);
  if (entry.method !== 0) {
    const how = entry.method === 8 ? 'DEFLATED (compressed)' : `compressed with ZIP method ${entry.method}`;
    fail(`"${entry.name}" is ${how}: Attention Explorer reads the uncompressed (STORED) archives torch.save writes; re-save the weights with torch.save or as model.safetensors`);
  }
  if (entry.compressedSize !== entry.size) fail(`"${entry.name}" is stored with two different sizes`);
  const local = entry.localHeaderOffset;
  if (local + 30 > fileLength) fail(`the local header of "${entry.name}" is missing or damaged`);
  const view = dataView(yield { offset: local, length: 30 });
  if (view.getUint32(0, true) !== LOCAL) fail(`the local header of "${entry.name}" is missing or damaged`);
  // The local header's name and extra field lengths may differ from the central directory's (torch's padding).
  const start = local + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  if (start + entry.size > fileLength) fail(`the ZIP archive is truncated: "${entry.name}" runs past the end of the file`);
  const data = yield { offset: start, length: entry.size };
  if (verifyCrc && crc32(data) !== entry.crc32) fail(`"${entry.name}" is damaged: its CRC-32 does not match`);
  return data;
}

/** Where the end record starts in `tail` (the file's last bytes), or -1: its signature, searched for backwards, and a comment that ends the file. */
function endRecordIn(tail: Uint8Array): number {
  const view = dataView(tail);
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - MAX16); at--) {
    if (view.getUint32(at, true) === EOCD && at + 22 + view.getUint16(at + 20, true) === tail.length) return at;
  }
  return -1;
}

const dataView = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

let crcTable: Uint32Array | undefined;

/** The CRC-32 (ISO-HDLC, ZIP's) of `data`. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function safeNumber(value: bigint, fail: (message: string) => never): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail('a ZIP64 size or offset is too large');
  return Number(value);
}
