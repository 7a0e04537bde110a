import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_LABELS_UP_TO, cellEdges, cellIndex, cellSize, labelFontPx, labelStride, MAX_CELL, ZOOM_MAX_CELL } from '../../webview/src/attention/heatmapGeometry';
import { blockStart, cellAt, cellSpan, centredRange, centreOn, clampView, panBy, reveal, rowsPerPage, visibleRange, zoomAround, zoomStep, type View } from '../../webview/src/attention/heatmapViewport';

describe('heatmap geometry', () => {
  it('fits the whole matrix into the room it has, however long the selection', () => {
    assert.equal(cellSize(4, 800, 800), MAX_CELL, 'a short sentence is not blown up');
    assert.equal(cellSize(20, 400, 900), 20);
    assert.equal(cellSize(20, 900, 300), 15, 'a short panel limits the height too');
    assert.equal(cellSize(256, 500, 500), 500 / 256, 'thinner than 2 px: drawn downsampled, read by zooming in');
    assert.equal(cellSize(2048, 800, 900), 800 / 2048);
    assert.ok(ZOOM_MAX_CELL >= 24, 'zooming in goes to cells a label and a weight fit in');
  });

  it(`shows every token label up to ${ALL_LABELS_UP_TO} tokens, and a spaced subset beyond`, () => {
    for (const n of [2, 30, 60, ALL_LABELS_UP_TO]) {
      const cell = cellSize(n, 420, 900);
      assert.equal(labelStride(cell, labelFontPx(cell, 13)), 1, `${n} tokens in 420px`);
    }
    const cell = cellSize(256, 600, 900);
    const stride = labelStride(cell, labelFontPx(cell, 13));
    assert.ok(stride > 1 && stride * cell >= 10, `labels 256 tokens every ${stride} rows, ${stride * cell}px apart`);
    const fit = cellSize(2048, 800, 900);
    assert.ok(labelStride(fit, labelFontPx(fit, 13)) * fit >= 10, 'and 2,048 tokens too');
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

describe('heatmap viewport (zoom and pan, in device pixels)', () => {
  const view = (n: number, total: number, size: number, x = 0, y = 0): View => ({ n, total, width: size, height: size, x, y });

  it('gives each pixel of a downsampled axis a block of whole cells, every cell in exactly one block', () => {
    for (const [n, total] of [[2048, 800], [2048, 777], [100, 99], [300, 7]]) {
      let cells = 0;
      for (let p = 0; p < total; p++) {
        const size = blockStart(p + 1, n, total) - blockStart(p, n, total);
        assert.ok(size >= Math.floor(n / total) && size <= Math.ceil(n / total), `pixel ${p} of ${total} holds ${size} of ${n} cells`);
        cells += size;
      }
      assert.equal(cells, n);
      for (let i = 0; i < n; i++) {
        const [p] = cellSpan(i, n, total);
        assert.ok(blockStart(p, n, total) <= i && i < blockStart(p + 1, n, total), `cell ${i} is drawn in pixel ${p}`);
      }
    }
  });

  it('finds the cell under the pointer at any zoom, as it is drawn', () => {
    for (const [n, total, x] of [[11, 528, 0], [2048, 98304, 40000], [2048, 3000, 1000], [2048, 800, 0]]) {
      const v = view(n, total, 600, x, x);
      for (let px = 0; px < 600 && x + px < total; px += 7) {
        const cell = cellAt(v, px + 0.5, 300.5)!;
        const [start, end] = cellSpan(cell.key, n, total);
        if (total >= n) assert.ok(start <= x + px && x + px < end, `pixel ${x + px} is in cell ${cell.key}'s [${start}, ${end})`);
        else assert.ok(blockStart(x + px, n, total) <= cell.key && cell.key <= blockStart(x + px + 1, n, total), `pixel ${x + px} shows cell ${cell.key}`);
      }
    }
    assert.equal(cellAt(view(11, 528, 528), -1, 10), undefined);
    assert.equal(cellAt(view(11, 528, 528), 528, 10), undefined);
    assert.deepEqual(cellAt(view(11, 528, 528), 527.9, 0), { query: 0, key: 10 });
  });

  it('zooms around a point: the matrix point under it stays there', () => {
    const start = view(2048, 800, 800);
    const zoomed = zoomAround(start, 6400, 200, 600);
    assert.equal(zoomed.total, 6400);
    assert.ok(Math.abs((zoomed.x + 200) / 6400 - 200 / 800) < 1e-3 && Math.abs((zoomed.y + 600) / 6400 - 600 / 800) < 1e-3, `${zoomed.x}, ${zoomed.y}`);
    assert.deepEqual(zoomAround(zoomed, 800, 200, 600), start, 'and back to the whole matrix');
    assert.equal(zoomStep(800, 2, 800, 98304), 1600);
    assert.equal(zoomStep(800, 0.5, 800, 98304), 800, 'never smaller than the fit');
    assert.equal(zoomStep(80000, 2, 800, 98304), 98304, 'nor larger than the largest cells');
  });

  it('pans within the matrix, reveals a cell, and centres on a point of it', () => {
    const v = view(2048, 8000, 800, 1000, 1000);
    assert.deepEqual(clampView({ ...v, x: -5, y: 9000 }), { ...v, x: 0, y: 7200 });
    assert.deepEqual(panBy(v, 100.4, -50), { ...v, x: 1100, y: 950 });
    assert.equal(panBy(v, 1e6, 0).x, 7200);
    const far = reveal(v, { query: 2047, key: 0 });
    assert.deepEqual([far.x, far.y], [0, 7200]);
    assert.equal(reveal(v, { query: 300, key: 300 }), v, 'a cell in view: no move');
    const near = reveal(v, { query: 460, key: 300 });
    const [, bottom] = cellSpan(460, 2048, 8000);
    assert.deepEqual([near.x, near.y + near.height], [1000, bottom], 'the least move');
    const centred = centreOn(v, 0.5, 0.25);
    assert.deepEqual([centred.x, centred.y], [3600, 1600]);
    assert.equal(rowsPerPage(v), 203);
  });

  it('lists the cells in view and the ones whose centre is in view (labelled)', () => {
    assert.deepEqual(visibleRange(0, 800, 2048, 800), [0, 2048]);
    assert.deepEqual(visibleRange(1000, 800, 2048, 8000), [256, 461]);
    assert.deepEqual(centredRange(1000, 800, 2048, 8000), [256, 461]);
    assert.deepEqual(visibleRange(10, 100, 10, 1000), [0, 2], 'partly visible cells count');
    assert.deepEqual(centredRange(10, 100, 10, 1000), [0, 1], 'but only centred ones are labelled');
  });
});
