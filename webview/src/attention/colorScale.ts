/**
 * The colour scale of every canvas of the page: viridis (src/common/color/viridis.ts, shared with
 * the exported SVG), as pixels for ImageData, and the luminance that picks readable text on a cell.
 */
import { VIRIDIS_TABLE as TABLE, type Rgb } from '../../../src/common/color/viridis';

export { viridis, weightColor, weightLevel, type Rgb } from '../../../src/common/color/viridis';

/** The 256 colours as opaque RGBA pixels in the platform's byte order, for writing ImageData. */
export const PIXELS: Uint32Array = (() => {
  const pixels = new Uint32Array(256);
  const bytes = new Uint8Array(pixels.buffer);
  TABLE.forEach(([r, g, b], i) => bytes.set([r, g, b, 255], i * 4));
  return pixels;
})();

/** Relative luminance (WCAG), to pick readable text over a cell colour. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
