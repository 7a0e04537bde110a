import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as math from 'mathjs';
import { attentionHead, computeAttention, multiHeadAttention } from '../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../src/common/attention/config';
import { embed } from '../../src/common/attention/embeddings';
import { fromRows, toRows, type Matrix } from '../../src/common/attention/matrix';
import { initWeights } from '../../src/common/attention/weights';
import { tokenize } from '../../src/common/attention/tokenizer';

function assertClose(actual: number[][], expected: number[][], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  actual.forEach((row, i) => {
    assert.equal(row.length, expected[i].length, `${what}: columns of row ${i}`);
    row.forEach((value, j) => {
      assert.ok(Math.abs(value - expected[i][j]) <= tolerance, `${what}[${i}][${j}] = ${value}, expected ${expected[i][j]}`);
    });
  });
}

describe('a tiny example computed by hand', () => {
  // X = I (2 tokens, d_model 2), Wq = Wk = I, so Q·Kᵀ = I and scaled = I/√2.
  // softmax([1/√2, 0]) = [e^{1/√2}, 1] / (e^{1/√2} + 1) = [0.66976…, 0.33023…].
  const x = fromRows([[1, 0], [0, 1]]);
  const head = { wq: fromRows([[1, 0], [0, 1]]), wk: fromRows([[1, 0], [0, 1]]), wv: fromRows([[1, 2], [3, 4]]) };
  const w0 = 0.6697615493266569;
  const w1 = 0.3302384506733431;

  it('gives the weights and Z worked out on paper', () => {
    const result = attentionHead(x, head, 'none');
    assertClose(toRows(result.scores), [[1, 0], [0, 1]], 1e-12, 'Q·Kᵀ');
    assertClose(toRows(result.scaled), [[Math.SQRT1_2, 0], [0, Math.SQRT1_2]], 1e-12, 'Q·Kᵀ/√d_k');
    assertClose(toRows(result.weights), [[w0, w1], [w1, w0]], 1e-9, 'softmax');
    // V = X·Wv = [[1, 2], [3, 4]]; Z row 0 = w0·[1, 2] + w1·[3, 4].
    assertClose(toRows(result.z), [[1.6604769013466862, 2.6604769013466862], [w1 * 1 + w0 * 3, w1 * 2 + w0 * 4]], 1e-9, 'Z');
  });

  it('masks later tokens under the causal mask', () => {
    const result = attentionHead(x, head, 'causal');
    assertClose(toRows(result.weights), [[1, 0], [w1, w0]], 1e-9, 'causal softmax');
    assert.equal(result.scaled.data[1], -Infinity);
    assertClose(toRows(result.z), [[1, 2], [w1 * 1 + w0 * 3, w1 * 2 + w0 * 4]], 1e-9, 'causal Z');
  });

  it('concatenates the heads and projects them with Wo', () => {
    // Two identical heads, Wo swaps each head's columns and sums the heads: output = 2·Z·[[0,1],[1,0]].
    const wo = fromRows([[0, 1], [1, 0], [0, 1], [1, 0]]);
    const layer = multiHeadAttention(x, { heads: [head, head], wo }, 'none');
    const z = [[1.6604769013466862, 2.6604769013466862], [w1 + 3 * w0, 2 * w1 + 4 * w0]];
    assertClose(toRows(layer.concat), z.map((row) => [...row, ...row]), 1e-9, 'concat');
    assertClose(toRows(layer.output), z.map(([a, b]) => [2 * b, 2 * a]), 1e-9, 'output');
  });
});

/** The same layer written with mathjs, straight from the formula: an independent reference. */
function referenceLayer(x: Matrix, config: AttentionConfig) {
  const weights = initWeights(config);
  const X = math.matrix(toRows(x));
  const zs = weights.heads.map((head) => {
    const Q = math.multiply(X, math.matrix(toRows(head.wq)));
    const K = math.multiply(X, math.matrix(toRows(head.wk)));
    const V = math.multiply(X, math.matrix(toRows(head.wv)));
    const scaled = math.divide(math.multiply(Q, math.transpose(K)), Math.sqrt(config.dK)) as math.Matrix;
    const rows = (scaled.toArray() as number[][]).map((row, i) => {
      const visible = row.map((value, j) => (config.mask === 'causal' && j > i ? -Infinity : value));
      const max = Math.max(...visible);
      const exps = visible.map((value) => Math.exp(value - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      return exps.map((value) => value / sum);
    });
    return { weights: rows, z: math.multiply(math.matrix(rows), V).toArray() as number[][] };
  });
  const concat = zs[0].z.map((_, i) => zs.flatMap((head) => head.z[i]));
  const output = math.multiply(math.matrix(concat), math.matrix(toRows(weights.wo))).toArray() as number[][];
  return { heads: zs, output };
}

describe('the engine against a mathjs reference', () => {
  for (const mask of ['none', 'causal'] as const) {
    it(`agrees to 1e-9 with mask ${mask} and positional encoding`, () => {
      const config = resolveConfig({ dModel: 24, heads: 3, seed: 7, mask, positional: 'sinusoidal' });
      const result = computeAttention(tokenize('Attention is all you need, 注意力就是你需要的一切。'), config);
      const reference = referenceLayer(result.x, config);
      result.heads.forEach((head, h) => {
        assertClose(toRows(head.weights), reference.heads[h].weights, 1e-9, `head ${h} weights`);
        assertClose(toRows(head.z), reference.heads[h].z, 1e-9, `head ${h} Z`);
      });
      assertClose(toRows(result.output), reference.output, 1e-9, 'output');
    });
  }
});

describe('properties a user relies on', () => {
  const sentence = tokenize('我去了银行。我坐在河堤上。');

  it('uses the chapter’s defaults: d_model 512, 8 heads of d_k 64', () => {
    const result = computeAttention(sentence, resolveConfig());
    assert.equal(result.x.cols, 512);
    assert.equal(result.heads.length, 8);
    assert.equal(result.heads[0].q.cols, 64);
    assert.equal(result.concat.cols, 512);
    assert.equal(result.output.cols, 512);
  });

  it('gives rows of weights that sum to 1, and zeros above the diagonal under the causal mask', () => {
    for (const mask of ['none', 'causal'] as const) {
      const result = computeAttention(sentence, resolveConfig({ dModel: 64, heads: 4, mask }));
      for (const head of result.heads) {
        toRows(head.weights).forEach((row, i) => {
          assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12, `row ${i} sums to 1`);
          row.forEach((w, j) => {
            if (mask === 'causal' && j > i) assert.equal(w, 0);
            else assert.ok(w > 0, `visible weight [${i}][${j}] is positive`);
          });
        });
      }
    }
  });

  it('gives identical numbers for the same text and settings', () => {
    const config = resolveConfig({ dModel: 32, heads: 2, seed: 123, positional: 'sinusoidal' });
    const a = computeAttention(tokenize('The bank by the river.'), config);
    const b = computeAttention(tokenize('The bank by the river.'), config);
    assert.deepEqual(Array.from(a.output.data), Array.from(b.output.data));
    const other = computeAttention(tokenize('The bank by the river.'), resolveConfig({ dModel: 32, heads: 2, seed: 124 }));
    assert.notDeepEqual(Array.from(a.heads[0].weights.data), Array.from(other.heads[0].weights.data), 'another seed, another model');
  });

  it('gives 银行 one static embedding but a different contextual output in each sentence', () => {
    const config = resolveConfig({ dModel: 64, heads: 4 });
    const first = tokenize('我去了银行。');
    const second = tokenize('银行在河边。');
    const i = first.findIndex((t) => t.text === '银行');
    const j = second.findIndex((t) => t.text === '银行');
    assert.ok(i >= 0 && j >= 0, 'both sentences have the token 银行');
    const row = (m: Matrix, r: number) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols));
    assert.deepEqual(row(embed(first, config).x, i), row(embed(second, config).x, j), 'same embedding');
    const a = computeAttention(first, config);
    const b = computeAttention(second, config);
    const distance = Math.hypot(...row(a.output, i).map((v, k) => v - row(b.output, j)[k]));
    assert.ok(distance > 1e-3, `contextual outputs differ (distance ${distance})`);
  });

  it('changes the output with word order only when positional encoding is on', () => {
    const forward = tokenize('cat dog');
    const backward = tokenize('dog cat');
    for (const positional of ['none', 'sinusoidal'] as const) {
      const config = resolveConfig({ dModel: 16, heads: 2, positional });
      const a = computeAttention(forward, config);
      const b = computeAttention(backward, config);
      // "cat" is row 0 in one and row 1 in the other.
      const catA = Array.from(a.output.data.subarray(0, 16));
      const catB = Array.from(b.output.data.subarray(16, 32));
      const same = catA.every((v, k) => Math.abs(v - catB[k]) < 1e-12);
      assert.equal(same, positional === 'none', `positional ${positional}`);
    }
  });
});

describe('configuration', () => {
  it('rejects d_model not divisible by heads, and bad values, with a readable message', () => {
    assert.throws(() => resolveConfig({ dModel: 10, heads: 3 }), /divisible/);
    assert.throws(() => resolveConfig({ heads: 0 }), /heads must be a whole number/);
    assert.throws(() => resolveConfig({ mask: 'sideways' as never }), /mask must be/);
    assert.deepEqual(resolveConfig({ dModel: 10, heads: 3, dK: 4 }).dK, 4);
  });
});
