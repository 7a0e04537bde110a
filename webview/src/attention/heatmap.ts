/**
 * The attention heatmap: a canvas of N×N cells (row = query token, column = key token) coloured
 * on a viridis scale, with the tokens as DOM text labels on both axes, a hover/keyboard cursor and
 * its tooltip. Crisp at any devicePixelRatio; relaid out whenever the panel resizes.
 */
import { luminance, PIXELS, weightColor, weightLevel } from './colorScale';
import { el, themeColor } from '../shared/dom';
import { cellEdges, cellIndex, cellSize, labelFontPx, labelStride } from './heatmapGeometry';
import { maskedPattern } from './maskPattern';
import { t } from './l10n';
import { formatWeight, Tooltip, type CellInfo } from './tooltip';

export interface HeatmapData {
  readonly tokens: readonly string[];
  /** N×N row-major weights of what is shown (one head, or the heads' mean). */
  readonly values: ArrayLike<number>;
  /** The top of the colour scale. */
  readonly max: number;
  readonly isMasked: (query: number, key: number) => boolean;
}

/** Cells at least this wide (CSS px) also print their weight. */
const VALUE_TEXT_MIN_CELL = 40;

export class Heatmap {
  readonly element: HTMLElement;
  private readonly matrix = el('div', { className: 'matrix' });
  private readonly colLabels = el('div', { className: 'col-labels', attrs: { 'aria-label': t('keyTokensLabel') } });
  private readonly rowLabels = el('div', { className: 'row-labels', attrs: { 'aria-label': t('queryTokensLabel') } });
  private readonly canvas = el('canvas', { className: 'cells', attrs: { tabindex: '0', role: 'img' } });
  private readonly cursor = el('div', { className: 'cell-cursor' });
  /** The selected cell, whose arithmetic is shown: it stays marked while the cursor moves on. */
  private readonly selectedMark = el('div', { className: 'cell-selected', attrs: { 'aria-hidden': 'true' } });
  private selected?: { query: number; key: number };
  private readonly live = el('p', { className: 'sr-only', attrs: { 'aria-live': 'polite' } });
  private readonly tooltip = new Tooltip();
  private readonly resizeObserver: ResizeObserver;
  private data?: HeatmapData;
  private cell = 0;
  private stride = 1;
  private fontPx = 0;
  private lastWidth = -1;
  private active?: { query: number; key: number };

  /** `onSelect`: a cell was clicked or chosen with Enter/Space. */
  constructor(private readonly onSelect?: (query: number, key: number) => void) {
    const corner = el('div', { className: 'corner', attrs: { 'aria-hidden': 'true' } }, [
      el('span', { className: 'axis-key', text: t('axisKey') }),
      el('span', { className: 'axis-query', text: t('axisQuery') }),
    ]);
    this.cursor.hidden = true; // until a cell is hovered or focused
    this.selectedMark.hidden = true;
    const grid = el('div', { className: 'grid' }, [this.canvas, this.selectedMark, this.cursor]);
    this.matrix.append(corner, this.colLabels, this.rowLabels, grid);
    this.element = el('figure', { className: 'heatmap' }, [this.matrix, this.live]);
    document.body.append(this.tooltip.element);
    this.canvas.setAttribute('aria-describedby', 'heatmap-tooltip');
    this.resizeObserver = new ResizeObserver(() => {
      if (this.element.clientWidth !== this.lastWidth) this.layout();
    });
    this.resizeObserver.observe(this.element);
    this.listen();
  }

  setData(data: HeatmapData): void {
    const sameTokens = this.data?.tokens === data.tokens;
    this.data = data;
    this.canvas.setAttribute('aria-label', t('canvasLabel', data.tokens.length));
    if (sameTokens && this.cell > 0) this.draw();
    else this.layout();
    if (this.active) this.activate(this.active.query, this.active.key, 'keep');
  }

  /** Marks the selected cell (undefined: none). */
  select(cell: { query: number; key: number } | undefined): void {
    this.selected = cell;
    this.placeSelected();
  }

  private placeSelected(): void {
    const cell = this.selected;
    const n = this.data?.tokens.length ?? 0;
    this.selectedMark.hidden = !cell || cell.query >= n || cell.key >= n;
    if (!cell) return;
    this.selectedMark.style.transform = `translate(${cell.key * this.cell}px, ${cell.query * this.cell}px)`;
    this.selectedMark.style.width = `${this.cell}px`;
    this.selectedMark.style.height = `${this.cell}px`;
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.tooltip.element.remove();
  }

  /** Redraws with the current theme's colours (the body's theme class changed). */
  redraw(): void {
    this.draw();
  }

  /** Sizes cells, labels and canvas to the panel, then draws. */
  layout(): void {
    const data = this.data;
    if (!data) return;
    const n = data.tokens.length;
    this.lastWidth = this.element.clientWidth;
    const themeFont = parseFloat(getComputedStyle(document.body).fontSize) || 13;
    // Labels' widths depend on the font, the font on the cell size, the cell size on the labels:
    // one estimate, then the real measure.
    this.renderLabels(cellSize(n, this.lastWidth - 100, Infinity), themeFont);
    const rowLabelWidth = this.rowLabels.offsetWidth;
    const colLabelHeight = this.colLabels.offsetHeight;
    const availableHeight = Math.max(260, innerHeight * 0.9 - colLabelHeight);
    const dpr = devicePixelRatio || 1;
    const wanted = cellSize(n, this.lastWidth - rowLabelWidth - 8, availableHeight);
    // Whole device pixels for the canvas, and the CSS size that maps onto them exactly.
    const devicePixels = Math.max(n, Math.round(n * wanted * dpr));
    const cssSize = devicePixels / dpr;
    this.canvas.width = devicePixels;
    this.canvas.height = devicePixels;
    this.canvas.style.width = `${cssSize}px`;
    this.canvas.style.height = `${cssSize}px`;
    this.renderLabels(cssSize / n, themeFont);
    this.positionLabels();
    this.draw();
    this.placeSelected();
  }

  private renderLabels(cell: number, themeFont: number): void {
    const data = this.data!;
    const fontPx = labelFontPx(cell, themeFont);
    const stride = labelStride(cell, fontPx);
    this.cell = cell;
    if (fontPx === this.fontPx && stride === this.stride && this.rowLabels.childElementCount > 0) return;
    this.fontPx = fontPx;
    this.stride = stride;
    this.matrix.style.setProperty('--label-font', `${fontPx}px`);
    const labels = (axis: 'query' | 'key') =>
      data.tokens.flatMap((token, i) =>
        // Punctuation and symbols stand upright on the vertical key axis: turned, < reads as ∧.
        i % stride === 0 ? [el('span', { className: /[\p{L}\p{N}]/u.test(token) ? 'label' : 'label upright', text: token, attrs: { title: axis === 'query' ? t('queryLabelTitle', i + 1, token) : t('keyLabelTitle', i + 1, token), 'data-index': String(i) } })] : [],
      );
    this.rowLabels.replaceChildren(...labels('query'));
    this.colLabels.replaceChildren(...labels('key'));
  }

  /** Centres each label on its row or column; the label boxes size the axes. */
  private positionLabels(): void {
    const n = this.data!.tokens.length;
    const size = `${this.cell * n}px`;
    let widest = 0;
    let tallest = 0;
    for (const label of this.rowLabels.children as HTMLCollectionOf<HTMLElement>) {
      label.style.top = `${(Number(label.dataset.index) + 0.5) * this.cell}px`;
      widest = Math.max(widest, label.offsetWidth);
    }
    for (const label of this.colLabels.children as HTMLCollectionOf<HTMLElement>) {
      label.style.left = `${(Number(label.dataset.index) + 0.5) * this.cell}px`;
      tallest = Math.max(tallest, label.offsetHeight);
    }
    this.rowLabels.style.width = `${Math.ceil(widest)}px`;
    this.rowLabels.style.height = size;
    this.colLabels.style.height = `${Math.ceil(tallest)}px`;
    this.colLabels.style.width = size;
  }

  private draw(): void {
    const data = this.data;
    const ctx = this.canvas.getContext('2d');
    if (!data || !ctx) return;
    const n = data.tokens.length;
    const edges = cellEdges(n, this.canvas.width);
    const background = themeColor('--vscode-editor-background', '#ffffff');
    // A hairline between cells once they are big enough for it to read as a grid, not as noise.
    const gap = this.cell >= 16 ? Math.max(1, Math.round(devicePixelRatio || 1)) : 0;
    // Pixels written directly: 65,536 fillRects with parsed colour strings take a noticeable
    // fraction of a second at 256 tokens; this takes a few milliseconds.
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, 1, 1);
    const backgroundPixel = new Uint32Array(ctx.getImageData(0, 0, 1, 1).data.buffer)[0];
    const width = this.canvas.width;
    const image = ctx.createImageData(width, this.canvas.height);
    const pixels = new Uint32Array(image.data.buffer);
    pixels.fill(backgroundPixel);
    for (let q = 0; q < n; q++) {
      const y0 = edges[q];
      const y1 = edges[q + 1] - gap;
      for (let k = 0; k < n; k++) {
        if (data.isMasked(q, k)) continue;
        const pixel = PIXELS[weightLevel(data.values[q * n + k], data.max)];
        const x0 = edges[k];
        const x1 = edges[k + 1] - gap;
        for (let y = y0; y < y1; y++) pixels.fill(pixel, y * width + x0, y * width + x1);
      }
    }
    ctx.putImageData(image, 0, 0);
    const pattern = ctx.createPattern(maskedPattern(themeColor('--vscode-descriptionForeground', '#808080'), background), 'repeat');
    if (pattern) {
      ctx.fillStyle = pattern;
      for (let q = 0; q < n; q++) {
        for (let k = 0; k < n; k++) {
          if (data.isMasked(q, k)) ctx.fillRect(edges[k], edges[q], edges[k + 1] - edges[k] - gap, edges[q + 1] - edges[q] - gap);
        }
      }
    }
    if (this.cell >= VALUE_TEXT_MIN_CELL) this.drawValues(ctx, edges);
  }

  private drawValues(ctx: CanvasRenderingContext2D, edges: Int32Array): void {
    const data = this.data!;
    const n = data.tokens.length;
    const dpr = devicePixelRatio || 1;
    ctx.font = `${Math.round(11 * dpr)}px ${themeColor('--vscode-editor-font-family', 'monospace')}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let q = 0; q < n; q++) {
      for (let k = 0; k < n; k++) {
        if (data.isMasked(q, k)) continue;
        const color = weightColor(data.values[q * n + k], data.max);
        ctx.fillStyle = luminance(color) > 0.3 ? '#000000' : '#ffffff';
        ctx.fillText(data.values[q * n + k].toFixed(2), (edges[k] + edges[k + 1]) / 2, (edges[q] + edges[q + 1]) / 2);
      }
    }
  }

  private listen(): void {
    this.canvas.addEventListener('pointermove', (event) => {
      const size = this.canvas.clientWidth;
      const n = this.data?.tokens.length ?? 0;
      const key = cellIndex(event.offsetX, size, n);
      const query = cellIndex(event.offsetY, size, n);
      if (key === undefined || query === undefined) this.deactivate();
      else this.activate(query, key, { x: event.clientX, y: event.clientY });
    });
    this.canvas.addEventListener('pointerleave', () => {
      if (document.activeElement !== this.canvas) this.deactivate();
    });
    this.canvas.addEventListener('click', (event) => {
      const size = this.canvas.clientWidth;
      const n = this.data?.tokens.length ?? 0;
      const key = cellIndex(event.offsetX, size, n);
      const query = cellIndex(event.offsetY, size, n);
      if (key !== undefined && query !== undefined) this.onSelect?.(query, key);
    });
    this.canvas.addEventListener('focus', () => this.activate(this.active?.query ?? 0, this.active?.key ?? 0, 'cell'));
    this.canvas.addEventListener('blur', () => this.deactivate());
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
  }

  private onKey(event: KeyboardEvent): void {
    const n = this.data?.tokens.length ?? 0;
    if (!this.active || n === 0) return;
    let { query, key } = this.active;
    switch (event.key) {
      case 'ArrowUp': query = Math.max(0, query - 1); break;
      case 'ArrowDown': query = Math.min(n - 1, query + 1); break;
      case 'ArrowLeft': key = Math.max(0, key - 1); break;
      case 'ArrowRight': key = Math.min(n - 1, key + 1); break;
      case 'Home': key = 0; break;
      case 'End': key = n - 1; break;
      case 'Escape': this.deactivate(); return;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.onSelect?.(query, key);
        return;
      default: return;
    }
    event.preventDefault();
    this.activate(query, key, 'cell');
  }

  /** Puts the cursor on a cell, marks its labels and shows its tooltip at `at` (or by the cell). */
  private activate(query: number, key: number, at: { x: number; y: number } | 'cell' | 'keep'): void {
    const data = this.data;
    if (!data) return;
    const n = data.tokens.length;
    query = Math.min(query, n - 1);
    key = Math.min(key, n - 1);
    this.active = { query, key };
    const cell = this.cell;
    this.cursor.hidden = false;
    this.cursor.style.transform = `translate(${key * cell}px, ${query * cell}px)`;
    this.cursor.style.width = `${cell}px`;
    this.cursor.style.height = `${cell}px`;
    for (const [labels, index] of [[this.rowLabels, query], [this.colLabels, key]] as const) {
      for (const label of labels.children as HTMLCollectionOf<HTMLElement>) label.classList.toggle('active', Number(label.dataset.index) === index);
    }
    const info: CellInfo = {
      query: data.tokens[query],
      queryIndex: query,
      key: data.tokens[key],
      keyIndex: key,
      weight: data.values[query * n + key],
      masked: data.isMasked(query, key),
    };
    if (at === 'keep' && this.tooltip.element.hidden) return;
    const box = this.cursor.getBoundingClientRect();
    const point = typeof at === 'object' ? at : { x: box.right, y: box.bottom };
    this.tooltip.show(info, point.x, point.y);
    if (at !== 'keep' && typeof at !== 'object') {
      this.live.textContent = info.masked
        ? t('maskedCellAnnouncement', info.query, query + 1, info.key, key + 1)
        : t('cellAnnouncement', info.query, query + 1, info.key, key + 1, formatWeight(info.weight));
    }
  }

  private deactivate(): void {
    this.cursor.hidden = true;
    this.tooltip.hide();
    for (const label of this.matrix.querySelectorAll('.label.active')) label.classList.remove('active');
  }
}
