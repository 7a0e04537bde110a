/**
 * The overview and exact tiles of whole N × N weights, for an engine that made them (the reference,
 * where the WebAssembly kernels cannot run): the same numbers the kernels' blockwise pass gives.
 */
import type { WeightsTile } from './analysisView';
import { averageHeads, maxHeads } from './headAverage';
import { overviewBlock, overviewSize } from './longSelection';

/** Each head's overview (the largest weight of every block) and the heads' average's. */
export function fullOverview(weights: readonly Float32Array[], n: number): { overviews: Float32Array[]; average: Float32Array } {
  const block = overviewBlock(n);
  const size = overviewSize(n);
  return { overviews: weights.map((w) => blockMaxima(w, n, block, size)), average: blockMaxima(averageHeads(weights), n, block, size) };
}

/** Exact weights of a rectangle of one head, or of the heads' average or maximum. */
export function fullTile(weights: readonly Float32Array[], n: number, rect: Omit<WeightsTile, 'values'>): Float32Array {
  const { head, row0, col0, rows, cols } = rect;
  const source = head === 'average' ? Float32Array.from(averageHeads(weights)) : head === 'maximum' ? Float32Array.from(maxHeads(weights)) : weights[head];
  if (!source) throw new RangeError(`there is no head ${Number(head) + 1}`);
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) values.set(source.subarray((row0 + i) * n + col0, (row0 + i) * n + col0 + cols), i * cols);
  return values;
}

/** size × size: the largest weight of each block × block square of the N × N matrix m (the last ones cut at N). */
export function blockMaxima(m: ArrayLike<number>, n: number, block: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / block);
    for (let j = 0; j < n; j++) {
      const at = r * size + Math.floor(j / block);
      if (m[i * n + j] > out[at]) out[at] = m[i * n + j];
    }
  }
  return out;
}
