/** Where the parts of the exported heatmap image go (heatmapImage.ts): pure arithmetic, no DOM (the UI test checks a PNG's size with it). */

/** The legend band's height below the matrix (CSS px). */
export const IMAGE_LEGEND_CSS = 48;

export interface ImageLayout {
  readonly scale: number;
  /** Device px of the whole image. */
  readonly width: number;
  readonly height: number;
  /** Where the cells start (device px): after the row labels, below the column labels. */
  readonly cellsX: number;
  readonly cellsY: number;
  /** The cells' side (device px). */
  readonly cells: number;
}

/** `boxWidth` × `boxHeight`: the matrix element's CSS size (labels and cells); `cellsCss`: the cells' side in it. */
export function imageLayout(boxWidth: number, boxHeight: number, cellsCss: number, scale: number): ImageLayout {
  const cells = Math.round(cellsCss * scale);
  const cellsX = Math.max(0, Math.round((boxWidth - cellsCss) * scale));
  const cellsY = Math.max(0, Math.round((boxHeight - cellsCss) * scale));
  return { scale, cells, cellsX, cellsY, width: Math.max(cellsX + cells, Math.round(boxWidth * scale)), height: Math.max(cellsY + cells, Math.round(boxHeight * scale)) + Math.round(IMAGE_LEGEND_CSS * scale) };
}
