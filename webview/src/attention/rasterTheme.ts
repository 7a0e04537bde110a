/** The raster's theme read from the page: DOM work kept out of heatmapRaster.ts, which is pure. */
import { themeColor } from '../shared/dom';
import type { RasterTheme } from './heatmapRaster';

/**
 * The background (--vscode-editor-background) and the hatching line (--vscode-descriptionForeground
 * at 45 %, as maskPattern.ts draws it) as the canvas itself renders them, whatever CSS colour
 * syntax the theme uses.
 */
export function themePixels(dpr: number): RasterTheme {
  const probe = document.createElement('canvas');
  probe.width = 2;
  probe.height = 1;
  const ctx = probe.getContext('2d', { willReadFrequently: true });
  if (!ctx) return { background: 0xffffffff, line: 0xff808080, period: 6, lineWidth: 1 };
  ctx.fillStyle = themeColor('--vscode-editor-background', '#ffffff');
  ctx.fillRect(0, 0, 2, 1);
  ctx.globalAlpha = 0.45;
  ctx.fillStyle = themeColor('--vscode-descriptionForeground', '#808080');
  ctx.fillRect(1, 0, 1, 1);
  const [background, line] = new Uint32Array(ctx.getImageData(0, 0, 2, 1).data.buffer);
  return { background, line, period: Math.max(4, Math.round(6 * dpr)), lineWidth: Math.max(1, Math.round(0.75 * dpr)) };
}
