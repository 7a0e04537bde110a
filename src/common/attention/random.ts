/**
 * Seeded randomness that gives the same numbers on every machine: integer arithmetic only
 * (Math.imul and shifts), no Math.random, no transcendental functions.
 */

/** mulberry32: a small, fast 32-bit PRNG; returns uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over UTF-16 code units: a stable 32-bit hash of a token's text. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Fills `out` with uniform values in [-limit, limit). */
export function fillUniform(out: Float64Array, limit: number, next: () => number): void {
  for (let i = 0; i < out.length; i++) out[i] = (2 * next() - 1) * limit;
}
