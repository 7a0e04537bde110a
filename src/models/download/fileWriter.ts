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

export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
