/**
 * What every engine the benchmark runs in (this Node, the extension host's Node, Chromium's web
 * workers) computes from: the same N tokens, and what a blockwise pass holds. No platform API, so
 * the browser's bundle can import it.
 */
import type { Token } from '../../src/common/attention/tokenizer';
import { longAttentionMemoryBytes, type LongAttention, type LongResult } from '../../src/common/kernels/longAttention';

/** N tokens, t0 … t96 over and over: X and the weights then follow from the config's seed. */
export const benchTokens = (n: number): Token[] => Array.from({ length: n }, (_, i) => ({ text: `t${i % 97}`, start: i, end: i + 1 }));

/** The arrays of a blockwise result. */
export function longArrays(result: LongResult): Float32Array[] {
  return [...result.overviews, result.average, result.output, ...result.z];
}

/** What one LongAttention run held at its end: the module's memory, its kept arrays and the arrays returned. */
export function longBytes(attention: LongAttention, result: LongResult): number {
  return longAttentionMemoryBytes() + attention.keptBytes() + longArrays(result).reduce((sum, a) => sum + a.byteLength, 0);
}
