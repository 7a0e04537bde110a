/**
 * The blockwise pass of a long selection (src/common/kernels/longAttention.ts) against the full
 * path (Kernels.multiHead, which makes every head's N × N weights): overviews are the block maxima
 * of the full weights, the average's those of the heads' mean, tiles are slices of them, the
 * output is multiHead's; results do not depend on how the rows are split into parts; memory stays
 * O(N·d). Small blocks on small shapes, so that every edge and the online softmax's rescaling are
 * exercised. Needs the module that `npm run build` compiles (src/common/kernels/wasmBinary.js).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { averageHeads, maxHeads } from '../../src/common/attention/headAverage';
import { overviewBlock, overviewSize, TILE_MAX_CELLS } from '../../src/common/attention/longSelection';
import { mulberry32 } from '../../src/common/attention/random';
import type * as KernelsModule from '../../src/common/kernels/kernels';
import type * as LongModule from '../../src/common/kernels/longAttention';

const compiled = new URL('../../src/common/kernels/wasmBinary.js', import.meta.url);
let kernels: KernelsModule.Kernels;
let long: typeof LongModule;

before(async () => {
  assert.ok(existsSync(compiled), `${compiled.pathname} is missing: run \`npm run build\` first (it compiles src/kernels/assembly)`);
  kernels = (await import('../../src/common/kernels/kernels')).loadKernels();
  long = await import('../../src/common/kernels/longAttention');
});

/** Uniform values in [-scale, scale), float32, from a seed. */
function random(length: number, seed: number, scale = 1): Float32Array {
  const next = mulberry32(seed);
  return Float32Array.from({ length }, () => (2 * next() - 1) * scale);
}

/** Random inputs; `sharpness` scales the weights, so the softmax goes from flat to peaked. */
function inputs(n: number, dModel: number, dK: number, heads: number, seed: number, sharpness = 2): KernelsModule.LayerInputs {
  return {
    n, dModel, dK, heads,
    x: random(n * dModel, seed),
    wqkv: random(heads * dModel * 3 * dK, seed + 1, sharpness / Math.sqrt(dModel)),
    wo: random(heads * dK * dModel, seed + 2, 1 / Math.sqrt(dK)),
  };
}

interface Full {
  readonly weights: Float32Array[];
  readonly output: Float32Array;
}

function full(layer: KernelsModule.LayerInputs, causal: boolean): Full {
  const weights: Float32Array[] = [];
  const output = kernels.multiHead(layer, causal, (_, w) => weights.push(w));
  return { weights, output };
}

/** Max-pooling of rows [row0, row0+rows) of an N × N matrix in blocks of `block`: (rows/block rounded up) × size. */
function maxPool(m: ArrayLike<number>, n: number, row0: number, rows: number, block: number): Float64Array {
  const size = Math.ceil(n / block);
  const out = new Float64Array(Math.ceil(rows / block) * size);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < n; j++) {
      const at = Math.floor(i / block) * size + Math.floor(j / block);
      out[at] = Math.max(out[at], m[(row0 + i) * n + j]);
    }
  }
  return out;
}

function slice(m: ArrayLike<number>, n: number, row0: number, rows: number, col0: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = m[(row0 + i) * n + col0 + j];
  return out;
}

function assertAbsolute(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: size`);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    assert.ok(error <= tolerance, `${what}[${i}] = ${actual[i]}, expected ${expected[i]} (error ${error.toExponential(2)})`);
  }
}

/** |actual − expected| ≤ tolerance · max(1, largest |expected| of the row). */
function assertRelative(actual: Float32Array, expected: Float32Array, cols: number, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: size`);
  for (let r = 0; r < expected.length / cols; r++) {
    let scale = 1;
    for (let j = 0; j < cols; j++) scale = Math.max(scale, Math.abs(expected[r * cols + j]));
    for (let j = 0; j < cols; j++) {
      const error = Math.abs(actual[r * cols + j] - expected[r * cols + j]) / scale;
      assert.ok(error <= tolerance, `${what}[${r}][${j}] = ${actual[r * cols + j]}, expected ${expected[r * cols + j]} (relative error ${error.toExponential(2)})`);
    }
  }
}

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** n, dModel, dK, heads and the tuning: sizes that no block, tile or overview block divides. */
const CASES: { n: number; dModel: number; dK: number; heads: number; tuning: LongModule.LongTuning }[] = [
  { n: 37, dModel: 16, dK: 8, heads: 3, tuning: { block: 2, queryRows: 8, keyCols: 16 } },
  { n: 300, dModel: 32, dK: 16, heads: 2, tuning: { block: 3, queryRows: 16, keyCols: 24, groupBytes: 8192 } },
  { n: 1000, dModel: 24, dK: 12, heads: 2, tuning: { block: 7, queryRows: 60, keyCols: 100 } },
  { n: 130, dModel: 20, dK: 5, heads: 4, tuning: {} },
  { n: 203, dModel: 16, dK: 8, heads: 3, tuning: { block: 4, queryRows: 20, keyCols: 40 } },
  { n: 77, dModel: 300, dK: 260, heads: 1, tuning: { block: 5, queryRows: 12, keyCols: 20 } },
];

describe('LongAttention (blockwise, online softmax)', () => {
  for (const { n, dModel, dK, heads, tuning } of CASES) {
    for (const causal of [false, true]) {
      const name = `n = ${n}, d_model ${dModel}, ${heads} × d_k ${dK}, ${causal ? 'causal' : 'no mask'}, ${JSON.stringify(tuning)}`;
      describe(name, () => {
        const layer = inputs(n, dModel, dK, heads, n + dK + (causal ? 1 : 0));
        let reference: Full;
        let attention: LongModule.LongAttention;
        let result: LongModule.LongResult;
        const block = tuning.block ?? overviewBlock(n);
        before(() => {
          reference = full(layer, causal);
          attention = new long.LongAttention(layer, causal, { row0: 0, rows: n }, tuning);
          result = attention.run();
        });

        it('overviews are the block maxima of the full weights, the average those of the heads\' mean', () => {
          assert.equal(result.overviews.length, heads);
          reference.weights.forEach((w, h) => assertAbsolute(result.overviews[h], maxPool(w, n, 0, n, block), 1e-6, `overview of head ${h}`));
          assertAbsolute(result.average, maxPool(averageHeads(reference.weights), n, 0, n, block), 1e-6, 'average');
        });

        it('the output is multiHead\'s, Z its weights times V', () => {
          assertRelative(result.output, reference.output, dModel, 1e-5, 'output');
          assert.equal(result.z.length, heads);
        });

        it('tiles are the full weights\' slices, of a head, the mean and the maximum', () => {
          const mean = averageHeads(reference.weights);
          const max = maxHeads(reference.weights);
          const next = mulberry32(n);
          const pick = (limit: number) => Math.floor(next() * limit);
          const rectangles = [[0, n, 0, n], [n - 1, 1, 0, n], [0, 1, n - 1, 1]];
          for (let t = 0; t < 6; t++) {
            const row0 = pick(n);
            const col0 = pick(n);
            rectangles.push([row0, 1 + pick(n - row0), col0, 1 + pick(n - col0)]);
          }
          for (const [row0, rows, col0, cols] of rectangles) {
            for (let h = 0; h < heads; h++) {
              assertAbsolute(attention.tile(h, row0, rows, col0, cols), slice(reference.weights[h], n, row0, rows, col0, cols), 1e-6, `head ${h} tile ${row0}+${rows} × ${col0}+${cols}`);
            }
            assertAbsolute(attention.tile('average', row0, rows, col0, cols), slice(mean, n, row0, rows, col0, cols), 1e-6, `average tile ${row0}+${rows} × ${col0}+${cols}`);
            assertAbsolute(attention.tile('maximum', row0, rows, col0, cols), slice(max, n, row0, rows, col0, cols), 1e-6, `maximum tile ${row0}+${rows} × ${col0}+${cols}`);
          }
        });

        it('a tile has exactly the numbers the overview was made from', () => {
          const whole = [...Array.from({ length: heads }, (_, h) => h), 'average'] as const;
          whole.forEach((head) => {
            const tile = attention.tile(head, 0, n, 0, n);
            const pooled = maxPool(tile, n, 0, n, block);
            assert.deepEqual(Float32Array.from(pooled), head === 'average' ? result.average : result.overviews[head]);
          });
        });

        it('splitting the rows into parts gives the same bits', () => {
          const size = Math.ceil(n / block);
          // A split that is a multiple of the overview's block but not of the query blocks.
          const cut = Math.min(n, block * Math.max(1, Math.round(n / block / 3)));
          const parts = [{ row0: 0, rows: cut }, { row0: cut, rows: n - cut }].map((part) => {
            const a = new long.LongAttention(layer, causal, part, tuning);
            return { part, a, r: a.run() };
          });
          const joined = (pick: (r: LongModule.LongResult) => Float32Array) => {
            const out = new Float32Array(parts.reduce((sum, { r }) => sum + pick(r).length, 0));
            let at = 0;
            for (const { r } of parts) {
              out.set(pick(r), at);
              at += pick(r).length;
            }
            return out;
          };
          assert.equal(joined((r) => r.average).length, size * Math.ceil(n / block));
          for (let h = 0; h < heads; h++) {
            assert.ok(sameBits(joined((r) => r.overviews[h]), result.overviews[h]), `overview of head ${h}`);
            assert.ok(sameBits(joined((r) => r.z[h]), result.z[h]), `Z of head ${h}`);
          }
          assert.ok(sameBits(joined((r) => r.average), result.average), 'average');
          assert.ok(sameBits(joined((r) => r.output), result.output), 'output');
          const { part, a } = parts[1];
          if (part.rows > 0) {
            const rows = Math.min(part.rows, 5);
            for (const head of [0, 'average', 'maximum'] as const) {
              assert.ok(sameBits(a.tile(head, part.row0, rows, 0, n), attention.tile(head, part.row0, rows, 0, n)), `tile of ${head}`);
            }
          }
        });
      });
    }
  }

  it('reports progress evenly up to the total, and keeps Q, K, m and l', () => {
    const layer = inputs(100, 16, 8, 3, 5);
    const attention = new long.LongAttention(layer, true, { row0: 20, rows: 60 }, { block: 4, queryRows: 8, keyCols: 16, groupBytes: 1024 });
    const calls: [number, number][] = [];
    attention.run((done, total) => calls.push([done, total]));
    assert.ok(calls.length > 3 * 3);
    const total = calls[0][1];
    calls.forEach(([done, t], i) => {
      assert.equal(t, total);
      if (i > 0) assert.ok(done > calls[i - 1][0]);
    });
    assert.equal(calls[calls.length - 1][0], total);
    // Per head: Q of 60 rows, K of 100, m and l of 60, float32.
    assert.equal(attention.keptBytes(), 3 * 4 * (60 * 8 + 100 * 8 + 2 * 60));
  });

  it('refuses parts off the overview\'s blocks, tiles outside the part or too large, and the kernels in onProgress', () => {
    const layer = inputs(50, 8, 4, 2, 9);
    assert.throws(() => new long.LongAttention(layer, false, { row0: 3, rows: 10 }, { block: 2 }), RangeError);
    assert.throws(() => new long.LongAttention(layer, false, { row0: 40, rows: 20 }), RangeError);
    const attention = new long.LongAttention(layer, false, { row0: 10, rows: 20 }, { block: 2 });
    assert.throws(() => attention.tile(0, 10, 1, 0, 1), /run\(\)/);
    assert.throws(() => attention.run(() => attention.tile(0, 10, 1, 0, 1)), /run\(\)|overwrite/);
    attention.run();
    assert.throws(() => attention.tile(0, 9, 2, 0, 1), RangeError);
    assert.throws(() => attention.tile(0, 29, 2, 0, 1), RangeError);
    assert.throws(() => attention.tile(0, 10, 1, 45, 6), RangeError);
    assert.throws(() => attention.tile(2, 10, 1, 0, 1), RangeError);
    assert.equal(attention.tile(1, 10, 20, 0, 50).length, 20 * 50);
    const big = new long.LongAttention(inputs(1100, 4, 2, 1, 3), false, { row0: 0, rows: 1100 });
    big.run();
    assert.throws(() => big.tile(0, 0, 1100, 0, 1000), RangeError);
    assert.equal(big.tile(0, 0, 1024, 0, TILE_MAX_CELLS / 1024).length, TILE_MAX_CELLS);
  });

  it('a long selection (2,500 tokens, every head): tiles\' rows sum to 1 over all the keys, overviews are the default size', () => {
    const n = 2500;
    for (const causal of [false, true]) {
      const layer = inputs(n, 32, 8, 4, 77 + (causal ? 1 : 0), 4);
      const attention = new long.LongAttention(layer, causal, { row0: 0, rows: n });
      const result = attention.run();
      assert.equal(attention.block, overviewBlock(n));
      for (const o of [...result.overviews, result.average]) assert.equal(o.length, Math.ceil(n / overviewBlock(n)) * overviewSize(n));
      const rows = Math.floor(TILE_MAX_CELLS / 1000);
      for (const head of [0, 1, 2, 3, 'average'] as const) {
        for (const row0 of [0, 1200, n - rows]) {
          const sums = new Float64Array(rows);
          for (let col0 = 0; col0 < n; col0 += 1000) {
            const cols = Math.min(1000, n - col0);
            const tile = attention.tile(head, row0, rows, col0, cols);
            for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) sums[i] += tile[i * cols + j];
          }
          sums.forEach((sum, i) => assert.ok(Math.abs(sum - 1) < 1e-5, `${head}: row ${row0 + i} sums to ${sum}`));
        }
      }
    }
  });

  it('keeps memory O(N·d) at 4,096 tokens: no N × N matrix in the module, none kept', () => {
    const n = 4096;
    const dK = 16;
    const heads = 2;
    const layer = inputs(n, 32, dK, heads, 4);
    const attention = new long.LongAttention(layer, true, { row0: 0, rows: n });
    const result = attention.run();
    const nn = n * n * 4;
    assert.ok(long.longAttentionMemoryBytes() < nn / 8, `the module's memory is ${long.longAttentionMemoryBytes()} bytes, N² floats are ${nn}`);
    assert.equal(attention.keptBytes(), heads * 4 * (2 * n * dK + 2 * n));
    assert.ok(attention.keptBytes() < nn / 32);
    const block = overviewBlock(n);
    assert.equal(result.average.length, (n / block) ** 2);
    // The last row sees every key: its tile across all of them sums to 1.
    const last = attention.tile(1, n - 1, 1, 0, n);
    assert.ok(Math.abs(last.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  });
});
