/**
 * The heatmap as one image (Export's PNG, Copy image): the matrix's box as the panel lays it out
 * (row labels, column labels, cells at the zoom that fits them all) and a legend band below, at a
 * scale of device px per CSS px (2 for the export). The cells are painted by the heatmap's own
 * raster code (Heatmap.renderImage); this draws what the page shows as DOM text instead: the labels,
 * cut with an ellipsis as styles.css cuts them, and the legend, whose bar is the legend's paintScale.
 */
import { formatTick, scaleTicks } from '../../../src/common/color/scaleTicks';
import { themeColor } from '../shared/dom';
import { paintScale } from './legend';
import { maskedPattern } from './maskPattern';
import type { ImageLayout } from './heatmapImageLayout';

/** The labels' padding towards the cells (styles.css: padding-right / padding-bottom 8px). */
const LABEL_PAD_CSS = 8;
const BAR_CSS = { width: 160, height: 10 };

export interface ImageLegend {
  readonly title: string;
  /** The axes' names, in the corner above the query labels, as the panel has them. */
  readonly axes: { readonly key: string; readonly query: string };
  /** The masked swatch's words, under a causal mask. */
  readonly masked?: string;
}

export function paintBackground(ctx: CanvasRenderingContext2D, layout: ImageLayout): void {
  ctx.fillStyle = themeColor('--vscode-editor-background', '#ffffff');
  ctx.fillRect(0, 0, layout.width, layout.height);
}

export interface ImageLabels {
  readonly tokens: readonly string[];
  /** Every stride-th token is labelled, as the panel labels them at this cell size. */
  readonly stride: number;
  /** CSS px. */
  readonly font: number;
  readonly family: string;
  /** A cell's centre along an axis, in device px from the cells' start. */
  readonly centre: (index: number) => number;
  /** Tokens that stand upright on the key axis (punctuation), a character per line. */
  readonly isUpright: (token: string) => boolean;
}

/** The query tokens left of the cells (right-aligned), the key tokens above them (turned, reading upwards). */
export function drawImageLabels(ctx: CanvasRenderingContext2D, layout: ImageLayout, labels: ImageLabels): void {
  const { scale, cellsX, cellsY } = layout;
  const font = labels.font * scale;
  const pad = LABEL_PAD_CSS * scale;
  ctx.save();
  ctx.fillStyle = themeColor('--vscode-foreground', '#333333');
  ctx.font = `${font}px ${labels.family}`;
  ctx.textBaseline = 'middle';
  for (let i = 0; i < labels.tokens.length; i += labels.stride) {
    const token = labels.tokens[i];
    const centre = labels.centre(i);
    ctx.textAlign = 'right';
    ctx.fillText(fitted(ctx, token, cellsX - pad), cellsX - pad, cellsY + centre);
    const x = cellsX + centre;
    if (labels.isUpright(token)) {
      ctx.textAlign = 'center';
      const chars = [...token];
      chars.forEach((char, j) => ctx.fillText(char, x, cellsY - pad - (chars.length - j - 0.5) * font));
      continue;
    }
    ctx.save();
    ctx.translate(x, cellsY - pad);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'left';
    ctx.fillText(fitted(ctx, token, cellsY - pad), 0, 0);
    ctx.restore();
  }
  ctx.restore();
}

/** The legend below the cells: its title, the viridis bar with its three ticks, and the masked swatch. */
export function drawImageLegend(ctx: CanvasRenderingContext2D, layout: ImageLayout, legend: ImageLegend, max: number): void {
  const { scale } = layout;
  const top = layout.cellsY + layout.cells + 12 * scale;
  const x0 = layout.cellsX;
  const foreground = themeColor('--vscode-foreground', '#333333');
  ctx.save();
  ctx.fillStyle = foreground;
  ctx.font = `${12 * scale}px ${themeColor('--vscode-font-family', 'sans-serif')}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(legend.title, x0, top);
  // The corner: "key →" above "query ↓", right-aligned against the cells, as in the panel.
  ctx.save();
  ctx.fillStyle = themeColor('--vscode-descriptionForeground', '#808080');
  ctx.font = `${11 * scale}px ${themeColor('--vscode-font-family', 'sans-serif')}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(legend.axes.query, layout.cellsX - LABEL_PAD_CSS * scale, layout.cellsY - 4 * scale);
  ctx.fillText(legend.axes.key, layout.cellsX - LABEL_PAD_CSS * scale, layout.cellsY - 18 * scale);
  ctx.restore();
  const barX = x0 + ctx.measureText(legend.title).width + 12 * scale;
  const [barWidth, barHeight] = [Math.round(BAR_CSS.width * scale), Math.round(BAR_CSS.height * scale)];
  paintScale(ctx, Math.round(barX), Math.round(top), barWidth, barHeight);
  ctx.fillStyle = foreground;
  ctx.textAlign = 'center';
  ctx.font = `${11 * scale}px ${themeColor('--vscode-font-family', 'sans-serif')}`;
  scaleTicks(max).forEach((tick, i) => ctx.fillText(formatTick(tick), barX + (i / 2) * barWidth, top + barHeight + 3 * scale));
  if (legend.masked) {
    const size = Math.round(12 * scale);
    const x = barX + barWidth + 24 * scale;
    const pattern = ctx.createPattern(maskedPattern(themeColor('--vscode-descriptionForeground', '#808080'), themeColor('--vscode-editor-background', '#ffffff')), 'repeat');
    if (pattern) {
      ctx.fillStyle = pattern;
      ctx.fillRect(x, top, size, size);
    }
    ctx.fillStyle = foreground;
    ctx.textAlign = 'left';
    ctx.fillText(legend.masked, x + size + 6 * scale, top);
  }
  ctx.restore();
}

/** The text, cut with an ellipsis to fit `width` device px. */
function fitted(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > width) chars.pop();
  return `${chars.join('')}…`;
}
