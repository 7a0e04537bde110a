/**
 * A small canvas picture of an n × n matrix of weights, shared by the head gallery and the model's
 * layer × head grid. Pixels are written straight into ImageData, never one element per cell. When
 * n is at most the canvas's side each cell gets a block of whole pixels; when larger, each pixel
 * is the largest weight of its block of cells, so a strong weight never disappears in the
 * downsampling. The colours are the heatmap's viridis from 0 to the matrix's own largest weight;
 * masked cells (above the diagonal under a causal mask) are hatched on the theme's background.
 */
import { PIXELS, weightLevel } from './colorScale';
import { themeColor } from '../shared/dom';
import { cellEdges } from './heatmapGeometry';

/** The theme's colours as pixels, read once per repaint (ThemePixels of themePixels()). */
export interface ThemePixels {
  readonly background: number;
  readonly line: number;
  /** Masked pixels where (x + y) mod period < lineWidth are the line: a diagonal hatching. */
  readonly period: number;
  readonly lineWidth: number;
}

/** Marks a pixel of no weight (masked) in a downsampled block; weights are never negative. */
const NONE = -1;

/**
 * Draws `values` (n × n, row-major) on `canvas` at `cssPx` CSS pixels a side, sharp at the
 * device pixel ratio `dpr`.
 */
export function paintThumbnail(canvas: HTMLCanvasElement, values: ArrayLike<number>, n: number, causal: boolean, cssPx: number, dpr: number, colours: ThemePixels): void {
  const size = Math.max(1, Math.round(cssPx * dpr));
  canvas.width = size;
  canvas.height = size;
  canvas.style.width = `${size / dpr}px`;
  canvas.style.height = `${size / dpr}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx || n === 0) return;
  const image = ctx.createImageData(size, size);
  const pixels = new Uint32Array(image.data.buffer);
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  // One row of pixel values (the block maxima of a band of rows), then painted down the band.
  const band = new Float64Array(size);
  const hatch = (x: number, y: number) => ((x + y) % colours.period < colours.lineWidth ? colours.line : colours.background);
  const paintRow = (y: number) => {
    const row = y * size;
    for (let x = 0; x < size; x++) pixels[row + x] = band[x] === NONE ? hatch(x, y) : PIXELS[weightLevel(band[x], max)];
  };
  if (n <= size) {
    // Every cell gets a block of whole pixels, as in the heatmap.
    const edges = cellEdges(n, size);
    for (let q = 0; q < n; q++) {
      for (let k = 0; k < n; k++) band.fill(causal && k > q ? NONE : values[q * n + k], edges[k], edges[k + 1]);
      for (let y = edges[q]; y < edges[q + 1]; y++) paintRow(y);
    }
  } else {
    // Each pixel the maximum of its block of cells [⌊p·n/size⌋, ⌊(p+1)·n/size⌋).
    const columnPixel = new Int32Array(n);
    for (let x = 0; x < size; x++) columnPixel.fill(x, Math.floor((x * n) / size), Math.floor(((x + 1) * n) / size));
    for (let y = 0; y < size; y++) {
      band.fill(NONE);
      const to = Math.floor(((y + 1) * n) / size);
      for (let q = Math.floor((y * n) / size); q < to; q++) {
        const start = q * n;
        const visible = causal ? q + 1 : n;
        for (let k = 0; k < visible; k++) {
          const value = values[start + k];
          const x = columnPixel[k];
          if (value > band[x]) band[x] = value;
        }
      }
      paintRow(y);
    }
  }
  ctx.putImageData(image, 0, 0);
}

/** The background and the masked hatching's line as pixels, like maskPattern.ts draws them. */
export function themePixels(): ThemePixels {
  const probe = document.createElement('canvas');
  probe.width = 2;
  probe.height = 1;
  const ctx = probe.getContext('2d', { willReadFrequently: true })!;
  const background = themeColor('--vscode-editor-background', '#ffffff');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, 2, 1);
  ctx.globalAlpha = 0.45;
  ctx.fillStyle = themeColor('--vscode-descriptionForeground', '#808080');
  ctx.fillRect(1, 0, 1, 1);
  const [backgroundPixel, linePixel] = new Uint32Array(ctx.getImageData(0, 0, 2, 1).data.buffer);
  const dpr = devicePixelRatio || 1;
  return { background: backgroundPixel, line: linePixel, period: Math.max(4, Math.round(4 * dpr)), lineWidth: Math.max(1, Math.round(dpr * 0.75)) };
}
