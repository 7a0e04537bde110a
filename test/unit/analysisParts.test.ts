/** How an analysis is shared between workers and put back together (src/common/attention/analysisParts.ts). */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headShare, mergeParts, rowBand, type AnalysisPart } from '../../src/common/attention/analysisParts';
import { resolveConfig } from '../../src/common/attention/config';
import { overviewBlock, overviewSize } from '../../src/common/attention/longSelection';

describe('shares of an analysis', () => {
  it('deals heads into runs as even as can be, every head exactly once', () => {
    assert.deepEqual([0, 1].map((i) => headShare(8, i, 2)), [[0, 1, 2, 3], [4, 5, 6, 7]]);
    assert.deepEqual([0, 1].map((i) => headShare(3, i, 2)), [[0], [1, 2]]);
    assert.deepEqual([0, 1, 2].map((i) => headShare(2, i, 3)), [[0], [1], []], 'more workers than heads: the last has none');
  });

  for (const causal of [false, true]) {
    it(`cuts rows into bands of whole overview blocks covering every row once${causal ? ', narrower later under the causal mask' : ''}`, () => {
      for (const n of [2049, 5000, 16384]) {
        const block = overviewBlock(n);
        const bands = [0, 1].map((i) => rowBand(n, i, 2, causal));
        assert.equal(bands[0].row0, 0);
        assert.equal(bands[0].row0 + bands[0].rows, bands[1].row0, `${n}: no gap, no overlap`);
        assert.equal(bands[1].row0 + bands[1].rows, n);
        assert.equal(bands[1].row0 % block, 0, 'a band starts at a block');
        // The work of a band: Σ over its rows of the keys each row sees.
        const work = bands.map(({ row0, rows }) => (causal ? rows * row0 + (rows * (rows + 1)) / 2 : rows * n));
        assert.ok(Math.abs(work[0] - work[1]) / (work[0] + work[1]) < 0.01, `${n}: about equal work (${work})`);
        if (causal) assert.ok(bands[1].rows < bands[0].rows);
      }
    });
  }
});

describe('merging parts', () => {
  const config = resolveConfig({ dModel: 6, heads: 3 });
  const view = (n: number) => ({ text: 'x', sourceName: 's', tokens: Array.from({ length: n }, () => ({ text: 'x', start: 0, end: 1 })), config, elapsedMs: 1 });

  it('puts each head of a head-split analysis in its place, and refuses a missing head', () => {
    const w = (h: number) => new Float32Array([h]);
    const parts: AnalysisPart[] = [
      { view: view(1), heads: [2], weights: [w(2)] },
      { view: view(1), heads: [0, 1], weights: [w(0), w(1)] },
    ];
    assert.deepEqual(mergeParts(parts).weights.map((m) => m[0]), [0, 1, 2]);
    assert.throws(() => mergeParts(parts.slice(1)), /head 3/);
  });

  it('stacks the bands of a long selection into each head\'s overview and the average\'s', () => {
    const n = 3000;
    const size = overviewSize(n);
    const band = (row0: number, blockRows: number): AnalysisPart => ({
      view: view(n),
      heads: [0, 1, 2],
      weights: [0, 1, 2].map((h) => new Float32Array(blockRows * size).fill(h / 10 + row0 / 1e4)),
      band: { blockRow0: row0, blockRows, average: new Float32Array(blockRows * size).fill(row0 / 1e4) },
    });
    const merged = mergeParts([band(0, 400), band(400, size - 400)]);
    assert.equal(merged.overview?.size, size);
    assert.equal(merged.overview?.block, overviewBlock(n));
    assert.ok(Math.abs(merged.weights[2][399 * size] - 0.2) < 1e-7 && Math.abs(merged.weights[2][400 * size] - 0.24) < 1e-7);
    assert.ok(Math.abs(merged.overview!.average[size * size - 1] - 0.04) < 1e-7);
    assert.throws(() => mergeParts([band(0, 400)]), /400 of the overview's/);
  });
});
