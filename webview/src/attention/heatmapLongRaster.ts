/**
 * The pixels of a long selection's heatmap: the same window of the N × N matrix as
 * heatmapRaster.ts paints (heatmapViewport.ts's integer geometry, in tokens), but from what the
 * panel has of the weights: an overview (each value the largest weight of a block × block of
 * tokens) everywhere, and exact tiles where they have arrived. Each pixel shows the cells under it
 * (one cell, or a pixel's block of cells when they are thinner than a pixel): from a tile when one
 * holds all of them, as their largest exact weight; else as the largest of the overview blocks they
 * touch, so a peak is never lost. Cells drawn from a tile get the hairline grid, blocks do not (they
 * are not cells). Pixel rows showing the same tokens are computed once.
 */
import { PIXELS } from './colorScale';
import type { RasterTheme, RasterWindow } from './heatmapRaster';
import { blockStart } from './heatmapViewport';

export interface LongRasterTile {
  readonly row0: number;
  readonly col0: number;
  readonly rows: number;
  readonly cols: number;
  /** rows × cols colour levels (heatmapRaster.ts's rectLevels): 0 masked, else 1 + the level. */
  readonly levels: Uint16Array;
}

export interface LongRasterSource {
  readonly n: number;
  /** Tokens per side of an overview block, and blocks per side. */
  readonly block: number;
  readonly size: number;
  /** size × size colour levels of the overview; 0 for a block masked wholly. */
  readonly overview: Uint16Array;
  /** Exact tiles, the preferred first. */
  readonly tiles: readonly LongRasterTile[];
  /** Masks are causal-shaped: when a rectangle's lower-left cell is masked, all of it is. */
  readonly isMasked: (query: number, key: number) => boolean;
}

/** Per pixel of an axis: its cells [t0, t1), the overview blocks [o0, o1) they touch, whether it is grid. */
interface Axis {
  readonly length: number;
  readonly t0: Int32Array;
  readonly t1: Int32Array;
  readonly o0: Int32Array;
  readonly o1: Int32Array;
  readonly grid: Uint8Array;
}

function axis(offset: number, length: number, n: number, total: number, block: number, gap: number): Axis {
  const count = Math.max(0, Math.min(length, total - offset));
  const a = { length: count, t0: new Int32Array(count), t1: new Int32Array(count), o0: new Int32Array(count), o1: new Int32Array(count), grid: new Uint8Array(count) };
  let i = Math.min(n - 1, Math.floor((offset * n) / total));
  const end = (cell: number) => Math.round(((cell + 1) * total) / n);
  for (let p = 0; p < count; p++) {
    const g = offset + p;
    let t0: number;
    let t1: number;
    if (total < n) {
      t0 = blockStart(g, n, total);
      t1 = Math.max(t0 + 1, blockStart(g + 1, n, total));
    } else {
      // The cell whose whole-pixel span [round(i·total/n), round((i+1)·total/n)) holds g.
      while (i > 0 && Math.round((i * total) / n) > g) i--;
      while (i < n - 1 && end(i) <= g) i++;
      t0 = i;
      t1 = i + 1;
      a.grid[p] = gap > 0 && g >= end(i) - gap ? 1 : 0;
    }
    a.t0[p] = t0;
    a.t1[p] = t1;
    a.o0[p] = Math.floor(t0 / block);
    a.o1[p] = Math.floor((t1 - 1) / block) + 1;
  }
  return a;
}

/** Paints the window into `pixels` (width × height); `gap`: grid pixels at the end of each exact cell. */
export function rasterizeLong(pixels: Uint32Array, source: LongRasterSource, window: RasterWindow, theme: RasterTheme, gap = 0): void {
  const { n, block, size, overview, tiles, isMasked } = source;
  const { total, x, y, width, height } = window;
  const { background, line, period, lineWidth } = theme;
  pixels.fill(background, 0, width * height);
  if (n === 0 || total <= 0) return;
  const cols = axis(x, width, n, total, block, gap);
  const rows = axis(y, height, n, total, block, gap);
  const levelRow = new Int32Array(cols.length);
  const exactRow = new Uint8Array(cols.length);
  // The overview's largest level over a pixel row's blocks, per block column the window touches.
  const blockMax = new Int32Array(size);
  const [from, to] = cols.length ? [cols.o0[0], cols.o1[cols.length - 1]] : [0, 0];
  const computeRow = (q0: number, q1: number, r0: number, r1: number) => {
    const across = tiles.length ? tiles.filter((tile) => tile.row0 <= q0 && q1 <= tile.row0 + tile.rows) : tiles;
    blockMax.set(overview.subarray(r0 * size + from, r0 * size + to), from);
    for (let r = r0 + 1; r < r1; r++) {
      for (let c = from, base = r * size; c < to; c++) if (overview[base + c] > blockMax[c]) blockMax[c] = overview[base + c];
    }
    // Causal-shaped, so the row's masked pixels are those from the first masked one on.
    let masked = 0;
    for (let hi = cols.length; masked < hi; ) {
      const mid = (masked + hi) >> 1;
      if (isMasked(q1 - 1, cols.t0[mid])) hi = mid;
      else masked = mid + 1;
    }
    levelRow.fill(0, masked);
    exactRow.fill(0);
    // Past the masked edge only a tile's hairline grid is left to find.
    const end = across.length ? cols.length : masked;
    for (let p = 0; p < end; p++) {
      const k0 = cols.t0[p];
      const k1 = cols.t1[p];
      const tile = across.length ? across.find((candidate) => candidate.col0 <= k0 && k1 <= candidate.col0 + candidate.cols) : undefined;
      if (tile) exactRow[p] = 1;
      if (p >= masked) continue;
      let m = 0;
      if (tile) {
        const { levels, cols: stride } = tile;
        for (let q = q0; q < q1; q++) {
          const base = (q - tile.row0) * stride - tile.col0;
          for (let k = base + k0, last = base + k1; k < last; k++) if (levels[k] > m) m = levels[k];
        }
      } else {
        for (let c = cols.o0[p], last = cols.o1[p]; c < last; c++) if (blockMax[c] > m) m = blockMax[c];
      }
      levelRow[p] = m;
    }
  };
  let shownQ0 = -1;
  let shownQ1 = -1;
  for (let py = 0; py < rows.length; py++) {
    const q0 = rows.t0[py];
    const q1 = rows.t1[py];
    if (q0 !== shownQ0 || q1 !== shownQ1) {
      computeRow(q0, q1, rows.o0[py], rows.o1[py]);
      shownQ0 = q0;
      shownQ1 = q1;
    }
    const base = py * width;
    const phase = x + y + py;
    const gridRow = rows.grid[py];
    for (let p = 0; p < cols.length; p++) {
      if (exactRow[p] && (gridRow || cols.grid[p])) continue; // the hairline between exact cells
      const level = levelRow[p];
      pixels[base + p] = level === 0 ? ((phase + p) % period < lineWidth ? line : background) : PIXELS[level - 1];
    }
  }
}
