import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_LABELS_UP_TO, cellEdges, cellIndex, cellSize, labelFontPx, labelStride, MAX_CELL, MIN_CELL } from '../../webview/src/attention/heatmapGeometry';

describe('heatmap geometry', () => {
  it('fits the matrix into the room it has, within readable and hoverable bounds', () => {
    assert.equal(cellSize(4, 800, 800), MAX_CELL, 'a short sentence is not blown up');
    assert.equal(cellSize(20, 400, 900), 20);
    assert.equal(cellSize(20, 900, 300), 15, 'a short panel limits the height too');
    assert.equal(cellSize(256, 500, 500), MIN_CELL);
  });

  it(`shows every token label up to ${ALL_LABELS_UP_TO} tokens, and a spaced subset beyond`, () => {
    for (const n of [2, 30, 60, ALL_LABELS_UP_TO]) {
      const cell = cellSize(n, 420, 900);
      assert.equal(labelStride(cell, labelFontPx(cell, 13)), 1, `${n} tokens in 420px`);
    }
    const cell = cellSize(256, 600, 900);
    const stride = labelStride(cell, labelFontPx(cell, 13));
    assert.ok(stride > 1 && stride * cell >= 10, `labels 256 tokens every ${stride} rows, ${stride * cell}px apart`);
  });

  it('splits an axis into whole-pixel cells with no gaps or overlaps', () => {
    const edges = cellEdges(7, 250);
    assert.equal(edges[0], 0);
    assert.equal(edges[7], 250);
    for (let i = 0; i < 7; i++) assert.ok(edges[i + 1] - edges[i] >= 35 && edges[i + 1] - edges[i] <= 36);
  });

  it('maps a pointer offset to its cell, and nothing outside the matrix', () => {
    assert.equal(cellIndex(0, 100, 10), 0);
    assert.equal(cellIndex(99.9, 100, 10), 9);
    assert.equal(cellIndex(35, 100, 10), 3);
    assert.equal(cellIndex(-1, 100, 10), undefined);
    assert.equal(cellIndex(100, 100, 10), undefined);
  });
});
