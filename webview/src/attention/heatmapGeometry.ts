/** Sizes of the heatmap, as pure functions of the token count and the room the panel gives. */

/** CSS pixels: past 48 a small matrix just looks bloated; zooming in stops there too. */
export const MAX_CELL = 48;
/** The largest cells zooming in gives (CSS px): room for a token label per row and the weight in each cell. */
export const ZOOM_MAX_CELL = MAX_CELL;
/**
 * Up to this many tokens every label is shown, so cells are never thinner than a label's line:
 * a narrow panel scrolls sideways instead.
 */
export const ALL_LABELS_UP_TO = 64;
const LABELLED_CELL = 12;

/**
 * The cell size (CSS px) at which the whole matrix fits the room: as small as it must be for a
 * long selection (cells thinner than a pixel are drawn downsampled, and zooming in reads them),
 * never smaller than a labelled line for a short one.
 */
export function cellSize(n: number, availableWidth: number, availableHeight: number): number {
  const fit = Math.max(0, Math.min(availableWidth, availableHeight)) / Math.max(1, n);
  const min = n <= ALL_LABELS_UP_TO ? LABELLED_CELL : 0;
  return Math.min(MAX_CELL, Math.max(min, fit));
}

/** Label font size in CSS pixels: the theme's size when cells allow it, never unreadably small. */
export function labelFontPx(cell: number, themeFontPx: number): number {
  return Math.min(themeFontPx, Math.max(10, cell * 0.8));
}

/** Show every stride-th label, so labels never overlap when cells are thinner than a line of text. */
export function labelStride(cell: number, fontPx: number): number {
  // Labels' boxes may touch: their glyphs are shorter than the 1.2 line height.
  return Math.max(1, Math.ceil((fontPx * 1.15) / cell));
}

/**
 * Where each of n cells starts on an axis of `devicePixels` pixels, plus the end: whole pixels,
 * so neighbouring cells neither overlap nor leave a seam on a HiDPI screen.
 */
export function cellEdges(n: number, devicePixels: number): Int32Array {
  const edges = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) edges[i] = Math.round((i * devicePixels) / n);
  return edges;
}

/** The cell index under a coordinate, or undefined outside the matrix. */
export function cellIndex(offset: number, cssSize: number, n: number): number | undefined {
  if (offset < 0 || offset >= cssSize || n <= 0) return undefined;
  return Math.min(n - 1, Math.floor((offset / cssSize) * n));
}
