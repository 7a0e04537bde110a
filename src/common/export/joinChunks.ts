/** One buffer holding `chunks` one after the other (a file built in pieces, as written). */
export function joinChunks(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, chunk) => n + chunk.length, 0));
  let at = 0;
  for (const chunk of parts) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
