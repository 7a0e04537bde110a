/**
 * Golden tests: the numbers every user sees, pinned.
 *
 * The other tests check that the engine computes attention correctly for whatever weights it
 * draws; none would notice if it drew other weights. Changing a PRNG constant, the hash, the
 * Glorot or embedding limit, the order in which matrices are drawn or how the seed is mixed would
 * change every user's embeddings, weights and heatmaps for the same sentence and seed, and still
 * pass them. These tests fail instead.
 *
 * The fixtures in test/unit/golden/ are written by test/unit/golden/generate.ts from the engine
 * itself. Regenerating them (`node --import tsx test/unit/golden/generate.ts`) is a deliberate
 * change of every user's numbers: do it only when that is the point of the change, and say so in
 * its description. Do not regenerate them to make this test pass.
 *
 * Tolerances: 1e-12 absolute for entries (sums: 1e-12 relative). That leaves room for rounding
 * from, say, a reordered but equivalent summation (~1e-15 here), and none for a real change: a
 * change of 1e-9 relative in any constant fails (the last describe block checks this).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { computeAttention, type AttentionResult } from '../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../src/common/attention/config';
import { toRows, type Matrix } from '../../src/common/attention/matrix';
import { fnv1a, mulberry32 } from '../../src/common/attention/random';
import { tokenize, type Token } from '../../src/common/attention/tokenizer';

const TOLERANCE = 1e-12;

// ---------------------------------------------------------------------------------------------
// Independent references, written from the published algorithms with BigInt, not from random.ts.

const U32 = (1n << 32n) - 1n;

/**
 * Tommy Ettinger's reference mulberry32 in C, with uint32_t arithmetic done in BigInt:
 *   uint32_t z = (x += 0x6D2B79F5UL);
 *   z = (z ^ (z >> 15)) * (z | 1UL);
 *   z ^= z + (z ^ (z >> 7)) * (z | 61UL);
 *   return z ^ (z >> 14);
 */
function referenceMulberry32(seed: number): () => bigint {
  let x = BigInt(seed) & U32;
  return () => {
    x = (x + 0x6d2b79f5n) & U32;
    let z = x;
    z = ((z ^ (z >> 15n)) * (z | 1n)) & U32;
    z = (z ^ ((z + (((z ^ (z >> 7n)) * (z | 61n)) & U32)) & U32)) & U32;
    return (z ^ (z >> 14n)) & U32;
  };
}

/** FNV-1a, 32 bits: offset basis 2166136261, prime 16777619, over each UTF-16 code unit. */
function referenceFnv1a(text: string): number {
  let hash = 2166136261n;
  for (let i = 0; i < text.length; i++) hash = ((hash ^ BigInt(text.charCodeAt(i))) * 16777619n) & U32;
  return Number(hash);
}

/** The first `count` outputs of our mulberry32, as the uint32 values they are scaled from. */
function uint32s(seed: number, count: number): number[] {
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => next() * 2 ** 32);
}

// ---------------------------------------------------------------------------------------------
// Comparison helpers. Each throws an AssertionError naming the first entry out of tolerance.

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  const diff = Math.abs(actual - expected);
  if (!(diff <= tolerance)) assert.fail(`${what} = ${actual}, expected ${expected} (off by ${diff}, tolerance ${tolerance})`);
}

function assertMatrix(actual: Matrix, expected: readonly (readonly (number | null)[])[], what: string): void {
  assert.equal(actual.rows, expected.length, `${what}: rows`);
  for (let i = 0; i < actual.rows; i++) {
    assert.equal(expected[i].length, actual.cols, `${what}: columns of row ${i}`);
    for (let j = 0; j < actual.cols; j++) {
      const value = actual.data[i * actual.cols + j];
      const pinned = expected[i][j];
      // null stands for -Infinity (JSON has no infinities): a masked entry of `scaled`.
      if (pinned === null) assert.equal(value, -Infinity, `${what}[${i}][${j}] is masked`);
      else assertClose(value, pinned, TOLERANCE, `${what}[${i}][${j}]`);
    }
  }
}

interface MatrixSummary {
  rows: number;
  cols: number;
  entries: { row: number; col: number; value: number }[];
  sum: number;
  sumOfSquares: number;
}

/** Against a summary written by generate.ts: pinned entries, Σ and Σ² (added in row-major order). */
function assertSummary(actual: Matrix, expected: MatrixSummary, what: string): void {
  assert.deepEqual([actual.rows, actual.cols], [expected.rows, expected.cols], `${what}: shape`);
  assert.ok(expected.entries.length >= 3, `${what}: at least first, middle and last entries are pinned`);
  for (const { row, col, value } of expected.entries) {
    assertClose(actual.data[row * actual.cols + col], value, TOLERANCE, `${what}[${row}][${col}]`);
  }
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < actual.data.length; i++) {
    sum += actual.data[i];
    sumOfSquares += actual.data[i] * actual.data[i];
  }
  assertClose(sum, expected.sum, TOLERANCE * Math.max(1, Math.abs(expected.sum)), `Σ ${what}`);
  assertClose(sumOfSquares, expected.sumOfSquares, TOLERANCE * Math.max(1, expected.sumOfSquares), `Σ² ${what}`);
}

/** The user-visible promise of the heatmap: rows are distributions, masked cells exactly 0. */
function assertWeightInvariants(result: AttentionResult, what: string): void {
  result.heads.forEach((head, h) => {
    toRows(head.weights).forEach((row, i) => {
      let sum = 0;
      for (const w of row) sum += w;
      assertClose(sum, 1, TOLERANCE, `${what}: Σ of row ${i} of head ${h}'s weights`);
      row.forEach((w, j) => {
        if (result.config.mask === 'causal' && j > i) assert.equal(w, 0, `${what}: head ${h} [${i}][${j}] is masked: exactly 0`);
        else assert.ok(w > 0, `${what}: head ${h} [${i}][${j}] is visible: positive`);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

interface HeadJson {
  wq: number[][]; wk: number[][]; wv: number[][];
  q: number[][]; k: number[][]; v: number[][];
  scores: number[][]; scaled: (number | null)[][]; weights: number[][]; z: number[][];
}
interface SmallCase {
  tokens: Token[];
  config: AttentionConfig;
  embeddings: number[][];
  heads: HeadJson[];
  wo: number[][];
  concat: number[][];
  output: number[][];
}
interface ChapterFixture {
  text: string;
  tokens: Token[];
  config: AttentionConfig;
  embeddings: number[][];
  heads: { wq: MatrixSummary; wk: MatrixSummary; wv: MatrixSummary; weights: number[][] }[];
  wo: MatrixSummary;
  output: number[][];
  causalSinusoidal: { config: AttentionConfig; embeddings: MatrixSummary; weights: number[][][]; output: MatrixSummary };
}

const readFixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')) as T;
const small = readFixture<{ text: string; cases: SmallCase[] }>('small.json');
const chapter = readFixture<ChapterFixture>('chapter.json');

const TEXT = '我去了银行。';
const TOKENS = [
  { text: '我', start: 0, end: 1 },
  { text: '去了', start: 1, end: 3 },
  { text: '银行', start: 3, end: 5 },
  { text: '。', start: 5, end: 6 },
];

function analyse(config: AttentionConfig): AttentionResult {
  const tokens = tokenize(TEXT);
  // If this fails, ICU's word segmentation changed, not our numbers: the goldens assume 4 tokens.
  assert.deepEqual(tokens, TOKENS, `tokenize(${TEXT})`);
  return computeAttention(tokens, resolveConfig(config));
}

// ---------------------------------------------------------------------------------------------

describe('mulberry32', () => {
  it('gives the reference C implementation’s outputs, divided by 2³²', () => {
    for (const seed of [0, 1, 42, 1985, 0x7fffffff, 0x80000000, 0xffffffff]) {
      const ours = mulberry32(seed);
      const reference = referenceMulberry32(seed);
      for (let i = 0; i < 2000; i++) {
        const expected = Number(reference()) / 2 ** 32;
        const actual = ours();
        if (actual !== expected) assert.fail(`mulberry32(${seed}) output ${i} = ${actual}, the reference gives ${expected}`);
      }
    }
  });

  it('gives the values other implementations publish', () => {
    // From a third-party mulberry32 test suite (seed 0; seed 1985 "from other reference implementation").
    assert.deepEqual(uint32s(0, 4), [1144304738, 1416247, 958946056, 627933444]);
    assert.deepEqual(uint32s(1985, 2), [3527837133, 3112574143]);
  });

  it('keeps its first values for seeds 0 and 42', () => {
    assert.deepEqual(uint32s(0, 8), [1144304738, 1416247, 958946056, 627933444, 2007157716, 2340967985, 2642484575, 2787370982]);
    assert.deepEqual(uint32s(42, 8), [2581720956, 1925393290, 3661312704, 2876485805, 750819978, 2261697747, 1173505300, 2683257857]);
    const next = mulberry32(42);
    assert.deepEqual([next(), next(), next()], [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('reads its seed as a uint32', () => {
    assert.deepEqual(uint32s(-1, 4), uint32s(0xffffffff, 4));
    assert.deepEqual(uint32s(2 ** 32 + 42, 4), uint32s(42, 4));
  });
});

describe('fnv1a', () => {
  it('gives the standard FNV-1a 32-bit test vectors on ASCII', () => {
    // The FNV test suite (Landon Curt Noll's test_fnv.c; draft-eastlake-fnv): one UTF-16 code
    // unit per ASCII byte, so the same values.
    const vectors: [string, number][] = [
      ['', 0x811c9dc5], ['a', 0xe40c292c], ['b', 0xe70c2de5], ['c', 0xe60c2c52], ['d', 0xe10c2473],
      ['e', 0xe00c22e0], ['f', 0xe30c2799], ['fo', 0x6222e842], ['foo', 0xa9f37ed7],
      ['foob', 0x3f5076ef], ['fooba', 0x39aaa18a], ['foobar', 0xbf9cf968],
    ];
    for (const [text, hash] of vectors) assert.equal(fnv1a(text), hash, JSON.stringify(text));
  });

  it('hashes Chinese and astral text by UTF-16 code units, as it always has', () => {
    const pinned: [string, number][] = [
      ['我', 0x14a6babc], ['去了', 0x82b05454], ['银行', 0xb20490df], ['。', 0x07259045],
      ['我去了银行。', 0x44975d53], ['𠮷', 0xb02212b6],
    ];
    for (const [text, hash] of pinned) {
      assert.equal(referenceFnv1a(text), hash, `reference FNV-1a of ${text}`);
      assert.equal(fnv1a(text), hash, `fnv1a(${text})`);
    }
    for (const text of ['Attention is all you need', '注意力就是你需要的一切', 'bank 银行 🏦']) {
      assert.equal(fnv1a(text), referenceFnv1a(text), text);
    }
  });
});

describe('the first numbers follow from the documented recipe', () => {
  // Recomputed from the BigInt references, not from embeddings.ts or weights.ts: X's row i is
  // uniform on [-√3, √3) from mulberry32(fnv1a(token) ^ seed·0x9e3779b1); Wq of head 0 is the
  // first dModel·dK draws of mulberry32(seed), uniform on ±√(6 / (dModel + dK)).
  const result = analyse(resolveConfig());
  const uniform = (u: bigint, limit: number) => (2 * (Number(u) / 2 ** 32) - 1) * limit;

  it('embeddings X', () => {
    TOKENS.forEach((token, i) => {
      const mixed = Number((BigInt(referenceFnv1a(token.text)) ^ ((42n * 0x9e3779b1n) & U32)) & U32);
      const next = referenceMulberry32(mixed);
      for (let j = 0; j < 16; j++) {
        assertClose(result.x.data[i * 512 + j], uniform(next(), Math.sqrt(3)), TOLERANCE, `X[${i}][${j}]`);
      }
    });
  });

  it('head 0’s Wq, then Wk', () => {
    const next = referenceMulberry32(42);
    const limit = Math.sqrt(6 / (512 + 64));
    for (let i = 0; i < 512 * 64; i++) {
      const expected = uniform(next(), limit);
      if (i < 64 || i % 997 === 0) assertClose(result.heads[0].wq.data[i], expected, TOLERANCE, `Wq[${i}]`);
    }
    assertClose(result.heads[0].wk.data[0], uniform(next(), limit), TOLERANCE, 'Wk[0][0]');
  });
});

describe('golden: d_model 8, 2 heads, seed 42, on 我去了银行。, every intermediate', () => {
  assert.equal(small.text, TEXT);
  const combinations = small.cases.map((c) => `${c.config.mask}/${c.config.positional}`);
  it('covers both masks, with and without positional encoding', () => {
    assert.deepEqual(combinations, ['none/none', 'causal/none', 'none/sinusoidal', 'causal/sinusoidal']);
  });

  small.cases.forEach((golden, c) => {
    it(`mask ${golden.config.mask}, positional ${golden.config.positional}`, () => {
      assert.deepEqual(golden.config, { dModel: 8, heads: 2, dK: 4, seed: 42, mask: golden.config.mask, positional: golden.config.positional });
      const result = analyse(golden.config);
      const what = (name: string) => `${combinations[c]} ${name}`;
      assert.deepEqual(golden.tokens, TOKENS);
      assertMatrix(result.x, golden.embeddings, what('X'));
      assert.equal(result.heads.length, golden.heads.length);
      result.heads.forEach((head, h) => {
        const expected = golden.heads[h];
        for (const name of ['wq', 'wk', 'wv', 'q', 'k', 'v', 'scores', 'scaled', 'weights', 'z'] as const) {
          assertMatrix(head[name], expected[name], what(`head ${h} ${name}`));
        }
      });
      assertMatrix(result.wo, golden.wo, what('Wo'));
      assertMatrix(result.concat, golden.concat, what('concat'));
      assertMatrix(result.output, golden.output, what('output'));
      assertWeightInvariants(result, combinations[c]);
    });
  });
});

describe('golden: the chapter’s layer (d_model 512, 8 heads of 64, seed 42) on 我去了银行。', () => {
  it('is the default configuration', () => {
    assert.equal(chapter.text, TEXT);
    assert.deepEqual(chapter.tokens, TOKENS);
    assert.deepEqual(resolveConfig(), chapter.config);
  });

  const result = analyse(chapter.config);

  it('embeddings X, in full', () => assertMatrix(result.x, chapter.embeddings, 'X'));

  it('every head’s weights, in full', () => {
    assert.equal(result.heads.length, 8);
    result.heads.forEach((head, h) => assertMatrix(head.weights, chapter.heads[h].weights, `head ${h} weights`));
    assertWeightInvariants(result, 'chapter');
  });

  it('Wq, Wk, Wv of every head and Wo: pinned entries, Σ and Σ²', () => {
    result.heads.forEach((head, h) => {
      for (const name of ['wq', 'wk', 'wv'] as const) assertSummary(head[name], chapter.heads[h][name], `head ${h} ${name}`);
    });
    assertSummary(result.wo, chapter.wo, 'Wo');
  });

  it('the output, in full', () => assertMatrix(result.output, chapter.output, 'output'));

  it('under the causal mask with positional encoding: every head’s weights, and X and output summarised', () => {
    const golden = chapter.causalSinusoidal;
    assert.deepEqual(golden.config, { ...chapter.config, mask: 'causal', positional: 'sinusoidal' });
    const causal = analyse(golden.config);
    assertSummary(causal.x, golden.embeddings, 'causal X');
    causal.heads.forEach((head, h) => assertMatrix(head.weights, golden.weights[h], `causal head ${h} weights`));
    assertSummary(causal.output, golden.output, 'causal output');
    assertWeightInvariants(causal, 'chapter, causal');
  });
});

describe('the golden comparisons are tight enough', () => {
  // A 1e-9 relative change of a constant (the embedding or Glorot limit, say) scales whole
  // matrices by 1 + 1e-9: every comparison above must reject that.
  const result = analyse(chapter.config);
  const scaled = (rows: number[][]) => rows.map((row) => row.map((v) => v * (1 + 1e-9)));
  const scaledSummary = (s: MatrixSummary): MatrixSummary => ({
    ...s,
    entries: s.entries.map((e) => ({ ...e, value: e.value * (1 + 1e-9) })),
    sum: s.sum * (1 + 1e-9),
    sumOfSquares: s.sumOfSquares * (1 + 2e-9),
  });

  it('rejects X, weights or output off by 1e-9 relative', () => {
    assert.throws(() => assertMatrix(result.x, scaled(chapter.embeddings), 'X'), assert.AssertionError);
    assert.throws(() => assertMatrix(result.heads[0].weights, scaled(chapter.heads[0].weights), 'weights'), assert.AssertionError);
    assert.throws(() => assertMatrix(result.output, scaled(chapter.output), 'output'), assert.AssertionError);
    const smallResult = analyse(small.cases[0].config);
    assert.throws(() => assertMatrix(smallResult.heads[0].z, scaled(small.cases[0].heads[0].z), 'Z'), assert.AssertionError);
  });

  it('rejects each part of a summary off by 1e-9 relative', () => {
    const expected = chapter.heads[0].wq;
    const entriesOnly = { ...expected, entries: scaledSummary(expected).entries };
    const sumOnly = { ...expected, sum: expected.sum * (1 + 1e-9) };
    const squaresOnly = { ...expected, sumOfSquares: expected.sumOfSquares * (1 + 1e-9) };
    for (const wrong of [scaledSummary(expected), entriesOnly, sumOnly, squaresOnly]) {
      assert.throws(() => assertSummary(result.heads[0].wq, wrong, 'Wq'), assert.AssertionError);
    }
    assertSummary(result.heads[0].wq, expected, 'Wq');
  });
});
