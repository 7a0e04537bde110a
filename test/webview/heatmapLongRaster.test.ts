/**
 * The long-selection raster (webview/src/attention/heatmapLongRaster.ts) against the rule it paints
 * by, pixel by pixel: each pixel its cells' largest exact weight where one tile holds them all, else
 * the largest of the overview blocks they touch; masked cells hatched; the hairline grid only
 * between exact cells. The raster computes a row at a time (the masked edge found by bisection, the
 * overview's rows reduced once); this reference asks every pixel afresh.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PIXELS } from '../../webview/src/attention/colorScale';
import { rasterizeLong, type LongRasterSource, type LongRasterTile } from '../../webview/src/attention/heatmapLongRaster';
import type { RasterTheme, RasterWindow } from '../../webview/src/attention/heatmapRaster';
import { blockStart, cellAt, cellSpan } from '../../webview/src/attention/heatmapViewport';

const THEME: RasterTheme = { background: 0xff000000, line: 0xff808080, period: 6, lineWidth: 2 };

/** A deterministic stream of levels in [1, PIXELS.length]. */
function levelsFrom(seed: number, count: number): Uint16Array {
  const out = new Uint16Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = 1 + (state % PIXELS.length);
  }
  return out;
}

function source(n: number, block: number, causal: boolean, tiles: LongRasterTile[]): LongRasterSource {
  const size = Math.ceil(n / block);
  const isMasked = (query: number, key: number) => causal && key > query;
  const overview = levelsFrom(7, size * size);
  // A block wholly above the diagonal is masked: level 0, as the panel's overview has it.
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (isMasked(Math.min(n, (r + 1) * block) - 1, c * block)) overview[r * size + c] = 0;
  return { n, block, size, overview, tiles, isMasked };
}

/**
 * The cells [t0, t1) and overview blocks [o0, o1) under pixel g of an axis, and whether it is grid:
 * by the viewport's own mapping (heatmapViewport.ts), the one the tooltip names a cell by.
 */
function cellsOf(g: number, n: number, total: number, block: number, gap: number): { t0: number; t1: number; o0: number; o1: number; grid: boolean } {
  let t0: number;
  let t1: number;
  let grid = false;
  if (total < n) {
    t0 = blockStart(g, n, total);
    t1 = Math.max(t0 + 1, blockStart(g + 1, n, total));
  } else {
    t0 = cellAt({ n, total, x: g, y: 0, width: 1, height: 1 }, 0, 0)!.key;
    t1 = t0 + 1;
    grid = gap > 0 && g >= cellSpan(t0, n, total)[1] - gap;
  }
  return { t0, t1, o0: Math.floor(t0 / block), o1: Math.floor((t1 - 1) / block) + 1, grid };
}

function expectedPixel(s: LongRasterSource, window: RasterWindow, px: number, py: number, gap: number): number {
  const row = cellsOf(window.y + py, s.n, window.total, s.block, gap);
  const col = cellsOf(window.x + px, s.n, window.total, s.block, gap);
  const tile = s.tiles.find((t) => t.row0 <= row.t0 && row.t1 <= t.row0 + t.rows && t.col0 <= col.t0 && col.t1 <= t.col0 + t.cols);
  if (tile && (row.grid || col.grid)) return THEME.background;
  if (s.isMasked(row.t1 - 1, col.t0)) return (window.x + window.y + px + py) % THEME.period < THEME.lineWidth ? THEME.line : THEME.background;
  let m = 0;
  if (tile) {
    for (let q = row.t0; q < row.t1; q++) for (let k = col.t0; k < col.t1; k++) m = Math.max(m, tile.levels[(q - tile.row0) * tile.cols + (k - tile.col0)]);
  } else {
    for (let r = row.o0; r < row.o1; r++) for (let c = col.o0; c < col.o1; c++) m = Math.max(m, s.overview[r * s.size + c]);
  }
  return m === 0 ? ((window.x + window.y + px + py) % THEME.period < THEME.lineWidth ? THEME.line : THEME.background) : PIXELS[m - 1];
}

function tile(row0: number, col0: number, rows: number, cols: number, causal: boolean): LongRasterTile {
  const levels = levelsFrom(row0 * 31 + col0, rows * cols);
  if (causal) for (let q = 0; q < rows; q++) for (let k = 0; k < cols; k++) if (col0 + k > row0 + q) levels[q * cols + k] = 0;
  return { row0, col0, rows, cols, levels };
}

describe('long-selection raster', () => {
  const n = 5000;
  const block = 10;
  const cases: { name: string; window: RasterWindow; gap: number }[] = [
    { name: 'at fit (cells thinner than a pixel)', window: { total: 377, x: 0, y: 0, width: 377, height: 377 }, gap: 0 },
    { name: 'zoomed to 3 px a cell, across the diagonal, with the grid', window: { total: 15000, x: 6100, y: 6000, width: 180, height: 160 }, gap: 1 },
    { name: 'zoomed to a fraction of a pixel a cell, off the diagonal', window: { total: 2500, x: 1800, y: 200, width: 300, height: 250 }, gap: 0 },
  ];
  for (const causal of [false, true]) {
    for (const { name, window, gap } of cases) {
      it(`paints every pixel by the rule, ${causal ? 'causal' : 'no mask'}, ${name}`, () => {
        // Tiles where the windows are: one across the diagonal, one above it, one wholly masked when causal.
        const s = source(n, block, causal, [tile(1990, 2000, 90, 120, causal), tile(400, 3400, 60, 80, causal), tile(360, 3600, 100, 140, causal)]);
        const pixels = new Uint32Array(window.width * window.height);
        rasterizeLong(pixels, s, window, THEME, gap);
        let wrong = 0;
        let first = '';
        for (let py = 0; py < window.height; py++) {
          for (let px = 0; px < window.width; px++) {
            const want = expectedPixel(s, window, px, py, gap);
            const got = pixels[py * window.width + px];
            if (got !== want && wrong++ === 0) first = `(${px}, ${py}): ${got.toString(16)}, expected ${want.toString(16)}`;
          }
        }
        assert.equal(wrong, 0, `${wrong} pixels differ, the first at ${first}`);
      });
    }
  }
});
