/**
 * A matrix of any size as coloured cells: a canvas only as big as the visible part (a spacer the
 * size of the whole matrix gives the scroll bars their range), labels on sticky axes where they fit,
 * zoom, a tooltip and a keyboard cursor with the exact value, highlighted rows/columns/cell, a
 * legend, and a paged table of every value for screen readers. X, Wq, Q, Kᵀ, scores, weights and
 * Z of the steps view are each one of these.
 */
import { el, themeColor } from '../shared/dom';
import { t } from '../attention/l10n';
import { maxAbsValue, mix, pixelScale, toPixel, type PixelScale, type ThemeColors } from './matrixColors';
import { CANVAS_PAD, clampCell, defaultCellSize, deviceEdges, fitCellSize, formatExact, formatValue, labelStride, moveCursor, visibleRange, zoomInStep, zoomOutStep, MAX_CELL, MIN_CELL, type Position } from './matrixGeometry';
import { cssRgb, MatrixLegend } from './matrixLegend';
import { MatrixTable } from './matrixTable';

export interface MatrixSpec {
  /** Row-major. */
  readonly matrix: { readonly rows: number; readonly cols: number; readonly data: Float64Array | Float32Array | readonly number[] };
  /** One per row, e.g. tokens; shown as text. */
  readonly rowLabels: readonly string[];
  /** One per column, e.g. "d0" … "d511", or tokens. */
  readonly colLabels: readonly string[];
  /** What rows are, e.g. "token" (tooltips, table headers). */
  readonly rowAxis: string;
  /** What columns are, e.g. "dimension" or "key token". */
  readonly colAxis: string;
  /** Accessible name and table caption, e.g. "X, 4 × 512". */
  readonly label: string;
  /** 'signed': diverging around 0, ends at ±max |value|; 'unit': 0…1 on viridis. */
  readonly scale: 'signed' | 'unit';
  /** Cells drawn hatched, their value shown as maskedText (e.g. "−∞" or "0 (masked)"). */
  readonly masked?: (row: number, col: number) => boolean;
  readonly maskedText?: string;
}

export interface MatrixHighlight {
  readonly rows?: readonly number[];
  readonly cols?: readonly number[];
  readonly cell?: { readonly row: number; readonly col: number };
}

export interface MatrixViewOptions {
  readonly onSelect?: (row: number, col: number) => void;
}

const PAD = CANVAS_PAD;
/** Labels' font size and the room a label needs across its axis (CSS px). */
const LABEL_FONT = 11;
const LABEL_LINE = 14;
/** Cells at least this big get a background hairline between them, so they read as a grid. */
const GRID_LINES_FROM = 12;
/** Row labels and column labels are cut (with an ellipsis) past these lengths. */
const MAX_ROW_LABEL = 140;
const MAX_COL_LABEL = 90;

let instances = 0;

/** Cells [row0, row1) × [col0, col1). */
type Band = readonly [number, number, number, number];

interface DrawTheme {
  readonly colors: ThemeColors;
  readonly scale: PixelScale;
  /** Pixels, as written into ImageData. */
  readonly background: number;
  readonly hatch: number;
  /** CSS colours, for the outlines. */
  readonly focus: string;
  readonly cursor: string;
}

export class MatrixView {
  readonly element: HTMLElement;
  private readonly rows: number;
  private readonly cols: number;
  private readonly maxAbs: number;
  private readonly scroller = el('div', { className: 'mv-scroller' });
  private readonly grid = el('div', { className: 'mv-grid' });
  private readonly rowLabelBox = el('div', { className: 'mv-row-labels', attrs: { 'aria-hidden': 'true' } });
  private readonly colLabelBox = el('div', { className: 'mv-col-labels', attrs: { 'aria-hidden': 'true' } });
  private readonly body = el('div', { className: 'mv-body' });
  private readonly canvas = el('canvas', { className: 'mv-canvas', attrs: { tabindex: '0', role: 'application' } });
  private readonly tooltip = el('div', { className: 'tooltip mv-tooltip', attrs: { role: 'tooltip' } });
  private readonly live = el('p', { className: 'sr-only', attrs: { 'aria-live': 'polite' } });
  private readonly zoomOut = button('−', t('matrixZoomOut'));
  private readonly zoomIn = button('+', t('matrixZoomIn'));
  private readonly zoomFit = button(t('matrixZoomFit'), t('matrixZoomFitTitle'));
  private readonly sizeText = el('span', { className: 'mv-size muted' });
  private readonly tableToggle = el('button', { className: 'mv-button mv-table-toggle', text: t('matrixShowTable'), attrs: { type: 'button', 'aria-pressed': 'false' } });
  private readonly legend: MatrixLegend;
  private readonly resizeObserver: ResizeObserver;
  private table?: MatrixTable;
  private cell = 0;
  private zoomed = false;
  private rowLabelWidth = 0;
  private colLabelHeight = 0;
  /** The cell shown in the tooltip: the one under the pointer, else the keyboard's. */
  private cursor?: Position;
  /** Where the keyboard left off (moves, clicks): hovering elsewhere does not move it. */
  private anchor?: Position;
  private cursorShown = false;
  private marks = { rows: new Set<number>(), cols: new Set<number>(), cell: undefined as Position | undefined, source: {} as MatrixHighlight };
  private theme?: DrawTheme;
  private lastWidth = -1;
  private image?: ImageData;

  constructor(
    private readonly spec: MatrixSpec,
    private readonly options: MatrixViewOptions = {},
  ) {
    const { rows, cols, data } = spec.matrix;
    if (data.length !== rows * cols) throw new Error(`A ${rows} × ${cols} matrix needs ${rows * cols} values, not ${data.length}.`);
    this.rows = rows;
    this.cols = cols;
    this.maxAbs = spec.scale === 'signed' ? maxAbsValue(data, cols, spec.masked) : 1;
    const id = `mv-tooltip-${++instances}`;
    this.tooltip.id = id;
    this.tooltip.hidden = true;
    this.canvas.setAttribute('aria-label', t('matrixCanvasLabel', spec.label));
    this.canvas.setAttribute('aria-describedby', id);
    this.sizeText.setAttribute('aria-live', 'polite');
    const corner = el('div', { className: 'mv-corner', attrs: { 'aria-hidden': 'true' } }, [
      el('span', { text: `${spec.colAxis} →` }),
      el('span', { text: `${spec.rowAxis} ↓` }),
    ]);
    this.body.append(this.canvas);
    this.grid.append(corner, this.colLabelBox, this.rowLabelBox, this.body);
    this.scroller.append(this.grid);
    this.legend = new MatrixLegend(spec.scale, this.maxAbs, spec.masked ? (spec.maskedText ?? t('matrixMasked')) : undefined);
    const toolbar = el('div', { className: 'mv-toolbar' }, [this.zoomOut, this.zoomIn, this.zoomFit, this.sizeText, this.tableToggle]);
    this.element = el('figure', { className: 'mv', attrs: { 'aria-label': spec.label } }, [toolbar, this.scroller, this.legend.element, this.live]);
    document.body.append(this.tooltip);
    this.measureLabels();
    this.resizeObserver = new ResizeObserver(() => {
      // A new width may change the cell size; a new height only what of the matrix is in view.
      if (this.scroller.clientWidth !== this.lastWidth) this.layout();
      else if (this.cell > 0) this.applySize();
    });
    this.resizeObserver.observe(this.scroller);
    this.listen();
  }

  highlight(h: MatrixHighlight): void {
    this.marks = { rows: new Set(h.rows ?? []), cols: new Set(h.cols ?? []), cell: h.cell, source: h };
    this.table?.setHighlight(h);
    this.draw();
  }

  repaint(): void {
    this.theme = undefined;
    this.currentTheme();
    this.draw();
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.tooltip.remove();
  }

  /** Row label column and column label row sized for the longest label (within limits). */
  private measureLabels(): void {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return;
    ctx.font = `${LABEL_FONT}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
    const widest = (labels: readonly string[]) => labels.reduce((max, label) => Math.max(max, ctx.measureText(label).width), 0);
    this.rowLabelWidth = Math.ceil(Math.min(MAX_ROW_LABEL, widest(this.spec.rowLabels)) + 10);
    this.colLabelHeight = Math.ceil(Math.min(MAX_COL_LABEL, widest(this.spec.colLabels)) + 10);
    this.grid.style.setProperty('--mv-row-label-width', `${this.rowLabelWidth}px`);
    this.grid.style.setProperty('--mv-col-label-height', `${this.colLabelHeight}px`);
  }

  /** The first layout once the view is in the document, and each one after the width changes. */
  private layout(): void {
    this.lastWidth = this.scroller.clientWidth;
    if (this.lastWidth === 0) return;
    if (!this.zoomed || this.cell === 0) this.cell = defaultCellSize(this.cols, this.lastWidth - this.rowLabelWidth - 2 * PAD);
    this.applySize();
  }

  /** Sizes the spacer to the whole matrix and the canvas to what of it the scroller shows. */
  private applySize(): void {
    const width = this.cols * this.cell + 2 * PAD;
    const height = this.rows * this.cell + 2 * PAD;
    this.grid.style.setProperty('--mv-body-width', `${width}px`);
    this.grid.style.setProperty('--mv-body-height', `${height}px`);
    this.element.dataset.cellSize = String(this.cell);
    this.sizeText.textContent = t('matrixCellSize', Number(this.cell.toFixed(1)));
    this.zoomIn.disabled = this.cell >= MAX_CELL;
    this.zoomOut.disabled = this.cell <= MIN_CELL;
    const dpr = devicePixelRatio || 1;
    const viewWidth = Math.max(0, Math.min(width, this.scroller.clientWidth - this.rowLabelWidth));
    const viewHeight = Math.max(0, Math.min(height, this.scroller.clientHeight - this.colLabelHeight));
    // Whole device pixels, and the CSS size that maps onto them exactly: crisp at any ratio.
    this.canvas.width = Math.round(viewWidth * dpr);
    this.canvas.height = Math.round(viewHeight * dpr);
    this.canvas.style.width = `${this.canvas.width / dpr}px`;
    this.canvas.style.height = `${this.canvas.height / dpr}px`;
    this.draw();
  }

  /** The canvas's top-left in the spacer's CSS px: where the sticky canvas sits after scrolling. */
  private origin(): { x: number; y: number } {
    const canvas = this.canvas.getBoundingClientRect();
    const body = this.body.getBoundingClientRect();
    return { x: canvas.left - body.left - PAD, y: canvas.top - body.top - PAD };
  }

  /** The theme's colours, read once per theme (repaint() forgets them); the legend follows. */
  private currentTheme(): DrawTheme {
    if (!this.theme) {
      this.theme = this.resolveTheme();
      this.legend.paint(this.theme.colors);
    }
    return this.theme;
  }

  private resolveTheme(): DrawTheme {
    const background = cssRgb(themeColor('--vscode-editor-background', '#ffffff'));
    const foreground = cssRgb(themeColor('--vscode-editor-foreground', '#1f1f1f'));
    const colors: ThemeColors = { background, foreground, highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light') };
    const hatchLine = cssRgb(themeColor('--vscode-descriptionForeground', '#808080'));
    return {
      colors,
      scale: pixelScale(this.spec.scale, this.maxAbs, colors),
      background: toPixel(background),
      hatch: toPixel(mix(background, hatchLine, 0.45)),
      focus: themeColor('--vscode-focusBorder', '#0078d4'),
      cursor: themeColor('--vscode-editor-foreground', '#000000'),
    };
  }

  private draw(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx || this.cell === 0 || this.canvas.width === 0 || this.canvas.height === 0) return;
    const theme = this.currentTheme();
    const dpr = devicePixelRatio || 1;
    const { x: ox, y: oy } = this.origin();
    const width = this.canvas.width;
    const height = this.canvas.height;
    const [c0, c1] = visibleRange(ox, width / dpr, this.cell, this.cols);
    const [r0, r1] = visibleRange(oy, height / dpr, this.cell, this.rows);
    const xs = deviceEdges(c0, c1, this.cell, ox, dpr, width);
    const ys = deviceEdges(r0, r1, this.cell, oy, dpr, height);
    const gap = this.cell >= GRID_LINES_FROM ? 1 : 0;
    // One ImageData per canvas size, reused by every scroll's redraw.
    if (this.image?.width !== width || this.image.height !== height) this.image = ctx.createImageData(width, height);
    const image = this.image;
    const pixels = new Uint32Array(image.data.buffer);
    pixels.fill(theme.background);
    const { data, cols } = this.spec.matrix;
    const masked = this.spec.masked;
    // Hatching in canvas coordinates shifted by the scroll, so it does not crawl while scrolling.
    const period = Math.max(4, Math.round(6 * dpr));
    const shift = Math.round((ox + oy) * dpr);
    for (let r = r0; r < r1; r++) {
      const y0 = ys[r - r0];
      const y1 = Math.max(y0, ys[r - r0 + 1] - gap);
      if (y1 <= y0) continue;
      let rowHasMask = false;
      for (let c = c0; c < c1; c++) {
        const x0 = xs[c - c0];
        const x1 = Math.max(x0, xs[c - c0 + 1] - gap);
        if (masked?.(r, c)) {
          rowHasMask = true;
          for (let y = y0; y < y1; y++) {
            for (let x = x0; x < x1; x++) pixels[y * width + x] = (x + y + shift) % period < Math.max(1, dpr) ? theme.hatch : theme.background;
          }
        } else {
          pixels.fill(theme.scale.pixel(data[r * cols + c]), y0 * width + x0, y0 * width + x1);
        }
      }
      // One device row computed, the rest of the cell row copied: cheap even for 1 px cells.
      if (!rowHasMask) for (let y = y0 + 1; y < y1; y++) pixels.copyWithin(y * width, y0 * width, (y0 + 1) * width);
      else {
        for (let y = y0 + 1; y < y1; y++) {
          for (let c = c0; c < c1; c++) {
            if (masked?.(r, c)) continue;
            pixels.copyWithin(y * width + xs[c - c0], y0 * width + xs[c - c0], y0 * width + Math.max(xs[c - c0], xs[c - c0 + 1] - gap));
          }
        }
      }
    }
    ctx.putImageData(image, 0, 0);
    this.drawOutlines(ctx, ox, oy, dpr, theme);
    this.rowLabelBox.replaceChildren(...this.labels('row', r0, r1));
    this.colLabelBox.replaceChildren(...this.labels('col', c0, c1));
  }

  /**
   * Highlighted rows, columns and cell framed in the focus colour, the cursor in the text colour:
   * outside the cells, so their colours stay visible, with a background-coloured line on each
   * side, so the frame stands out even from cells of its own hue (the light theme's focus blue
   * next to the signed scale's blue end).
   */
  private drawOutlines(ctx: CanvasRenderingContext2D, ox: number, oy: number, dpr: number, theme: DrawTheme): void {
    const cell = this.cell;
    const background = `rgb(${theme.colors.background.join(',')})`;
    /** A frame `width` CSS px wide, starting `gap` px outside cells [row0, row1) × [col0, col1). */
    const frame = ([row0, col0, row1, col1]: Band, gap: number, width: number, color: string) => {
      const x0 = Math.round((col0 * cell - ox - gap) * dpr);
      const x1 = Math.round((col1 * cell - ox + gap) * dpr);
      const y0 = Math.round((row0 * cell - oy - gap) * dpr);
      const y1 = Math.round((row1 * cell - oy + gap) * dpr);
      const w = Math.max(1, Math.round(width * dpr));
      ctx.fillStyle = color;
      ctx.fillRect(x0 - w, y0 - w, x1 - x0 + 2 * w, w);
      ctx.fillRect(x0 - w, y1, x1 - x0 + 2 * w, w);
      ctx.fillRect(x0 - w, y0, w, y1 - y0);
      ctx.fillRect(x1, y0, w, y1 - y0);
    };
    const bands: Band[] = [
      ...[...this.marks.rows].filter((r) => r >= 0 && r < this.rows).map((r): Band => [r, 0, r + 1, this.cols]),
      ...[...this.marks.cols].filter((c) => c >= 0 && c < this.cols).map((c): Band => [0, c, this.rows, c + 1]),
      ...(this.marks.cell ? [[this.marks.cell.row, this.marks.cell.col, this.marks.cell.row + 1, this.marks.cell.col + 1] as Band] : []),
    ];
    // Every halo first: one band's halo must not cut through another band's frame.
    for (const band of bands) {
      frame(band, 0, 1, background);
      frame(band, 3, 1, background);
    }
    for (const band of bands) frame(band, 1, 2, theme.focus);
    if (this.cursor && this.cursorShown) {
      const { row, col } = this.cursor;
      frame([row, col, row + 1, col + 1], 2, 1, background);
      frame([row, col, row + 1, col + 1], 0, 2, theme.cursor);
    }
  }

  /** Labels of the visible rows or columns only: every stride-th where cells are thin, plus the cursor's and the highlighted ones. */
  private labels(axis: 'row' | 'col', start: number, end: number): HTMLElement[] {
    const texts = axis === 'row' ? this.spec.rowLabels : this.spec.colLabels;
    const name = axis === 'row' ? this.spec.rowAxis : this.spec.colAxis;
    const stride = labelStride(this.cell, LABEL_LINE);
    const marked = axis === 'row' ? this.marks.rows : this.marks.cols;
    const active = this.cursorShown && this.cursor ? (axis === 'row' ? this.cursor.row : this.cursor.col) : -1;
    const special = new Set([...marked, active, ...(this.marks.cell ? [axis === 'row' ? this.marks.cell.row : this.marks.cell.col] : [])]);
    const first = Math.ceil(start / stride) * stride;
    const shown = new Set<number>();
    for (let i = first; i < end; i += stride) shown.add(i);
    for (const i of special) if (i >= start && i < end) shown.add(i);
    return [...shown].sort((a, b) => a - b).map((i) => {
      const text = texts[i] ?? String(i + 1);
      const label = el('span', { className: 'mv-label', text, attrs: { title: t('matrixLabelTitle', name, i + 1, text) } });
      if (special.has(i) && i !== active) label.classList.add('mv-label-marked');
      if (i === active) label.classList.add('mv-label-active');
      // Stride labels may sit next to a special one: the special one is drawn on top.
      if (special.has(i)) label.classList.add('mv-label-front');
      const centre = `${PAD + (i + 0.5) * this.cell}px`;
      if (axis === 'row') label.style.top = centre;
      else label.style.left = centre;
      return label;
    });
  }

  private listen(): void {
    this.scroller.addEventListener('scroll', () => {
      this.draw();
      if (this.cursorShown && !this.tooltip.hidden && document.activeElement === this.canvas) this.showTooltip('cell');
    }, { passive: true });
    this.scroller.addEventListener('wheel', (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      this.zoomTo(this.cell * Math.exp(-event.deltaY * 0.002), { x: event.clientX, y: event.clientY });
    }, { passive: false });
    this.zoomIn.addEventListener('click', () => this.zoomTo(zoomInStep(this.cell)));
    this.zoomOut.addEventListener('click', () => this.zoomTo(zoomOutStep(this.cell)));
    this.zoomFit.addEventListener('click', () => {
      const height = Math.min(innerHeight * 0.7, this.scroller.clientHeight || innerHeight * 0.7);
      this.zoomTo(fitCellSize(this.rows, this.cols, this.scroller.clientWidth - this.rowLabelWidth - 2 * PAD, height - this.colLabelHeight - 2 * PAD));
    });
    this.tableToggle.addEventListener('click', () => this.toggleTable());
    this.canvas.addEventListener('pointermove', (event) => {
      const at = this.cellAt(event.clientX, event.clientY);
      if (!at) return this.hideCursor();
      this.setCursor(at);
      this.showTooltip({ x: event.clientX, y: event.clientY });
    });
    this.canvas.addEventListener('pointerleave', () => {
      if (document.activeElement !== this.canvas) return this.hideCursor();
      this.setCursor(this.anchor ?? this.cursor ?? { row: 0, col: 0 });
      this.showTooltip('cell');
    });
    this.canvas.addEventListener('click', (event) => {
      const at = this.cellAt(event.clientX, event.clientY);
      if (!at) return;
      this.anchor = at;
      this.setCursor(at);
      this.options.onSelect?.(at.row, at.col);
    });
    this.canvas.addEventListener('focus', () => {
      this.setCursor(this.anchor ?? this.marks.cell ?? { row: 0, col: 0 });
      this.scrollToCursor();
      this.showTooltip('cell');
      this.announce();
    });
    this.canvas.addEventListener('blur', () => this.hideCursor());
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.cursor) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.options.onSelect?.(this.cursor.row, this.cursor.col);
      return;
    }
    if (event.key === 'Escape') return this.tooltipHide();
    if (event.key === '+' || event.key === '=') return this.zoomTo(zoomInStep(this.cell));
    if (event.key === '-') return this.zoomTo(zoomOutStep(this.cell));
    const pageRows = Math.floor((this.scroller.clientHeight - this.colLabelHeight) / this.cell) - 1;
    const next = moveCursor(this.cursor, event.key, event.ctrlKey || event.metaKey, this.rows, this.cols, pageRows);
    if (!next) return;
    event.preventDefault();
    this.anchor = next;
    this.setCursor(next);
    this.scrollToCursor();
    this.showTooltip('cell');
    this.announce();
  }

  private cellAt(clientX: number, clientY: number): Position | undefined {
    const body = this.body.getBoundingClientRect();
    const col = Math.floor((clientX - body.left - PAD) / this.cell);
    const row = Math.floor((clientY - body.top - PAD) / this.cell);
    return row >= 0 && row < this.rows && col >= 0 && col < this.cols ? { row, col } : undefined;
  }

  private setCursor(at: Position): void {
    const changed = !this.cursorShown || this.cursor?.row !== at.row || this.cursor.col !== at.col;
    this.cursor = at;
    this.cursorShown = true;
    if (changed) this.draw();
  }

  private hideCursor(): void {
    this.tooltipHide();
    if (!this.cursorShown) return;
    this.cursorShown = false;
    this.draw();
  }

  private tooltipHide(): void {
    this.tooltip.hidden = true;
  }

  /** Scrolls the least that brings the cursor's cell into the part of the scroller the labels leave free. */
  private scrollToCursor(): void {
    if (!this.cursor) return;
    const s = this.scroller;
    const left = PAD + this.cursor.col * this.cell;
    const top = PAD + this.cursor.row * this.cell;
    const viewWidth = s.clientWidth - this.rowLabelWidth;
    const viewHeight = s.clientHeight - this.colLabelHeight;
    if (left < s.scrollLeft) s.scrollLeft = left - PAD;
    else if (left + this.cell > s.scrollLeft + viewWidth) s.scrollLeft = left + this.cell + PAD - viewWidth;
    if (top < s.scrollTop) s.scrollTop = top - PAD;
    else if (top + this.cell > s.scrollTop + viewHeight) s.scrollTop = top + this.cell + PAD - viewHeight;
    this.draw();
  }

  private zoomTo(wanted: number, anchor?: { x: number; y: number }): void {
    const cell = clampCell(wanted);
    if (cell === this.cell || this.cell === 0) return;
    const s = this.scroller;
    const body = this.body.getBoundingClientRect();
    const view = s.getBoundingClientRect();
    // The point under the pointer (or the view's centre) stays where it is.
    const ax = anchor ? anchor.x : view.left + this.rowLabelWidth + (s.clientWidth - this.rowLabelWidth) / 2;
    const ay = anchor ? anchor.y : view.top + this.colLabelHeight + (s.clientHeight - this.colLabelHeight) / 2;
    const cellX = (ax - body.left - PAD) / this.cell;
    const cellY = (ay - body.top - PAD) / this.cell;
    // Read before resizing: a smaller spacer clamps the scroll offsets.
    const { scrollLeft, scrollTop } = s;
    this.cell = cell;
    this.zoomed = true;
    this.applySize();
    s.scrollLeft = scrollLeft + PAD + cellX * cell - (ax - body.left);
    s.scrollTop = scrollTop + PAD + cellY * cell - (ay - body.top);
    this.draw();
  }

  private toggleTable(): void {
    const on = this.tableToggle.getAttribute('aria-pressed') !== 'true';
    this.tableToggle.setAttribute('aria-pressed', String(on));
    if (on && !this.table) {
      this.table = new MatrixTable(this.spec);
      this.table.setHighlight(this.marks.source);
      this.scroller.after(this.table.element);
    }
    this.table!.element.hidden = !on;
    this.scroller.hidden = on;
    for (const b of [this.zoomIn, this.zoomOut, this.zoomFit, this.sizeText]) b.hidden = on;
    this.tooltipHide();
    // Back from the table the scroller has its size again: lay out for it.
    if (!on) this.layout();
  }

  private value(at: Position): { text: string; exact?: string } {
    if (this.spec.masked?.(at.row, at.col)) return { text: this.spec.maskedText ?? t('matrixMasked') };
    const value = this.spec.matrix.data[at.row * this.cols + at.col];
    const text = formatValue(value);
    const exact = formatExact(value);
    return exact === text ? { text } : { text, exact };
  }

  private showTooltip(at: { x: number; y: number } | 'cell'): void {
    const cursor = this.cursor;
    if (!cursor) return;
    const { row, col } = cursor;
    const value = this.value(cursor);
    const line = (name: string, text: string, index: number) =>
      el('div', { className: 'tooltip-row' }, [el('span', { className: 'tooltip-name', text: name }), el('span', { className: 'tooltip-token', text }), el('span', { className: 'tooltip-index', text: `#${index + 1}` })]);
    this.tooltip.replaceChildren(
      line(this.spec.rowAxis, this.spec.rowLabels[row] ?? String(row + 1), row),
      line(this.spec.colAxis, this.spec.colLabels[col] ?? String(col + 1), col),
      el('div', { className: 'tooltip-row' }, [el('span', { className: 'tooltip-name', text: t('matrixValue') }), el('span', { className: 'tooltip-weight mv-value', text: value.text })]),
    );
    if (value.exact) this.tooltip.append(el('div', { className: 'tooltip-row' }, [el('span', { className: 'tooltip-name', text: t('matrixExact') }), el('span', { className: 'mv-exact', text: value.exact })]));
    this.tooltip.hidden = false;
    let point = at;
    if (point === 'cell') {
      const body = this.body.getBoundingClientRect();
      point = { x: body.left + PAD + (col + 1) * this.cell, y: body.top + PAD + (row + 1) * this.cell };
    }
    const margin = 12;
    const { width, height } = this.tooltip.getBoundingClientRect();
    const left = point.x + margin + width > innerWidth ? Math.max(0, point.x - margin - width) : point.x + margin;
    const top = point.y + margin + height > innerHeight ? Math.max(0, point.y - margin - height) : point.y + margin;
    // CSSOM, not a style attribute: the CSP's style-src allows it.
    this.tooltip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  private announce(): void {
    const cursor = this.cursor;
    if (!cursor) return;
    const { row, col } = cursor;
    this.live.textContent = t('matrixCellAnnouncement', this.spec.rowAxis, this.spec.rowLabels[row] ?? '', row + 1, this.spec.colAxis, this.spec.colLabels[col] ?? '', col + 1, this.value(cursor).text);
  }
}

function button(text: string, label: string): HTMLButtonElement {
  return el('button', { className: 'mv-button', text, attrs: { type: 'button', 'aria-label': label, title: label } });
}
