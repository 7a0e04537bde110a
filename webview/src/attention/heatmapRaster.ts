/**
 * The heatmap's pixels: a window of the N×N weights at some zoom (heatmapViewport.ts) written
 * straight into a Uint32Array for ImageData, never one canvas call per cell. The weights are
 * turned into colour levels once per matrix (colorLevels); then cells of a pixel or more are
 * filled (one device row computed, the rest of the cell row copied), and cells thinner than a
 * pixel are downsampled in one pass over the window, each pixel the largest weight of its block,
 * so a single strong weight among thousands still shows. Masked cells are hatched,
 * in pixels of the whole matrix so the hatching does not crawl when the view pans. Used by the
 * heatmap and by its minimap.
 */
import { PIXELS } from './colorScale';
import { blockStart } from './heatmapViewport';

export interface RasterMatrix {
  readonly n: number;
  /** N×N, row-major. */
  readonly values: ArrayLike<number>;
  /** The top of the colour scale. */
  readonly max: number;
  readonly isMasked: (query: number, key: number) => boolean;
}

/** The part of the matrix drawn: `total` device pixels a side, the canvas's `width` × `height` from (x, y). */
export interface RasterWindow {
  readonly total: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The theme's colours as pixels, and the hatching of masked cells. */
export interface RasterTheme {
  readonly background: number;
  readonly line: number;
  /** A masked pixel at (x, y) of the whole matrix is the line where (x + y) mod period < lineWidth: a diagonal hatching. */
  readonly period: number;
  readonly lineWidth: number;
}

/**
 * The weights as colour levels, once per matrix shown: 0 for a masked cell, else 1 + its level on
 * the scale (exactly colorScale's weightLevel). Levels rise with weights, so the largest level of
 * a block is the level of its largest weight; and comparing small integers is several times
 * faster than comparing floats, which is what lets a redraw of 4 M cells stay well under 50 ms.
 * `reuse`: the previous matrix's levels, overwritten if it has the size (no new 8 MB at 2,048 tokens).
 */
export function colorLevels(matrix: RasterMatrix, reuse?: Uint16Array): Uint16Array {
  const { n, values, max, isMasked } = matrix;
  return rectLevels(values, n, n, max, isMasked, reuse);
}

/**
 * colorLevels of a rows × cols rectangle (row-major): a long selection's overview or exact tile.
 * `isMasked(r, c)` is in the rectangle's own indices.
 */
export function rectLevels(values: ArrayLike<number>, rows: number, cols: number, max: number, isMasked: (row: number, col: number) => boolean, reuse?: Uint16Array): Uint16Array {
  const levels = reuse?.length === rows * cols ? reuse : new Uint16Array(rows * cols);
  for (let q = 0; q < rows; q++) {
    const row = q * cols;
    for (let k = 0; k < cols; k++) {
      if (isMasked(q, k)) {
        levels[row + k] = 0;
        continue;
      }
      // weightLevel's Math.round(clamp(w / max) × 255), without Math.round's costly tie branch.
      let t = max > 0 ? values[row + k] / max : 0;
      t = t > 1 ? 1 : t > 0 ? t : 0;
      const x = t * 255;
      let level = Math.floor(x + 0.5);
      if (level - x > 0.5) level--; // x + 0.5 rounded up to the next integer
      levels[row + k] = level + 1;
    }
  }
  return levels;
}

/**
 * Paints the window of the n × n `levels` (colorLevels) into `pixels` (width × height,
 * row-major). `gap`: background pixels left at the end of each cell, a hairline grid (only with
 * cells of a pixel or more).
 */
export function rasterize(pixels: Uint32Array, levels: Uint16Array, n: number, window: RasterWindow, theme: RasterTheme, gap = 0): void {
  pixels.fill(theme.background, 0, window.width * window.height);
  if (n === 0 || window.total <= 0) return;
  if (window.total >= n) paintCells(pixels, levels, n, window, theme, gap);
  else paintBlocks(pixels, levels, n, window, theme);
}

/** Cells of at least a pixel: whole-pixel edges, each cell one colour (or hatched). */
function paintCells(pixels: Uint32Array, levels: Uint16Array, n: number, window: RasterWindow, theme: RasterTheme, gap: number): void {
  const { total, x, y, width, height } = window;
  const edges = (offset: number, length: number): [number, Int32Array] => {
    const first = Math.max(0, Math.floor((offset * n) / total) - 1);
    const last = Math.min(n, Math.ceil(((offset + length) * n) / total) + 1);
    const out = new Int32Array(last - first + 1);
    for (let i = first; i <= last; i++) out[i - first] = Math.min(length, Math.max(0, Math.round((i * total) / n) - offset));
    return [first, out];
  };
  const [c0, xs] = edges(x, width);
  const [r0, ys] = edges(y, height);
  const c1 = c0 + xs.length - 1;
  const r1 = r0 + ys.length - 1;
  const { background, line, period, lineWidth } = theme;
  /** Masked stretches [from, to) of the current row, in canvas x. */
  const runs: number[] = [];
  const hatch = (row: number) => {
    const base = row * width;
    const phase = x + y + row;
    for (let i = 0; i < runs.length; i += 2) {
      for (let px = runs[i]; px < runs[i + 1]; px++) pixels[base + px] = (phase + px) % period < lineWidth ? line : background;
    }
  };
  for (let q = r0; q < r1; q++) {
    const top = ys[q - r0];
    const bottom = ys[q - r0 + 1] - gap;
    if (bottom <= top) continue;
    const base = top * width;
    const row = q * n;
    runs.length = 0;
    for (let k = c0; k < c1; k++) {
      const left = xs[k - c0];
      const right = xs[k - c0 + 1] - gap;
      if (right <= left) continue;
      const level = levels[row + k];
      if (level === 0) {
        if (runs.length > 0 && runs[runs.length - 1] === left) runs[runs.length - 1] = right;
        else runs.push(left, right);
        continue;
      }
      const pixel = PIXELS[level - 1];
      if (right - left > 8) pixels.fill(pixel, base + left, base + right);
      else for (let i = base + left; i < base + right; i++) pixels[i] = pixel;
    }
    hatch(top);
    for (let r = top + 1; r < bottom; r++) {
      pixels.copyWithin(r * width, base, base + width);
      if (runs.length > 0) hatch(r);
    }
  }
}

/** Cells thinner than a pixel: one pass over the window's levels, each pixel its block's largest. */
function paintBlocks(pixels: Uint32Array, levels: Uint16Array, n: number, window: RasterWindow, theme: RasterTheme): void {
  const { total, x, y, width, height } = window;
  // Pixels past the matrix's last one (the view is never larger, but a caller may ask) stay background.
  const columns = Math.max(0, Math.min(width, total - x));
  const rows = Math.max(0, Math.min(height, total - y));
  /** Column pixel p shows cells [starts[p], starts[p + 1]). */
  const starts = new Int32Array(columns + 1);
  for (let p = 0; p <= columns; p++) starts[p] = blockStart(x + p, n, total);
  const band = new Int32Array(columns);
  const { background, line, period, lineWidth } = theme;
  for (let py = 0; py < rows; py++) {
    const q0 = blockStart(y + py, n, total);
    const q1 = blockStart(y + py + 1, n, total);
    band.fill(0);
    for (let q = q0; q < q1; q++) {
      const row = q * n;
      let i = row + starts[0];
      for (let p = 0; p < columns; p++) {
        let m = band[p];
        for (const end = row + starts[p + 1]; i < end; i++) {
          // max(m, level) without a branch: the comparison of random weights would mispredict half the time.
          const d = m - levels[i];
          m -= d & (d >> 31);
        }
        band[p] = m;
      }
    }
    const base = py * width;
    const phase = x + y + py;
    for (let p = 0; p < columns; p++) {
      const level = band[p];
      // 0: every cell of the block is masked.
      pixels[base + p] = level === 0 ? ((phase + p) % period < lineWidth ? line : background) : PIXELS[level - 1];
    }
  }
}
