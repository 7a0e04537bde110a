/**
 * Every head at once: small multiples of each head's N×N weights, plus their average and their
 * cell-by-cell maximum, each a canvas thumbnail on a button that selects what the heatmap shows.
 * A thumbnail has at most THUMB_CSS_PX × devicePixelRatio pixels a side: when N is larger, each
 * pixel is the largest weight of its block of cells (a strong weight never disappears in the
 * downsampling), written straight into ImageData, never one element per cell. A long selection
 * gives its heads' overviews (size × size, each value a block's largest weight) as the weights
 * and the average's own overview: the thumbnails downsample those.
 */
import { averageHeads, maxHeads } from '../../../src/common/attention/headAverage';
import { PIXELS, weightLevel } from './colorScale';
import { el, themeColor } from '../shared/dom';
import { cellEdges } from './heatmapGeometry';
import { t } from './l10n';
import type { HeadChoice } from '../../../src/common/protocol/attentionPanel';

/** Which matrix a thumbnail shows; the protocol's HeadChoice plus 'maximum'. */
/** What a thumbnail selects: the panel's own head choice. */
export type GalleryChoice = HeadChoice;

/** A thumbnail's side in CSS pixels. */
export const THUMB_CSS_PX = 88;

/** Marks a pixel of no weight (masked) in a downsampled block; weights are never negative. */
const NONE = -1;

export class HeadGallery {
  readonly element: HTMLElement;
  private readonly choices: GalleryChoice[];
  private readonly buttons: HTMLButtonElement[];
  private readonly canvases: HTMLCanvasElement[];
  private readonly values: ArrayLike<number>[];

  constructor(
    weights: readonly ArrayLike<number>[],
    private readonly n: number,
    private readonly causal: boolean,
    selected: GalleryChoice,
    private readonly onSelect: (choice: GalleryChoice) => void,
    /** The heads' average, when it is not the mean of `weights` (a long selection's overview of it). */
    average?: ArrayLike<number>,
  ) {
    this.choices = ['average', 'maximum', ...weights.map((_, h) => h)];
    this.values = [average ?? averageHeads(weights), maxHeads(weights), ...weights];
    this.canvases = this.choices.map(() => el('canvas', { className: 'gallery-thumb', attrs: { 'aria-hidden': 'true' } }));
    this.buttons = this.choices.map((choice, index) => {
      const button = el('button', { className: 'gallery-item', attrs: { type: 'button', title: describe(choice, weights.length), 'data-choice': String(choice) } }, [
        this.canvases[index],
        el('span', { className: 'gallery-label', text: label(choice) }),
      ]);
      button.addEventListener('click', () => {
        this.select(choice);
        this.onSelect(choice);
      });
      button.addEventListener('keydown', (event) => this.onKey(event, index));
      return button;
    });
    this.element = el('div', { className: 'head-gallery', attrs: { role: 'group', 'aria-label': t('galleryLabel', weights.length) } }, this.buttons);
    this.select(selected);
    this.repaint();
  }

  /** Marks `choice` as the one shown (no callback). */
  select(choice: GalleryChoice): void {
    this.buttons.forEach((button, index) => button.setAttribute('aria-pressed', String(this.choices[index] === choice)));
  }

  /** Draws every thumbnail with the current theme's colours and devicePixelRatio. */
  repaint(): void {
    const dpr = devicePixelRatio || 1;
    const size = Math.max(1, Math.round(THUMB_CSS_PX * dpr));
    const colours = this.themePixels();
    for (let index = 0; index < this.canvases.length; index++) this.draw(this.canvases[index], this.values[index], size, dpr, colours);
  }

  /** Arrow keys, Home and End move the focus between thumbnails; Enter and Space press (button). */
  private onKey(event: KeyboardEvent, index: number): void {
    const last = this.buttons.length - 1;
    const to = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.buttons[Math.min(last, Math.max(0, to))].focus();
  }

  private draw(canvas: HTMLCanvasElement, values: ArrayLike<number>, size: number, dpr: number, colours: ThemePixels): void {
    const n = this.n;
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
        for (let k = 0; k < n; k++) band.fill(this.causal && k > q ? NONE : values[q * n + k], edges[k], edges[k + 1]);
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
          const visible = this.causal ? q + 1 : n;
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
  private themePixels(): ThemePixels {
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
}

interface ThemePixels {
  readonly background: number;
  readonly line: number;
  /** Masked pixels where (x + y) mod period < lineWidth are the line: a diagonal hatching. */
  readonly period: number;
  readonly lineWidth: number;
}

function label(choice: GalleryChoice): string {
  if (choice === 'average') return t('galleryAverage');
  if (choice === 'maximum') return t('galleryMaximum');
  return t('headNumber', choice + 1);
}

function describe(choice: GalleryChoice, heads: number): string {
  if (choice === 'average') return t('galleryAverageTitle', heads);
  if (choice === 'maximum') return t('galleryMaximumTitle', heads);
  return t('galleryHeadTitle', choice + 1);
}
