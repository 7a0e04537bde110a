/**
 * The heatmap's minimap: the whole matrix in a small canvas (MINIMAP_CSS_PX a side), downsampled as
 * the heatmap is (each pixel the largest weight of its block), with a rectangle in the focus border
 * colour for the part in view. Pressing or dragging on it moves the view there. Drawn once per
 * matrix and theme; panning only moves the rectangle. The keyboard moves the view from the heatmap
 * itself, so the minimap is left out of the accessibility tree.
 */
import { el } from '../shared/dom';
import { t } from './l10n';
import { rasterize, type RasterTheme } from './heatmapRaster';
import type { View } from './heatmapViewport';

export const MINIMAP_CSS_PX = 120;

export class Minimap {
  readonly element: HTMLElement;
  private readonly canvas = el('canvas', { className: 'minimap-canvas' });
  private readonly frame = el('div', { className: 'minimap-view' });
  private drawn = false;
  private dragging?: number;

  /** `onMove`: centre the view on the point at these fractions of the whole matrix. */
  constructor(private readonly onMove: (fx: number, fy: number) => void) {
    this.element = el('div', { className: 'minimap', attrs: { 'aria-hidden': 'true', title: t('heatmapMinimapTitle') } }, [this.canvas, this.frame]);
    this.element.hidden = true;
    this.element.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      event.preventDefault(); // no text selection, no focus change
      this.dragging = event.pointerId;
      this.element.setPointerCapture(event.pointerId);
      this.move(event);
    });
    this.element.addEventListener('pointermove', (event) => {
      if (this.dragging === event.pointerId) this.move(event);
    });
    const stop = (event: PointerEvent) => {
      if (this.dragging !== event.pointerId) return;
      this.dragging = undefined;
      if (this.element.hasPointerCapture(event.pointerId)) this.element.releasePointerCapture(event.pointerId);
    };
    this.element.addEventListener('pointerup', stop);
    this.element.addEventListener('pointercancel', stop);
  }

  /** The matrix or the theme changed: draw again when next shown. */
  invalidate(): void {
    this.drawn = false;
  }

  /** Shown only when zoomed in (`view.total` past `fit`): the matrix, drawn if need be, and the view's rectangle. */
  /** `levels`: n × n colour levels of the whole matrix (a long selection's: of its overview). */
  update(levels: Uint16Array, n: number, view: View, fit: number, theme: RasterTheme, dpr: number): void {
    this.element.hidden = view.total <= fit;
    if (this.element.hidden) return;
    if (!this.drawn) this.draw(levels, n, theme, dpr);
    const percent = (value: number) => `${((100 * value) / view.total).toFixed(3)}%`;
    this.frame.style.left = percent(view.x);
    this.frame.style.top = percent(view.y);
    this.frame.style.width = percent(Math.min(view.width, view.total));
    this.frame.style.height = percent(Math.min(view.height, view.total));
  }

  private draw(levels: Uint16Array, n: number, theme: RasterTheme, dpr: number): void {
    const size = Math.max(1, Math.round(MINIMAP_CSS_PX * dpr));
    if (this.canvas.width !== size) {
      this.canvas.width = size;
      this.canvas.height = size;
    }
    this.canvas.style.width = `${size / dpr}px`;
    this.canvas.style.height = `${size / dpr}px`;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(size, size);
    rasterize(new Uint32Array(image.data.buffer), levels, n, { total: size, x: 0, y: 0, width: size, height: size }, theme);
    ctx.putImageData(image, 0, 0);
    this.drawn = true;
  }

  private move(event: PointerEvent): void {
    const box = this.canvas.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const fraction = (offset: number, length: number) => Math.min(1, Math.max(0, offset / length));
    this.onMove(fraction(event.clientX - box.left, box.width), fraction(event.clientY - box.top, box.height));
  }
}
