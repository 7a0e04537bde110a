import { joinChunks } from '../../common/export/joinChunks';

/**
 * One file being written, chunk by chunk, as a download streams in. `close` keeps it; `abort`
 * removes whatever was written. Implemented over node:fs (nodeFileSink.ts), over workspace.fs
 * (fileSink.ts), and in memory (the unit tests, and config.json, read before anything is written).
 */
export interface FileWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** A writer that keeps the bytes; `bytes()` joins them once closed. */
export function memoryWriter(): FileWriter & { bytes(): Uint8Array } {
  const chunks: Uint8Array[] = [];
  return {
    write: async (chunk) => void chunks.push(chunk),
    close: async () => undefined,
    abort: async () => void chunks.splice(0),
    bytes: () => joinChunks(chunks),
  };
}
