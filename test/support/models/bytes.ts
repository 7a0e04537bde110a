/** Little-endian byte helpers for the hand-built model files of the tests. */

export const enc = new TextEncoder();
export const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
export const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
export const u64 = (n: number): number[] => [...u32(n % 2 ** 32), ...u32(Math.floor(n / 2 ** 32))];

/** Numbers and byte arrays, one after the other, as bytes. */
export function bytesOf(...parts: (ArrayLike<number> | number)[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += typeof part === 'number' ? 1 : part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    if (typeof part === 'number') out[at++] = part;
    else {
      out.set(part, at);
      at += part.length;
    }
  }
  return out;
}

export const f32le = (values: ArrayLike<number>): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);
