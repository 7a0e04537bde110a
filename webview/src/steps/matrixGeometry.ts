/**
 * The matrix view's arithmetic, as pure functions (no DOM, so Node tests can run them): cell sizes
 * and zoom steps, which cells and labels an area shows, cursor moves, table pages, number format.
 */

/** CSS pixels: under 1 a cell cannot be pointed at; past 32 a small matrix just looks bloated. */
export const MIN_CELL = 1;
export const MAX_CELL = 32;
/** Default cells are at least this big, so a wide matrix scrolls rather than turning to dust. */
export const DEFAULT_MIN_CELL = 4;
/** CSS px of free canvas around the cells, where the outline of an edge row or column is drawn. */
export const CANVAS_PAD = 3;
/** The zoom buttons step through these; Ctrl+wheel zooms continuously between the ends. */
const ZOOM_STEPS = [1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32];

export const clampCell = (cell: number): number => Math.min(MAX_CELL, Math.max(MIN_CELL, cell));

/** Fit the width if cells would be at least DEFAULT_MIN_CELL, else that size (and scroll). */
export function defaultCellSize(cols: number, availableWidth: number): number {
  const fit = availableWidth / Math.max(1, cols);
  return fit >= DEFAULT_MIN_CELL ? Math.min(MAX_CELL, fit) : DEFAULT_MIN_CELL;
}

/** The whole matrix in the area, as far as MIN_CELL allows. */
export function fitCellSize(rows: number, cols: number, width: number, height: number): number {
  return clampCell(Math.min(width / Math.max(1, cols), height / Math.max(1, rows)));
}

export function zoomInStep(cell: number): number {
  return ZOOM_STEPS.find((step) => step > cell * 1.01) ?? MAX_CELL;
}

export function zoomOutStep(cell: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < cell / 1.01) ?? MIN_CELL;
}

/** The indices [start, end) of cells of `size` that overlap [offset, offset + length). */
export function visibleRange(offset: number, length: number, size: number, count: number): [number, number] {
  const start = Math.max(0, Math.floor(offset / size));
  const end = Math.min(count, Math.ceil((offset + length) / size));
  return [Math.min(start, end), end];
}

/**
 * Device-pixel edges of cells start…end on a canvas whose first pixel is at CSS `origin` on the
 * axis: whole pixels, clamped to the canvas, so neighbours neither overlap nor leave a seam.
 */
export function deviceEdges(start: number, end: number, size: number, origin: number, dpr: number, limit: number): Int32Array {
  const edges = new Int32Array(end - start + 1);
  for (let i = start; i <= end; i++) edges[i - start] = Math.min(limit, Math.max(0, Math.round((i * size - origin) * dpr)));
  return edges;
}

/** Show every stride-th label, so labels of thin cells never overlap (a label needs `line` px). */
export function labelStride(cell: number, line: number): number {
  return Math.max(1, Math.ceil(line / cell));
}

export interface Position {
  readonly row: number;
  readonly col: number;
}

/** Where a key moves the cursor; undefined for keys that are not moves. */
export function moveCursor(at: Position, key: string, ctrl: boolean, rows: number, cols: number, pageRows: number): Position | undefined {
  const clampRow = (row: number) => Math.min(rows - 1, Math.max(0, row));
  const clampCol = (col: number) => Math.min(cols - 1, Math.max(0, col));
  switch (key) {
    case 'ArrowUp': return { row: clampRow(at.row - 1), col: at.col };
    case 'ArrowDown': return { row: clampRow(at.row + 1), col: at.col };
    case 'ArrowLeft': return { row: at.row, col: clampCol(at.col - 1) };
    case 'ArrowRight': return { row: at.row, col: clampCol(at.col + 1) };
    // As in a spreadsheet: Home/End go to the row's ends, with Ctrl to the matrix's.
    case 'Home': return { row: ctrl ? 0 : at.row, col: 0 };
    case 'End': return { row: ctrl ? rows - 1 : at.row, col: cols - 1 };
    case 'PageUp': return { row: clampRow(at.row - Math.max(1, pageRows)), col: at.col };
    case 'PageDown': return { row: clampRow(at.row + Math.max(1, pageRows)), col: at.col };
    default: return undefined;
  }
}

/** A table page has at most this many cells: a screen reader's table stays responsive. */
export const TABLE_PAGE_CELLS = 2048;
const TABLE_PAGE_COLS = 64;

/** Rows and columns per table page. */
export function tablePageSize(rows: number, cols: number): { rows: number; cols: number } {
  const pageCols = Math.min(cols, TABLE_PAGE_COLS);
  return { rows: Math.max(1, Math.min(rows, Math.floor(TABLE_PAGE_CELLS / Math.max(1, pageCols)))), cols: Math.max(1, pageCols) };
}

/** 6 significant digits, trailing zeros dropped, a true minus sign: what tooltips and tables show. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return minus(String(Number(value.toPrecision(6))));
}

/** Every digit JavaScript keeps (the shortest string that reads back as the same double). */
export function formatExact(value: number): string {
  return Number.isFinite(value) ? minus(String(value)) : formatValue(value);
}

const minus = (text: string) => text.replace(/^-/, '−').replace('e-', 'e−');
