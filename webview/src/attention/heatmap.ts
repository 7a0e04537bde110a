/**
 * The attention heatmap: N×N cells (row = query token, column = key token) coloured on a viridis
 * scale, with the tokens as DOM text labels on both axes, a hover/keyboard cursor and its tooltip.
 * A long selection fits as a whole at first and can be zoomed (Ctrl/⌘+wheel around the pointer,
 * + − 0, the buttons) and panned (the wheel, the cursor keys, the minimap). The canvas is only as
 * big as the view and shows the visible cells at the current zoom (heatmapViewport.ts), each pixel
 * the largest weight of its block where cells are thinner than a device pixel (heatmapRaster.ts);
 * the tooltip and the announcement always give the exact weight of one cell. Crisp at any
 * devicePixelRatio; relaid out whenever the panel resizes. A long selection's data is an overview
 * of blocks plus exact tiles asked for when zoomed in (heatmapLong.ts): its tooltip then names the
 * block and its largest weight wherever no tile has the cell.
 */
import { luminance, weightColor } from './colorScale';
import { drawImageLabels, drawImageLegend, paintBackground, type ImageLegend } from './heatmapImage';
import { imageLayout } from './heatmapImageLayout';
import { el, themeColor } from '../shared/dom';
import { cellSize, labelFontPx, labelStride, ZOOM_MAX_CELL } from './heatmapGeometry';
import { LongHeatmap, type BlockInfo, type LongData } from './heatmapLong';
import { colorLevels, rasterize, type RasterTheme } from './heatmapRaster';
import { themePixels } from './rasterTheme';
import { cellAt, cellCentre, cellSpan, centredRange, centreOn, clampView, panBy, reveal, rowsPerPage, visibleRange, zoomAround, zoomStep, type Cell, type View } from './heatmapViewport';
import { Minimap, MINIMAP_CSS_PX } from './minimap';
import { t } from './l10n';
import { blockText, formatWeight, Tooltip, type CellInfo } from './tooltip';

export interface HeatmapData {
  readonly tokens: readonly string[];
  /** N×N row-major weights of what is shown (one head, or the heads' mean); a long selection's size × size overview. */
  readonly values: ArrayLike<number>;
  /** The top of the colour scale. */
  readonly max: number;
  readonly isMasked: (query: number, key: number) => boolean;
  /** Set for a long selection: `values` is then its overview, and exact weights come in tiles. */
  readonly long?: LongData;
}

/** Cells at least this wide (CSS px) also print their weight. */
const VALUE_TEXT_MIN_CELL = 40;
/** From this size (CSS px) a hairline separates cells, so they read as a grid, not as noise. */
const GRID_LINE_MIN_CELL = 16;
/** The zoom controls' and the minimap's column beside the matrix, with its gap (CSS px). */
const SIDE_WIDTH = MINIMAP_CSS_PX + 16;
/** Narrower than this beside the column (CSS px), the matrix takes the width and the column goes below. */
const MIN_MATRIX_BESIDE = 240;
/** Room after a label's text: the labels' padding (styles.css) and a pixel of rounding. */
const LABEL_PAD = 9;
/** Longest labels, in ems of their font (styles.css cuts them there with an ellipsis). */
const ROW_LABEL_MAX_EM = 11;
const COL_LABEL_MAX_EM = 9;
/** Ctrl+wheel: the zoom factor is exp(−deltaY × this), deltaY in CSS px (a notch is about 100). */
const WHEEL_ZOOM = 0.004;
const WHEEL_LINE_PX = 16;
/** The cursor and the selection mark stay this visible (CSS px) on cells thinner than that. */
const MIN_MARK = 6;

export class Heatmap {
  readonly element: HTMLElement;
  private readonly matrix = el('div', { className: 'matrix' });
  private readonly colLabels = el('div', { className: 'col-labels', attrs: { 'aria-label': t('keyTokensLabel') } });
  private readonly rowLabels = el('div', { className: 'row-labels', attrs: { 'aria-label': t('queryTokensLabel') } });
  private readonly canvas = el('canvas', { className: 'cells', attrs: { tabindex: '0', role: 'img' } });
  private readonly cursor = el('div', { className: 'cell-cursor' });
  /** The selected cell, whose arithmetic is shown: it stays marked while the cursor moves on. */
  private readonly selectedMark = el('div', { className: 'cell-selected', attrs: { 'aria-hidden': 'true' } });
  private readonly live = el('p', { className: 'sr-only', attrs: { 'aria-live': 'polite' } });
  private readonly hint = el('p', { className: 'sr-only', text: t('heatmapZoomHint'), attrs: { id: 'heatmap-zoom-hint' } });
  private readonly tooltip = new Tooltip();
  private readonly zoomOut = zoomButton('−', t('heatmapZoomOut'), 'out');
  private readonly zoomIn = zoomButton('+', t('heatmapZoomIn'), 'in');
  private readonly zoomFit = zoomButton(t('heatmapZoomFit'), t('heatmapZoomFitTitle'), 'fit');
  private readonly zoomLevel = el('span', { className: 'heatmap-zoom-level' });
  private readonly range = el('p', { className: 'heatmap-range' });
  private readonly minimap = new Minimap((fx, fy) => this.view && this.setView(centreOn(this.view, fx, fy)));
  private readonly side: HTMLElement;
  private readonly body: HTMLElement;
  private readonly resizeObserver: ResizeObserver;
  private readonly labels = { query: new Map<number, HTMLElement>(), key: new Map<number, HTMLElement>() };
  private data?: HeatmapData;
  /** A long selection's overview and tiles (while the data is one). */
  private long?: LongHeatmap;
  private view?: View;
  /** The zoom (View.total) at which the whole matrix fits, and the largest. */
  private fit = 0;
  private maxTotal = 0;
  private dpr = 1;
  private themeFont = 13;
  private lastWidth = -1;
  private theme?: RasterTheme;
  private image?: ImageData;
  private imagePixels?: Uint32Array;
  private levelsOf?: { readonly data: HeatmapData; readonly levels: Uint16Array };
  /** The tokens' widest label, per px of font (measured once per analysis). */
  private labelWidths?: { readonly tokens: readonly string[]; readonly row: number; readonly col: number };
  /** The cell under the pointer or the keyboard's; shown (cursor, tooltip) or not. */
  private active?: Cell;
  private cursorShown = false;
  /** Where the tooltip was put: by the pointer, or by the cursor's cell (it follows the view). */
  private tooltipAt: { x: number; y: number } | 'cell' = 'cell';
  private selected?: Cell;

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
    const controls = el('div', { className: 'heatmap-zoom', attrs: { role: 'group', 'aria-label': t('heatmapZoomLabel') } }, [this.zoomOut, this.zoomIn, this.zoomFit, this.zoomLevel]);
    this.side = el('div', { className: 'heatmap-side' }, [controls, this.minimap.element, this.range]);
    this.side.hidden = true; // until the matrix is large enough to zoom
    this.body = el('div', { className: 'heatmap-body' }, [this.matrix, this.side]);
    this.element = el('figure', { className: 'heatmap' }, [this.body, this.live, this.hint]);
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
    if (data.long) {
      if (!this.long) {
        this.long = new LongHeatmap(() => this.tilesChanged());
        this.side.append(this.long.status);
      }
      this.long.setData({ n: data.tokens.length, values: data.values, max: data.max, isMasked: data.isMasked, long: data.long });
    } else if (this.long) {
      this.long.dispose();
      this.long.status.remove();
      this.long = undefined;
      delete this.element.dataset.weights;
    }
    this.canvas.setAttribute('aria-label', t('canvasLabel', data.tokens.length));
    this.minimap.invalidate();
    if (sameTokens && this.view) {
      this.setView(this.view); // another head of the same tokens: the same view, redrawn
    } else {
      this.view = undefined;
      this.labels.query.clear();
      this.labels.key.clear();
      this.layout();
    }
    if (this.active) this.activate(this.active.query, this.active.key, 'keep');
  }

  /** Marks the selected cell (undefined: none). */
  select(cell: Cell | undefined): void {
    this.selected = cell;
    this.place(this.selectedMark, cell);
  }

  dispose(): void {
    this.long?.dispose();
    this.resizeObserver.disconnect();
    this.tooltip.element.remove();
  }

  /** Redraws with the current theme's colours (the body's theme class changed). */
  redraw(): void {
    this.theme = undefined;
    this.minimap.invalidate();
    if (this.view) this.setView(this.view);
  }

  /** Sizes cells, labels and canvas to the panel (keeping the zoom and what is in view), then draws. */
  layout(): void {
    const data = this.data;
    if (!data) return;
    this.lastWidth = this.element.clientWidth;
    if (this.lastWidth === 0) return; // hidden (the other tab): laid out when it shows
    const n = data.tokens.length;
    const dpr = devicePixelRatio || 1;
    this.themeFont = parseFloat(getComputedStyle(document.body).fontSize) || 13;
    // The label axes are sized for the longest token at the largest font zooming gives, so
    // zooming and panning never move the matrix.
    const boxes = this.labelBoxes(this.themeFont);
    this.rowLabels.style.width = `${boxes.row}px`;
    this.colLabels.style.height = `${boxes.col}px`;
    const availableHeight = Math.max(260, innerHeight * 0.9 - boxes.col);
    const room = this.lastWidth - boxes.row - 8;
    const beside = room - SIDE_WIDTH >= MIN_MATRIX_BESIDE;
    let cell = cellSize(n, beside ? room - SIDE_WIDTH : room, availableHeight);
    const zoomable = n > 0 && cell < ZOOM_MAX_CELL;
    if (!zoomable) cell = cellSize(n, room, availableHeight);
    // Whole device pixels for the canvas, and the CSS size that maps onto them exactly.
    const fit = Math.max(1, Math.round(n * cell * dpr));
    const maxTotal = Math.max(fit, Math.round(n * ZOOM_MAX_CELL * dpr));
    if (this.canvas.width !== fit || this.canvas.height !== fit) {
      this.canvas.width = fit;
      this.canvas.height = fit;
    }
    const cssSize = `${fit / dpr}px`;
    this.canvas.style.width = cssSize;
    this.canvas.style.height = cssSize;
    this.rowLabels.style.height = cssSize;
    this.colLabels.style.width = cssSize;
    this.side.hidden = !zoomable;
    this.body.classList.toggle('side-below', !beside);
    this.canvas.setAttribute('aria-describedby', zoomable ? 'heatmap-tooltip heatmap-zoom-hint' : 'heatmap-tooltip');
    // A resize keeps the zoom (relative to the fit) and the centre of the view.
    const old = this.view;
    let view: View = { n, total: fit, width: fit, height: fit, x: 0, y: 0 };
    if (old && old.n === n && this.fit > 0 && old.total > this.fit) {
      const total = zoomStep(fit, old.total / this.fit, fit, maxTotal);
      view = centreOn({ ...view, total }, (old.x + old.width / 2) / old.total, (old.y + old.height / 2) / old.total);
    }
    this.fit = fit;
    this.maxTotal = maxTotal;
    this.dpr = dpr;
    this.theme = undefined;
    this.minimap.invalidate();
    this.setView(view);
  }

  /** The row labels' width and the column labels' height (CSS px) that the longest token needs at `font` px. */
  private labelBoxes(font: number): { row: number; col: number } {
    const tokens = this.data!.tokens;
    if (this.labelWidths?.tokens !== tokens) {
      const ctx = document.createElement('canvas').getContext('2d');
      let row = 0;
      let col = 0;
      if (ctx) {
        ctx.font = `100px ${getComputedStyle(this.rowLabels).fontFamily || 'sans-serif'}`;
        for (const token of tokens) {
          const width = ctx.measureText(token).width;
          row = Math.max(row, width);
          // Upright on the vertical axis, each character takes a line: about an em.
          col = Math.max(col, isUpright(token) ? [...token].length * 100 : width);
        }
      }
      this.labelWidths = { tokens, row: row / 100, col: col / 100 };
    }
    const { row, col } = this.labelWidths;
    return { row: Math.ceil(Math.min(ROW_LABEL_MAX_EM, row) * font) + LABEL_PAD, col: Math.ceil(Math.min(COL_LABEL_MAX_EM, col) * font) + LABEL_PAD };
  }

  /** Shows `next` (clamped to the matrix): cells, labels, cursor, selection, controls, minimap. */
  private setView(next: View): void {
    const view = clampView(next);
    this.view = view;
    this.element.dataset.zoom = String(view.total / this.fit);
    this.draw();
    this.renderLabels();
    this.place(this.cursor, this.cursorShown ? this.active : undefined);
    this.place(this.selectedMark, this.selected);
    this.updateControls();
    if (this.long) {
      this.long.viewChanged(view);
      this.element.dataset.weights = this.long.state;
    }
    if (this.cursorShown && this.tooltipAt === 'cell' && !this.tooltip.element.hidden) {
      if (this.cursor.hidden) this.tooltip.hide();
      else this.showTooltip('cell');
    }
  }

  /** A tile arrived (or failed): drawn, and the tooltip of a cell it has made exact. */
  private tilesChanged(): void {
    if (!this.view || !this.long) return;
    this.element.dataset.weights = this.long.state;
    this.draw();
    if (this.cursorShown && !this.tooltip.element.hidden) this.showTooltip(this.tooltipAt);
  }

  /** The shown weights as colour levels (heatmapRaster.ts), computed once per data: all N×N, or a long selection's overview. */
  private levels(): { levels: Uint16Array; n: number } | undefined {
    const data = this.data;
    if (!data) return undefined;
    if (this.long) return this.long.overviewLevels();
    if (this.levelsOf?.data !== data) {
      const matrix = { n: data.tokens.length, values: data.values, max: data.max, isMasked: data.isMasked };
      this.levelsOf = { data, levels: colorLevels(matrix, this.levelsOf?.levels) };
    }
    return { levels: this.levelsOf.levels, n: data.tokens.length };
  }

  /** CSS px per cell at the current zoom. */
  private cellCss(): number {
    const view = this.view;
    return view && view.n > 0 ? view.total / (view.n * this.dpr) : 0;
  }

  private draw(): void {
    const view = this.view;
    const ctx = this.canvas.getContext('2d');
    if (!view || !ctx) return;
    if (this.image?.width !== view.width || this.image.height !== view.height || !this.imagePixels) {
      this.image = ctx.createImageData(view.width, view.height);
      this.imagePixels = new Uint32Array(this.image.data.buffer);
    }
    if (this.paint(this.imagePixels, view, this.dpr, (this.theme ??= themePixels(this.dpr)))) ctx.putImageData(this.image, 0, 0);
    if (this.cellCss() >= VALUE_TEXT_MIN_CELL) this.drawValues(ctx, view, this.dpr);
  }

  /** The cells of `view` into `pixels` (of `image`), at `scale` device px per CSS px; false when there is nothing to paint. */
  private paint(pixels: Uint32Array, view: View, scale: number, theme: RasterTheme): boolean {
    const levels = this.levels();
    if (!levels) return false;
    const cell = view.n > 0 ? view.total / (view.n * scale) : 0;
    const gap = cell >= GRID_LINE_MIN_CELL ? Math.max(1, Math.round(scale)) : 0;
    if (this.long) this.long.rasterize(pixels, view, theme, gap);
    else rasterize(pixels, levels.levels, view.n, view, theme, gap);
    return true;
  }

  /**
   * The whole matrix as the panel fits it (at the zoom that shows every cell, whatever the view's
   * zoom now), with its labels and a legend below, at `scale` device px per CSS px, on a canvas of
   * its own: for Export's PNG and Copy image. Its CSS size is the matrix's box (labels and cells)
   * plus the legend's band (heatmapImage.ts). Undefined while nothing is laid out.
   */
  renderImage(scale: number, legend: ImageLegend): HTMLCanvasElement | undefined {
    const data = this.data;
    if (!data || !this.view || this.fit === 0) return undefined;
    const n = data.tokens.length;
    const cellCss = this.fit / (n * this.dpr);
    const size = Math.round(n * cellCss * scale);
    const box = this.matrix.getBoundingClientRect();
    const layout = imageLayout(box.width, box.height, this.fit / this.dpr, scale);
    const canvas = document.createElement('canvas');
    canvas.width = layout.width;
    canvas.height = layout.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    const theme = themePixels(scale);
    const view: View = { n, total: size, width: size, height: size, x: 0, y: 0 };
    const image = ctx.createImageData(size, size);
    paintBackground(ctx, layout);
    if (this.paint(new Uint32Array(image.data.buffer), view, scale, theme)) ctx.putImageData(image, layout.cellsX, layout.cellsY);
    if (cellCss >= VALUE_TEXT_MIN_CELL) {
      ctx.save();
      ctx.translate(layout.cellsX, layout.cellsY);
      this.drawValues(ctx, view, scale);
      ctx.restore();
    }
    const font = labelFontPx(cellCss, this.themeFont);
    drawImageLabels(ctx, layout, { tokens: data.tokens, stride: labelStride(cellCss, font), font, family: getComputedStyle(this.rowLabels).fontFamily || 'sans-serif', centre: (i) => cellCentre(i, n, size), isUpright });
    drawImageLegend(ctx, layout, legend, data.max);
    return canvas;
  }

  /** The weights printed in the visible cells, in black or white, whichever reads on the cell. */
  private drawValues(ctx: CanvasRenderingContext2D, view: View, scale: number): void {
    const data = this.data!;
    const { n, total } = view;
    ctx.font = `${Math.round(11 * scale)}px ${themeColor('--vscode-editor-font-family', 'monospace')}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const [q0, q1] = visibleRange(view.y, view.height, n, total);
    const [k0, k1] = visibleRange(view.x, view.width, n, total);
    for (let q = q0; q < q1; q++) {
      for (let k = k0; k < k1; k++) {
        if (data.isMasked(q, k)) continue;
        const weight = this.long ? this.long.exactWeight(q, k) : data.values[q * n + k];
        if (weight === undefined) continue; // a block of the overview, not a cell
        ctx.fillStyle = luminance(weightColor(weight, data.max)) > 0.3 ? '#000000' : '#ffffff';
        ctx.fillText(weight.toFixed(2), cellCentre(k, n, total) - view.x, cellCentre(q, n, total) - view.y);
      }
    }
  }

  /** Labels of the rows and columns whose centre is in view: every stride-th where they fit, and the cursor's. */
  private renderLabels(): void {
    if (!this.data || !this.view) return;
    const cell = this.cellCss();
    const font = labelFontPx(cell, this.themeFont);
    const stride = labelStride(cell, font);
    this.matrix.style.setProperty('--label-font', `${font}px`);
    const active = this.cursorShown ? this.active : undefined;
    this.renderAxis('query', this.rowLabels, this.view.y, this.view.height, stride, active?.query);
    this.renderAxis('key', this.colLabels, this.view.x, this.view.width, stride, active?.key);
  }

  private renderAxis(axis: 'query' | 'key', box: HTMLElement, offset: number, length: number, stride: number, active: number | undefined): void {
    const { n, total } = this.view!;
    const tokens = this.data!.tokens;
    const [start, end] = centredRange(offset, length, n, total);
    const indices: number[] = [];
    for (let i = Math.ceil(start / stride) * stride; i < end; i += stride) indices.push(i);
    if (active !== undefined && active >= start && active < end && active % stride !== 0) {
      indices.splice(Math.ceil(active / stride) - Math.ceil(start / stride), 0, active);
    }
    const cache = this.labels[axis];
    const shown = indices.map((i) => {
      let label = cache.get(i);
      if (!label) {
        const token = tokens[i];
        // Punctuation and symbols stand upright on the vertical key axis: turned, < reads as ∧.
        label = el('span', { className: isUpright(token) ? 'label upright' : 'label', text: token, attrs: { title: axis === 'query' ? t('queryLabelTitle', i + 1, token) : t('keyLabelTitle', i + 1, token), 'data-index': String(i) } });
        cache.set(i, label);
      }
      const centre = `${(cellCentre(i, n, total) - offset) / this.dpr}px`;
      if (axis === 'query') label.style.top = centre;
      else label.style.left = centre;
      label.classList.toggle('active', i === active);
      return label;
    });
    // Re-inserted only when the set changes: panning just moves them.
    if (shown.length !== box.childElementCount || shown.some((label, i) => box.children[i] !== label)) box.replaceChildren(...shown);
  }

  /** Puts a cell's frame (cursor or selection) over its cell, or hides it when the cell is out of view. */
  private place(mark: HTMLElement, cell: Cell | undefined): void {
    const view = this.view;
    if (!view || !cell || cell.query >= view.n || cell.key >= view.n) {
      mark.hidden = true;
      return;
    }
    const [x0, x1] = cellSpan(cell.key, view.n, view.total).map((x) => x - view.x);
    const [y0, y1] = cellSpan(cell.query, view.n, view.total).map((y) => y - view.y);
    if (x1 <= 0 || y1 <= 0 || x0 >= view.width || y0 >= view.height) {
      mark.hidden = true;
      return;
    }
    const dpr = this.dpr;
    const width = Math.max(MIN_MARK, (x1 - x0) / dpr);
    const height = Math.max(MIN_MARK, (y1 - y0) / dpr);
    mark.hidden = false;
    mark.style.transform = `translate(${(x0 + x1) / 2 / dpr - width / 2}px, ${(y0 + y1) / 2 / dpr - height / 2}px)`;
    mark.style.width = `${width}px`;
    mark.style.height = `${height}px`;
  }

  private updateControls(): void {
    const view = this.view!;
    const zoomed = view.total > this.fit;
    setDisabled(this.zoomIn, view.total >= this.maxTotal);
    setDisabled(this.zoomOut, !zoomed);
    setDisabled(this.zoomFit, !zoomed);
    this.zoomLevel.textContent = t('heatmapZoomLevel', formatZoom(view.total / this.fit));
    const [q0, q1] = visibleRange(view.y, view.height, view.n, view.total);
    const [k0, k1] = visibleRange(view.x, view.width, view.n, view.total);
    this.range.textContent = t('heatmapVisibleRange', q0 + 1, q1, k0 + 1, k1, view.n);
    const levels = this.levels();
    if (levels) this.minimap.update(levels.levels, levels.n, view, this.fit, (this.theme ??= themePixels(this.dpr)), this.dpr);
  }

  /** Zooms to `total` (within fit…max) keeping the canvas point `anchor` (device px; default the centre) in place. */
  private zoomTo(total: number, anchor?: { x: number; y: number }, announce = false): void {
    const view = this.view;
    if (!view) return;
    const next = Math.min(this.maxTotal, Math.max(this.fit, Math.round(total)));
    if (next === view.total) return;
    this.setView(zoomAround(view, next, anchor?.x ?? view.width / 2, anchor?.y ?? view.height / 2));
    if (announce) {
      const shown = this.view!;
      const [q0, q1] = visibleRange(shown.y, shown.height, shown.n, shown.total);
      const [k0, k1] = visibleRange(shown.x, shown.width, shown.n, shown.total);
      this.live.textContent = t('heatmapZoomAnnouncement', formatZoom(shown.total / this.fit), q0 + 1, q1, k0 + 1, k1, shown.n);
    }
  }

  /** The centre of a cell in canvas device px: the anchor of a keyboard zoom. */
  private anchorOf(cell: Cell): { x: number; y: number } {
    const view = this.view!;
    return { x: cellCentre(cell.key, view.n, view.total) - view.x, y: cellCentre(cell.query, view.n, view.total) - view.y };
  }

  /** The cell under a client (viewport) point, if it is on the canvas. */
  private cellAtClient(clientX: number, clientY: number): Cell | undefined {
    const view = this.view;
    if (!view) return undefined;
    const box = this.canvas.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return undefined;
    return cellAt(view, ((clientX - box.left) * view.width) / box.width, ((clientY - box.top) * view.height) / box.height);
  }

  private hoverAt(clientX: number, clientY: number): void {
    const at = this.cellAtClient(clientX, clientY);
    if (at) this.activate(at.query, at.key, { x: clientX, y: clientY });
    else if (document.activeElement !== this.canvas) this.deactivate();
  }

  private listen(): void {
    this.canvas.addEventListener('pointermove', (event) => this.hoverAt(event.clientX, event.clientY));
    this.canvas.addEventListener('pointerleave', () => {
      if (document.activeElement !== this.canvas) this.deactivate();
    });
    this.canvas.addEventListener('click', (event) => {
      const at = this.cellAtClient(event.clientX, event.clientY);
      if (at) this.onSelect?.(at.query, at.key);
    });
    this.canvas.addEventListener('focus', () => {
      // The last cell if it is in view, else the first cell in view: focusing does not jump away.
      const view = this.view;
      let cell = this.active ?? { query: 0, key: 0 };
      if (view) {
        const [q0, q1] = visibleRange(view.y, view.height, view.n, view.total);
        const [k0, k1] = visibleRange(view.x, view.width, view.n, view.total);
        if (cell.query < q0 || cell.query >= q1 || cell.key < k0 || cell.key >= k1) cell = { query: q0, key: k0 };
      }
      this.activate(cell.query, cell.key, 'cell');
    });
    this.canvas.addEventListener('blur', () => this.deactivate());
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
    this.matrix.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    this.zoomIn.addEventListener('click', () => this.view && this.zoomTo(zoomStep(this.view.total, 2, this.fit, this.maxTotal), undefined, true));
    this.zoomOut.addEventListener('click', () => this.view && this.zoomTo(zoomStep(this.view.total, 0.5, this.fit, this.maxTotal), undefined, true));
    this.zoomFit.addEventListener('click', () => this.zoomTo(this.fit, undefined, true));
  }

  /** Ctrl/⌘+wheel (and a trackpad's pinch) zooms around the pointer; the wheel alone pans a zoomed view. */
  private onWheel(event: WheelEvent): void {
    const view = this.view;
    if (!view || this.side.hidden) return;
    const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? WHEEL_LINE_PX : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? view.height / this.dpr : 1;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      const box = this.canvas.getBoundingClientRect();
      const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
      const anchor = { x: clamp(((event.clientX - box.left) * view.width) / box.width, view.width), y: clamp(((event.clientY - box.top) * view.height) / box.height, view.height) };
      this.zoomTo(view.total * Math.exp(-event.deltaY * unit * WHEEL_ZOOM), anchor);
    } else {
      if (view.total <= this.fit) return; // the whole matrix is in view: the page scrolls
      let dx = event.deltaX * unit;
      let dy = event.deltaY * unit;
      if (event.shiftKey && dx === 0) [dx, dy] = [dy, 0];
      const next = panBy(view, dx * this.dpr, dy * this.dpr);
      if (next.x === view.x && next.y === view.y) return; // at the edge: the page scrolls on
      event.preventDefault();
      this.setView(next);
    }
    if (event.target === this.canvas) this.hoverAt(event.clientX, event.clientY);
  }

  private onKey(event: KeyboardEvent): void {
    const view = this.view;
    const n = this.data?.tokens.length ?? 0;
    if (!this.active || !view || n === 0) return;
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    let { query, key } = this.active;
    switch (event.key) {
      case 'ArrowUp': query = Math.max(0, query - 1); break;
      case 'ArrowDown': query = Math.min(n - 1, query + 1); break;
      case 'ArrowLeft': key = Math.max(0, key - 1); break;
      case 'ArrowRight': key = Math.min(n - 1, key + 1); break;
      case 'PageUp': query = Math.max(0, query - rowsPerPage(view)); break;
      case 'PageDown': query = Math.min(n - 1, query + rowsPerPage(view)); break;
      // As in a spreadsheet: Home/End go to the row's ends, with Ctrl/⌘ to the matrix's corners.
      case 'Home': key = 0; if (event.ctrlKey || event.metaKey) query = 0; break;
      case 'End': key = n - 1; if (event.ctrlKey || event.metaKey) query = n - 1; break;
      case 'Escape': this.deactivate(); return;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.onSelect?.(query, key);
        return;
      case '+':
      case '=':
      case '-':
      case '_':
      case '0': {
        // Ctrl/⌘ with these zoom the whole window (VS Code's own): not ours.
        if (modified || this.side.hidden) return;
        event.preventDefault();
        const total = event.key === '0' ? this.fit : zoomStep(view.total, event.key === '+' || event.key === '=' ? 2 : 0.5, this.fit, this.maxTotal);
        const cell = this.active;
        this.zoomTo(total, this.cursorShown ? this.anchorOf(cell) : undefined, true);
        if (this.cursorShown) this.activate(cell.query, cell.key, 'cell', false);
        return;
      }
      default: return;
    }
    event.preventDefault();
    this.activate(query, key, 'cell');
  }

  /**
   * Puts the cursor on a cell (the view scrolled to it when the keyboard moved it there), marks its
   * labels, shows its tooltip at `at` (or by the cell) and, for the keyboard, announces it.
   * 'keep': the weights changed (another head); the tooltip, if shown, is updated.
   */
  private activate(query: number, key: number, at: { x: number; y: number } | 'cell' | 'keep', announce = true): void {
    const data = this.data;
    const view = this.view;
    if (!data || !view) return;
    const n = data.tokens.length;
    const cell = { query: Math.min(query, n - 1), key: Math.min(key, n - 1) };
    if (at === 'keep') {
      this.active = cell;
      if (this.cursorShown && !this.tooltip.element.hidden) this.showTooltip(this.tooltipAt);
      return;
    }
    const changed = !this.cursorShown || this.active?.query !== cell.query || this.active.key !== cell.key;
    this.active = cell;
    this.cursorShown = true;
    if (at === 'cell') {
      const shown = reveal(view, cell);
      if (shown.x !== view.x || shown.y !== view.y) this.setView(shown);
    }
    if (changed) this.renderLabels();
    this.place(this.cursor, cell);
    this.showTooltip(at);
    if (at === 'cell' && announce) {
      const info = this.info(cell);
      if ('queries' in info) {
        this.live.textContent = blockText(info);
        return;
      }
      this.live.textContent = info.masked
        ? t('maskedCellAnnouncement', info.query, cell.query + 1, info.key, cell.key + 1)
        : t('cellAnnouncement', info.query, cell.query + 1, info.key, cell.key + 1, formatWeight(info.weight));
    }
  }

  /**
   * The exact facts of one cell: its tokens and its own weight, never a block's; or, in a long
   * selection where no tile has the cell, honestly the overview block(s) it shows and their largest weight.
   */
  private info(cell: Cell): CellInfo | BlockInfo {
    const data = this.data!;
    const n = data.tokens.length;
    const weight = this.long ? this.long.exactWeight(cell.query, cell.key) : data.values[cell.query * n + cell.key];
    if (weight === undefined) return this.long!.blockOf(cell, this.view!);
    return {
      query: data.tokens[cell.query],
      queryIndex: cell.query,
      key: data.tokens[cell.key],
      keyIndex: cell.key,
      weight,
      masked: data.isMasked(cell.query, cell.key),
    };
  }

  /** The active cell's tooltip at a pointer position, or by the cursor ('cell'). */
  private showTooltip(at: { x: number; y: number } | 'cell'): void {
    if (!this.active) return;
    this.tooltipAt = at;
    if (at === 'cell' && this.cursor.hidden) return this.tooltip.hide();
    const box = this.cursor.getBoundingClientRect();
    const point = at === 'cell' ? { x: box.right, y: box.bottom } : at;
    this.tooltip.show(this.info(this.active), point.x, point.y);
  }

  private deactivate(): void {
    this.cursorShown = false;
    this.cursor.hidden = true;
    this.tooltip.hide();
    this.renderLabels();
  }
}

function zoomButton(text: string, label: string, kind: string): HTMLButtonElement {
  return el('button', { className: 'heatmap-zoom-button', text, attrs: { type: 'button', 'aria-label': label, title: label, 'data-zoom': kind } });
}

/** aria-disabled rather than disabled: a button that just became useless keeps the focus. */
function setDisabled(button: HTMLButtonElement, disabled: boolean): void {
  button.setAttribute('aria-disabled', String(disabled));
}

function formatZoom(zoom: number): number {
  return zoom < 10 ? Number(zoom.toFixed(1)) : Math.round(zoom);
}

/** Tokens with no letter or digit (punctuation, symbols) stand upright on the vertical key axis. */
function isUpright(token: string): boolean {
  return !/[\p{L}\p{N}]/u.test(token);
}
