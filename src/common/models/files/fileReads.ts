/**
 * A file reader written once for both ways a host has a file: whole in memory (the web host, the
 * CLI) or read by ranges (the Node host, for models of hundreds of MB). The reader is a generator
 * that yields each byte range it needs, already checked to lie inside the file, and is given the
 * bytes back; `readFromBytes` answers with views on the whole file (nothing copied),
 * `readFromRanges` with a read of each range (nothing else in memory).
 */

/** Bytes offset … offset + length − 1 of a file, in memory of their own. */
export type ReadRange = (offset: number, length: number) => Promise<Uint8Array>;

/** A range of the file a reader needs. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** A reader of one file: yields the ranges it needs, is given their bytes, returns what it read. */
export type FileReading<T> = Generator<ByteRange, T, Uint8Array>;

/** Runs the reader over the whole file's bytes: every range is a view on them. */
export function readFromBytes<T>(bytes: Uint8Array, reading: FileReading<T>): T {
  let step = reading.next();
  while (!step.done) {
    const { offset, length } = checked(step.value, bytes.length);
    step = reading.next(bytes.subarray(offset, offset + length));
  }
  return step.value;
}

/** Runs the reader with one read of each range it asks for, one at a time. */
export async function readFromRanges<T>(fileLength: number, read: ReadRange, reading: FileReading<T>): Promise<T> {
  let step = reading.next();
  while (!step.done) {
    const { offset, length } = checked(step.value, fileLength);
    step = reading.next(length === 0 ? new Uint8Array(0) : await read(offset, length));
  }
  return step.value;
}

/** The readers check every range against the file's length (to say what is truncated): this only guards against a bug there. */
function checked(range: ByteRange, fileLength: number): ByteRange {
  const { offset, length } = range;
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > fileLength) {
    throw new RangeError(`a file reader asked for bytes ${offset} … ${offset + length} of a file of ${fileLength}`);
  }
  return range;
}
