import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeAttention } from '../../src/common/attention/attention';
import { cellArithmetic } from '../../src/common/attention/cellArithmetic';
import { resolveConfig, type AttentionConfig } from '../../src/common/attention/config';
import { averageHeads, maxHeads } from '../../src/common/attention/headAverage';
import { headSteps, retain, type HeadSteps } from '../../src/common/attention/steps';
import { tokenize } from '../../src/common/attention/tokenizer';

const SENTENCES = ['我去了银行。', 'The bank of the river was steep, so we sat on it.', 'Attention is all you need.'];
const CONFIGS: readonly Partial<AttentionConfig>[] = [
  { dModel: 8, heads: 2 },
  { dModel: 12, heads: 3, seed: 7, positional: 'sinusoidal' },
  {},
];

/** Every head of every sentence under every config, with and without the causal mask. */
function* heads(): Generator<{ what: string; head: HeadSteps; causal: boolean }> {
  for (const sentence of SENTENCES) {
    for (const partial of CONFIGS) {
      for (const mask of ['none', 'causal'] as const) {
        const config = resolveConfig({ ...partial, mask });
        const analysis = retain(computeAttention(tokenize(sentence), config));
        for (let h = 0; h < config.heads; h++) {
          yield { what: `${sentence} d_model=${config.dModel} heads=${config.heads} mask=${mask} head ${h + 1}`, head: headSteps(analysis, h).head, causal: mask === 'causal' };
        }
      }
    }
  }
}

describe('cellArithmetic', () => {
  it("gives exactly the engine's score, scaled score and weight for every cell", () => {
    let cells = 0;
    for (const { what, head, causal } of heads()) {
      const n = head.scores.rows;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const a = cellArithmetic(head, i, j);
          const at = `${what} (${i}, ${j})`;
          assert.equal(a.score, head.scores.data[i * n + j], `score ${at}`);
          assert.equal(a.scaled, head.scaled.data[i * n + j], `scaled ${at}`);
          assert.equal(a.weight, head.weights.data[i * n + j], `weight ${at}`);
          assert.equal(a.masked, causal && j > i, `masked ${at}`);
          assert.equal(a.dK, head.k.cols);
          assert.deepEqual(a.queryVector, head.q.data.slice(i * a.dK, (i + 1) * a.dK), `q_i ${at}`);
          assert.deepEqual(a.keyVector, head.k.data.slice(j * a.dK, (j + 1) * a.dK), `k_j ${at}`);
          assert.equal(a.sqrtDk, Math.sqrt(head.k.cols));
          assert.equal(a.products.reduce((sum, p) => sum + p, 0), a.score, `Σ products ${at}`);
          assert.equal(a.numerator / a.denominator, a.weight);
          if (!a.masked) assert.equal(a.score * (1 / a.sqrtDk), a.scaled);
          cells++;
        }
      }
    }
    assert.ok(cells > 1000, `${cells} cells checked`);
  });

  it('splits z_i into the contributions of its keys, whose shares sum to 1', () => {
    for (const { what, head } of heads()) {
      const n = head.scores.rows;
      const d = head.v.cols;
      for (let i = 0; i < n; i++) {
        const sum = new Float64Array(d);
        let shares = 0;
        for (let j = 0; j < n; j++) {
          const a = cellArithmetic(head, i, j);
          a.contribution.forEach((c, k) => (sum[k] += c));
          shares += a.share;
        }
        sum.forEach((value, k) => assert.ok(Math.abs(value - head.z.data[i * d + k]) <= 1e-12, `${what}: Σ_j contribution[${k}] of row ${i} is z`));
        assert.ok(Math.abs(shares - 1) <= 1e-9, `${what}: shares of row ${i} sum to ${shares}`);
      }
    }
  });

  it('gives a masked cell a scaled score of −∞, a numerator and weight of 0 and no contribution', () => {
    const analysis = retain(computeAttention(tokenize('The bank of the river.'), resolveConfig({ mask: 'causal' })));
    const head = headSteps(analysis, 3).head;
    const a = cellArithmetic(head, 1, 4);
    assert.equal(a.masked, true);
    assert.equal(a.scaled, -Infinity);
    assert.equal(a.numerator, 0);
    assert.equal(a.weight, 0);
    assert.equal(a.share, 0);
    assert.ok(a.contribution.every((c) => c === 0));
    assert.ok(Number.isFinite(a.score), 'the raw score is still computed');
    // The row's maximum and denominator are those of the visible keys 0 and 1.
    const visible = [cellArithmetic(head, 1, 0), cellArithmetic(head, 1, 1)];
    assert.equal(a.rowMax, Math.max(...visible.map((c) => c.scaled)));
    assert.equal(a.denominator, visible[0].denominator);
  });

  it('throws a RangeError for an index outside the tokens', () => {
    const head = headSteps(retain(computeAttention(tokenize('a b c'), resolveConfig({ dModel: 4, heads: 2 }))), 0).head;
    for (const [i, j] of [[-1, 0], [0, -1], [3, 0], [0, 3], [0.5, 0], [0, Number.NaN]]) {
      assert.throws(() => cellArithmetic(head, i, j), RangeError, `(${i}, ${j})`);
    }
  });
});

describe('maxHeads', () => {
  it('takes the largest weight of any head, cell by cell', () => {
    assert.deepEqual(maxHeads([[0.1, 0.9, 0, 1], [0.5, 0.2, 0, 0.25], [0.3, 0.4, 0, 0]]), [0.5, 0.9, 0, 1]);
    assert.deepEqual(maxHeads([[0.25, 0.75]]), [0.25, 0.75]);
    assert.deepEqual(maxHeads([]), []);
  });

  it("is never below the average and keeps masked cells at 0 on a real analysis", () => {
    const result = computeAttention(tokenize('我坐在河堤上。'), resolveConfig({ mask: 'causal' }));
    const weights = result.heads.map((head) => Array.from(head.weights.data));
    const max = maxHeads(weights);
    const mean = averageHeads(weights);
    const n = result.tokens.length;
    max.forEach((value, cell) => {
      assert.ok(value >= mean[cell] - 1e-15);
      assert.equal(value, Math.max(...weights.map((w) => w[cell])));
      if (cell % n > Math.floor(cell / n)) assert.equal(value, 0);
    });
  });
});
