/** A RangedModelFile over in-memory files (the Node host's way of reading a model folder), recording every range asked for. */
import type { RangedModelFile } from '../../../src/common/models/folder/modelFolder';

export interface AskedRange {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
}

export function rangedFiles(files: Readonly<Record<string, Uint8Array>>): { reader: RangedModelFile; asked: AskedRange[] } {
  const asked: AskedRange[] = [];
  return {
    asked,
    reader: {
      size: async (name) => files[name]?.length,
      read: async (name, offset, length) => {
        asked.push({ name, offset, length });
        // A copy, as a file read gives: nothing of the caller's keeps the whole file alive.
        const bytes = files[name].slice(offset, offset + length);
        if (bytes.length !== length) throw new Error(`${name} ended before byte ${offset + length}`);
        return bytes;
      },
    },
  };
}
