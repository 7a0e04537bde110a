/**
 * What of the heatmap is in view, in device pixels: the whole N×N matrix drawn `total` pixels a
 * side (the zoom), of which the canvas shows `width` × `height` pixels from (x, y). All whole
 * pixels, so which cells a pixel shows, where a cell's edges fall and which cell the pointer is on
 * are the same integer arithmetic everywhere (drawing, labels, cursor, minimap). Pure functions,
 * no DOM: test/webview/heatmapGeometry.test.ts runs them in Node.
 *
 * Two regimes, by the size of a cell:
 * - cells of at least a pixel (total ≥ n): cell i spans pixels [round(i·total/n), round((i+1)·total/n));
 * - cells thinner than a pixel (total < n): pixel p shows the block of cells
 *   [⌊p·n/total⌋, ⌊(p+1)·n/total⌋), drawn as the largest weight of the block.
 */
export interface View {
  /** Tokens: the matrix is n × n. */
  readonly n: number;
  /** Device pixels the whole matrix spans on each axis at this zoom. */
  readonly total: number;
  /** The canvas, in device pixels. */
  readonly width: number;
  readonly height: number;
  /** The canvas's top-left pixel on the whole matrix's axes. */
  readonly x: number;
  readonly y: number;
}

export interface Cell {
  readonly query: number;
  readonly key: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The view moved back over the matrix (whole pixels, no blank beyond its edges). */
export function clampView(view: View): View {
  const x = clamp(Math.round(view.x), 0, Math.max(0, view.total - view.width));
  const y = clamp(Math.round(view.y), 0, Math.max(0, view.total - view.height));
  return x === view.x && y === view.y ? view : { ...view, x, y };
}

/** The first cell of pixel p of an axis `total` pixels long: pixel p shows [blockStart(p), blockStart(p + 1)). */
export function blockStart(p: number, n: number, total: number): number {
  return clamp(Math.floor((p * n) / total), 0, n);
}

/** The pixels [start, end) of the whole axis that show cell i (for thin cells, the one pixel whose block holds it). */
export function cellSpan(i: number, n: number, total: number): [number, number] {
  if (total >= n) return [Math.round((i * total) / n), Math.round(((i + 1) * total) / n)];
  const p = Math.ceil(((i + 1) * total) / n) - 1;
  return [p, p + 1];
}

/** The cell at a canvas pixel (fractional: the pointer's position), or undefined off the matrix. */
export function cellAt(view: View, px: number, py: number): Cell | undefined {
  if (px < 0 || py < 0 || px >= view.width || py >= view.height) return undefined;
  const gx = view.x + px;
  const gy = view.y + py;
  if (gx >= view.total || gy >= view.total) return undefined;
  const { n, total } = view;
  // With cells of a pixel or more, cells end at rounded edges: the pixel's own cell, not the nearest.
  const index = (g: number) => {
    let i = Math.min(n - 1, Math.floor((g * n) / total));
    if (total >= n) {
      if (i > 0 && Math.floor(g) < Math.round((i * total) / n)) i--;
      else if (i < n - 1 && Math.floor(g) >= Math.round(((i + 1) * total) / n)) i++;
    }
    return i;
  };
  return { query: index(gy), key: index(gx) };
}

/** Cells [start, end) of which some part is within pixels [offset, offset + length) of an axis. */
export function visibleRange(offset: number, length: number, n: number, total: number): [number, number] {
  if (total < n) return [blockStart(offset, n, total), blockStart(offset + length, n, total)];
  let start = clamp(Math.floor((offset * n) / total), 0, n);
  while (start > 0 && Math.round((start * total) / n) > offset) start--;
  while (start < n && Math.round(((start + 1) * total) / n) <= offset) start++;
  let end = clamp(Math.ceil(((offset + length) * n) / total), start, n);
  while (end > start && Math.round(((end - 1) * total) / n) >= offset + length) end--;
  while (end < n && Math.round((end * total) / n) < offset + length) end++;
  return [start, end];
}

/** Cells [start, end) whose centre is within pixels [offset, offset + length): the ones labelled. */
export function centredRange(offset: number, length: number, n: number, total: number): [number, number] {
  const start = clamp(Math.ceil((offset * n) / total - 0.5), 0, n);
  const end = clamp(Math.ceil(((offset + length) * n) / total - 0.5), start, n);
  return [start, end];
}

/** The centre of cell i, in pixels of the whole axis. */
export function cellCentre(i: number, n: number, total: number): number {
  return ((i + 0.5) * total) / n;
}

/** Zoomed to `total`, keeping the point of the matrix under canvas pixel (ax, ay) where it is. */
export function zoomAround(view: View, total: number, ax: number, ay: number): View {
  const fx = (view.x + ax) / view.total;
  const fy = (view.y + ay) / view.total;
  return clampView({ ...view, total, x: Math.round(fx * total - ax), y: Math.round(fy * total - ay) });
}

/** Centred on the point at fractions (fx, fy) of the whole matrix, as far as its edges allow. */
export function centreOn(view: View, fx: number, fy: number): View {
  return clampView({ ...view, x: Math.round(fx * view.total - view.width / 2), y: Math.round(fy * view.total - view.height / 2) });
}

export function panBy(view: View, dx: number, dy: number): View {
  return clampView({ ...view, x: view.x + Math.round(dx), y: view.y + Math.round(dy) });
}

/** The least pan that brings a cell wholly into view (its top-left, if it is larger than the view). */
export function reveal(view: View, cell: Cell): View {
  const axis = (offset: number, length: number, i: number) => {
    const [start, end] = cellSpan(i, view.n, view.total);
    if (start < offset || end - start > length) return start;
    if (end > offset + length) return end - length;
    return offset;
  };
  const x = axis(view.x, view.width, cell.key);
  const y = axis(view.y, view.height, cell.query);
  return x === view.x && y === view.y ? view : clampView({ ...view, x, y });
}

/** Whole cells per screen along the query axis (at least 1): what Page Up and Page Down move by. */
export function rowsPerPage(view: View): number {
  return Math.max(1, Math.floor((view.height * view.n) / view.total) - 1);
}

/** The next zoom (a total) a step of `factor` gives, within [fit, max]. */
export function zoomStep(total: number, factor: number, fit: number, max: number): number {
  return clamp(Math.round(total * factor), fit, Math.max(fit, max));
}
