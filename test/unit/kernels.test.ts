/**
 * The WebAssembly SIMD kernels (float32) against the float64 reference of src/common/attention:
 * every kernel on shapes that fill no tile evenly, both masks, and fastAttention against
 * computeAttention. Needs the module that `npm run build` compiles (src/common/kernels/wasmBinary.js).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import * as reference from '../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../src/common/attention/config';
import { matmul, matmulTransposed, type Matrix } from '../../src/common/attention/matrix';
import { mulberry32 } from '../../src/common/attention/random';
import { tokenize, type Token } from '../../src/common/attention/tokenizer';
import type * as KernelsModule from '../../src/common/kernels/kernels';
import type * as FastModule from '../../src/common/kernels/fastAttention';

const compiled = new URL('../../src/common/kernels/wasmBinary.js', import.meta.url);
let kernels: KernelsModule.Kernels;
let hasWasmSimd: typeof KernelsModule.hasWasmSimd;
let fast: typeof FastModule;

before(async () => {
  assert.ok(existsSync(compiled), `${compiled.pathname} is missing: run \`npm run build\` first (it compiles src/kernels/assembly)`);
  const module = await import('../../src/common/kernels/kernels');
  kernels = module.loadKernels();
  hasWasmSimd = module.hasWasmSimd;
  fast = await import('../../src/common/kernels/fastAttention');
});

const TOLERANCE = 1e-5;

/** Uniform values in [-1, 1), float32, from a seed. */
function random(length: number, seed: number): Float32Array {
  const next = mulberry32(seed);
  return Float32Array.from({ length }, () => 2 * next() - 1);
}

const asMatrix = (data: ArrayLike<number>, rows: number, cols: number): Matrix => ({ rows, cols, data: Float64Array.from(data) });

/**
 * |actual − expected| ≤ 1e-5 · max(1, largest |expected| of that row): float32's rounding,
 * relative to the size of the numbers summed. −∞ must match −∞ exactly.
 */
function assertClose(actual: Float32Array, expected: Matrix, what: string, tolerance = TOLERANCE): void {
  assert.equal(actual.length, expected.rows * expected.cols, `${what}: size`);
  for (let i = 0; i < expected.rows; i++) {
    let scale = 1;
    for (let j = 0; j < expected.cols; j++) {
      const value = expected.data[i * expected.cols + j];
      if (Number.isFinite(value)) scale = Math.max(scale, Math.abs(value));
    }
    for (let j = 0; j < expected.cols; j++) {
      const e = expected.data[i * expected.cols + j];
      const a = actual[i * expected.cols + j];
      if (!Number.isFinite(e)) {
        assert.equal(a, e, `${what}[${i}][${j}] = ${a}, expected ${e}`);
        continue;
      }
      const error = Math.abs(a - e) / scale;
      assert.ok(error <= tolerance, `${what}[${i}][${j}] = ${a}, expected ${e} (relative error ${error.toExponential(2)})`);
    }
  }
}

// 1×1, primes, one short of and one past the 4 × 8 tile, past the blocks (k > 512, m > 128, n > 256).
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [7, 13, 29], [65, 64, 63], [4, 8, 8], [3, 5, 7], [1, 600, 1], [130, 300, 9], [5, 3, 270], [33, 257, 17],
];

describe('WebAssembly kernels', () => {
  it('run with 128-bit SIMD, instantiated once', async () => {
    assert.equal(hasWasmSimd(), true);
    const { loadKernels } = await import('../../src/common/kernels/kernels');
    assert.equal(loadKernels(), kernels);
  });

  for (const [m, k, n] of SHAPES) {
    it(`matmul and matmulTransposed, ${m}×${k} by ${k}×${n}`, () => {
      const a = random(m * k, m * 1000 + k);
      const b = random(k * n, k * 1000 + n);
      const bt = random(n * k, n * 1000 + k + 1);
      assertClose(kernels.matmul(a, b, m, k, n), matmul(asMatrix(a, m, k), asMatrix(b, k, n)), 'A·B');
      assertClose(kernels.matmulTransposed(a, bt, m, k, n), matmulTransposed(asMatrix(a, m, k), asMatrix(bt, n, k)), 'A·Bᵀ');
    });
  }

  it('matmul with an empty inner dimension gives zeros, and refuses sizes that do not match', () => {
    assert.deepEqual(Array.from(kernels.matmul(new Float32Array(0), new Float32Array(0), 2, 0, 3)), [0, 0, 0, 0, 0, 0]);
    assert.throws(() => kernels.matmul(new Float32Array(6), new Float32Array(6), 2, 3, 3), /B has 6 values, not 3 × 3/);
    assert.throws(() => kernels.matmulTransposed(new Float32Array(5), new Float32Array(6), 2, 3, 2), /A has 5 values/);
  });

  it('adds a bias to every row, as the float32 sums of the product and the bias', () => {
    // 3 × 13 through A·B and A·Bᵀ: 13 columns leave a tail past the four-lane steps.
    const [a, b, bias] = [random(3 * 5, 1), random(5 * 13, 2), random(13, 3)];
    for (const [product, transposed] of [[kernels.matmul, false], [kernels.matmulTransposed, true]] as const) {
      const bt = transposed ? Float32Array.from({ length: 13 * 5 }, (_, i) => b[(i % 5) * 13 + Math.floor(i / 5)]) : b;
      const plain = product(a, bt, 3, 5, 13);
      assert.deepEqual([...product(a, bt, 3, 5, 13, bias)], [...plain.map((v, i) => Math.fround(v + bias[i % 13]))]);
    }
    assert.throws(() => kernels.matmul(a, b, 3, 5, 13, new Float32Array(12)), /bias has 12 values, not 1 × 13/);
  });

  it('geluErf gives, bit for bit, what src/common/models/forward/erf.ts computes', async () => {
    const { erfTaylorTable, geluErf } = await import('../../src/common/models/forward/erf');
    // Every range of the table, its last point, past it (erf = ±1), and the values that are not finite.
    const values = Float32Array.from([...random(20_000, 9).map((v) => v * 9), -0, 0, 6 * Math.SQRT2, 8.5, -8.5, Infinity, -Infinity, Number.NaN]);
    const expected = values.map(geluErf);
    kernels.geluErf(values, erfTaylorTable());
    assert.deepEqual([...values], [...expected]);
  });

  it('layerNorm normalises each row as PyTorch does, its sums in float64', () => {
    // Rows far from 0 with a small spread: float32 sums would lose the variance's digits.
    const [rows, d, eps] = [3, 771, 1e-12];
    const x = random(rows * d, 11).map((v, i) => 1000 + 0.01 * v + i % 2);
    const [gamma, beta] = [random(d, 12), random(d, 13)];
    const got = kernels.layerNorm(x, rows, d, gamma, beta, eps);
    for (let i = 0; i < rows; i++) {
      const row = Array.from(x.subarray(i * d, (i + 1) * d));
      const mean = row.reduce((a, b) => a + b, 0) / d;
      const variance = row.reduce((a, b) => a + (b - mean) * (b - mean), 0) / d;
      row.forEach((v, j) => {
        const want = ((v - mean) / Math.sqrt(variance + eps)) * gamma[j] + beta[j];
        assert.ok(Math.abs(got[i * d + j] - want) <= 1e-6 * Math.max(1, Math.abs(want)), `row ${i}, column ${j}: ${got[i * d + j]}, expected ${want}`);
      });
    }
    assert.throws(() => kernels.layerNorm(x, rows, d, gamma.subarray(1), beta, eps), /γ has 770 values, not 1 × 771/);
  });

  // Columns past the softmax's unrolled steps (16 for the maximum, 8 for the scaling) and short of them.
  for (const [rows, cols] of [[1, 1], [7, 13], [65, 64], [3, 1031], [2, 2071]]) {
    it(`softmaxRows, ${rows}×${cols}, with −∞ entries`, () => {
      const scaled = random(rows * cols, rows + cols).map((v) => v * 30);
      for (let i = 0; i < rows; i++) for (let j = i + 1; j < cols; j += 3) scaled[i * cols + j] = -Infinity;
      const weights = kernels.softmaxRows(scaled, rows, cols);
      assertClose(weights, reference.softmaxRows(asMatrix(scaled, rows, cols)), 'softmax');
      for (let i = 0; i < rows * cols; i++) if (scaled[i] === -Infinity) assert.equal(weights[i], 0);
    });
  }

  it('the softmax\'s exp is within 3 ulp of Math.exp, and 0 where e^x would be subnormal', () => {
    // A row [0, x] with x ≤ −17.4: 1 + e^x rounds to 1 in float32, so the second weight is the
    // kernel's e^x itself. Every reduced argument r of the polynomial occurs in this range (it
    // spans many multiples of ln 2); only the exponent n differs from x nearer 0.
    const count = 200_000;
    const xs = Float32Array.from({ length: count }, (_, i) => -87.3 + (i / (count - 1)) * (87.3 - 17.4));
    const rows = new Float32Array(2 * count);
    xs.forEach((x, i) => (rows[2 * i + 1] = x));
    const weights = kernels.softmaxRows(rows, count, 2);
    let worst = 0;
    xs.forEach((x, i) => {
      const want = Math.exp(x);
      const ulp = 2 ** (Math.floor(Math.log2(Math.fround(want))) - 23);
      worst = Math.max(worst, Math.abs(weights[2 * i + 1] - want) / ulp);
    });
    assert.ok(worst <= 3, `e^x is ${worst.toFixed(2)} ulp off`);
    assert.ok(worst > 0, 'no rounding error at all: the rows did not reach the exp');
    assert.deepEqual([...kernels.softmaxRows(Float32Array.from([0, -88, 0, -Infinity]), 2, 2)], [1, 0, 1, 0]);
  });

  for (const [n, dModel, dK] of [[1, 1, 1], [7, 13, 29], [65, 64, 63], [37, 512, 64]]) {
    for (const mask of ['none', 'causal'] as const) {
      it(`attentionHead, N ${n}, d_model ${dModel}, d_k ${dK}, mask ${mask}`, () => {
        const x = random(n * dModel, n);
        const [wq, wk, wv] = [1, 2, 3].map((s) => random(dModel * dK, s * 7919 + dK).map((v) => v / Math.sqrt(dModel)));
        const got = kernels.attentionHead(x, wq, wk, wv, n, dModel, dK, mask === 'causal');
        const want = reference.attentionHead(asMatrix(x, n, dModel), { wq: asMatrix(wq, dModel, dK), wk: asMatrix(wk, dModel, dK), wv: asMatrix(wv, dModel, dK) }, mask);
        for (const name of ['q', 'k', 'v', 'scores', 'scaled', 'weights', 'z'] as const) assertClose(got[name], want[name], name);
        if (mask === 'causal' && n > 1) {
          assert.equal(got.scaled[1], -Infinity);
          assert.equal(got.weights[1], 0);
        }
      });
    }
  }
});

const syntheticTokens = (n: number): Token[] => Array.from({ length: n }, (_, i) => ({ text: `t${i % 97}`, start: i, end: i + 1 }));

describe('fastAttention against computeAttention', () => {
  const cases: [string, Token[], Partial<AttentionConfig>][] = [
    ['the chapter’s sentence at the defaults', tokenize('我去了银行。'), {}],
    ['the defaults, causal, with positions', tokenize('The bank of the river. 我坐在河堤上。'), { mask: 'causal', positional: 'sinusoidal' }],
    ['130 tokens at the defaults', syntheticTokens(130), {}],
    ['130 tokens, causal', syntheticTokens(130), { mask: 'causal' }],
    ['300 tokens, causal (more keys than a block of the packed V)', syntheticTokens(300), { dModel: 64, heads: 2, mask: 'causal' }],
    ['520 tokens (more keys than a block of the packed V, 512)', syntheticTokens(520), { dModel: 64, heads: 2 }],
    ['300 tokens, d_k 260 (more columns than a block)', syntheticTokens(300), { dModel: 16, heads: 2, dK: 260, mask: 'causal' }],
    ['one token, d_model 1', syntheticTokens(1), { dModel: 1, heads: 1 }],
    ['odd sizes: 37 tokens, d_model 30, 3 heads of 7', syntheticTokens(37), { dModel: 30, heads: 3, dK: 7, mask: 'causal', seed: 7 }],
    ['odd sizes: 29 tokens, d_model 13, 1 head', syntheticTokens(29), { dModel: 13, heads: 1, positional: 'sinusoidal' }],
  ];
  for (const [name, tokens, input] of cases) {
    it(name, () => {
      const config = resolveConfig(input);
      const want = reference.computeAttention(tokens, config);
      const got = fast.fastAttention(tokens, config);
      assert.equal(got.weights.length, config.heads);
      got.weights.forEach((w, h) => assertClose(w, want.heads[h].weights, `head ${h} weights`));
      assertClose(got.output, want.output, 'output');
    });
  }

  it('hands each head to onHead instead of keeping it, and splits into heads that add up', () => {
    const config = resolveConfig({ dModel: 64, heads: 4 });
    const tokens = syntheticTokens(20);
    const whole = fast.fastAttention(tokens, config);
    const seen: number[] = [];
    const streamed = fast.fastAttention(tokens, config, (h, w) => {
      seen.push(h);
      assert.deepEqual(w, whole.weights[h]);
    });
    assert.deepEqual(seen, [0, 1, 2, 3]);
    assert.throws(() => fast.fastAttention(tokens, config, () => kernels.softmaxRows(new Float32Array(1), 1, 1)), /cannot be called from multiHead's onHead/);
    assert.throws(() => kernels.multiHead(fast.layerInputs(tokens, config), false, () => {}, { heads: [4] }), /there is no head 4/);
    assert.equal(streamed.weights.length, 0);
    // With `phases`, the same output, and time added to every phase.
    const phases = { qkv: 0, pack: 0, scores: 0, softmax: 0, copy: 0, values: 0, output: 0 };
    assert.deepEqual(kernels.multiHead(fast.layerInputs(tokens, config), false, () => {}, { phases }), whole.output);
    for (const [phase, ms] of Object.entries(phases)) assert.ok(ms >= 0 && Number.isFinite(ms), `${phase}: ${ms}`);
    assert.deepEqual(streamed.output, whole.output);
    // Two halves of the heads, as two workers would compute them: their outputs add up to the whole.
    const inputs = fast.layerInputs(tokens, config);
    const halves = [[0, 1], [2, 3]].map((heads) => kernels.multiHead(inputs, false, () => {}, { heads }));
    const sum = halves[0].map((v, i) => v + halves[1][i]);
    assertClose(sum, asMatrix(whole.output, tokens.length, config.dModel), 'sum of the halves');
    // `into`: the weights are written into the caller's arrays (stale values overwritten), which onHead is given.
    const n = tokens.length;
    const into = [new Float32Array(n * n).fill(7), new Float32Array(n * n).fill(Number.NaN)];
    const handed: Float32Array[] = [];
    kernels.multiHead(inputs, false, (_, w) => handed.push(w), { heads: [1, 3], into });
    assert.ok(handed[0] === into[0] && handed[1] === into[1]);
    assert.deepEqual([...into[0]], [...whole.weights[1]]);
    assert.deepEqual([...into[1]], [...whole.weights[3]]);
    // Heads in any order: each Z meets its own rows of Wo (concat(Z) · Wo in one product).
    const [odd, even] = [[3, 1], [2, 0]].map((heads) => kernels.multiHead(inputs, false, () => {}, { heads }));
    assertClose(odd.map((v, i) => v + even[i]), asMatrix(whole.output, tokens.length, config.dModel), 'heads 3, 1 and 2, 0');
    assert.throws(() => kernels.multiHead(inputs, false, () => {}, { into: [new Float32Array(3)] }), /weights of head 0 has 3 values/);
  });
});
