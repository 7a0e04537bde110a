/** Assertions shared by the model tests: float32 results against float64 references. */
import assert from 'node:assert/strict';
import type { M } from './referenceForward';

/** |actual − expected| ≤ tolerance · max(1, |expected|), element by element. */
export function assertClose(actual: ArrayLike<number>, expected: M, what: string, tolerance = 1e-5): void {
  const flat = expected.flat();
  assert.equal(actual.length, flat.length, `${what}: size`);
  flat.forEach((e, i) => {
    const error = Math.abs(actual[i] - e) / Math.max(1, Math.abs(e));
    assert.ok(error <= tolerance, `${what}[${Math.floor(i / expected[0].length)}][${i % expected[0].length}] = ${actual[i]}, expected ${e} (relative error ${error.toExponential(2)})`);
  });
}

/** Every row of the N × N matrix sums to 1 (to 1e-5). */
export function assertRowsSumToOne(w: ArrayLike<number>, n: number, what: string): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += w[i * n + j];
    assert.ok(Math.abs(sum - 1) < 1e-5, `${what} row ${i} sums to ${sum}`);
  }
}
