/**
 * The heatmap's long-selection part: what it draws and says when it has an overview of the N × N
 * weights instead of all of them (src/common/attention/longSelection.ts). It paints the overview
 * with the exact tiles that have arrived (heatmapLongRaster.ts), asks its TileSource for the exact
 * weights of the view once the view is small enough for one tile and its blocks are bigger than a
 * device pixel (debounced: after zooming or panning stops), shows "loading" meanwhile, and tells
 * the heatmap what a cell is: its exact weight where a tile has it, else the overview block(s)
 * under it and their largest weight.
 */
import { TILE_MAX_CELLS } from '../../../src/common/attention/longSelection';
import type { HeadChoice } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { rasterizeLong } from './heatmapLongRaster';
import { rectLevels, type RasterTheme } from './heatmapRaster';
import { blockStart, cellSpan, visibleRange, type Cell, type View } from './heatmapViewport';
import { t } from './l10n';
import type { StoredTile, TileRect, TileSource } from './tileSource';

/** What a long selection gives the heatmap besides its overview (HeatmapData.values). */
export interface LongData {
  /** Tokens per side of an overview block, and blocks per side: `values` is size × size. */
  readonly block: number;
  readonly size: number;
  /** Whose overview `values` is, and whose tiles to ask for. */
  readonly head: HeadChoice;
  readonly tiles: TileSource;
}

/** The overview blocks under a cell: tokens [start, end) on each axis, and their largest weight. */
export interface BlockInfo {
  readonly queries: readonly [number, number];
  readonly keys: readonly [number, number];
  readonly weight: number;
  readonly masked: boolean;
}

/** Where the heatmap's exact weights stand, as `data-weights` on the figure says too. */
export type WeightsState = 'overview' | 'loading' | 'exact' | 'failed';

/** After zooming or panning stops for this long (ms), the view's exact weights are asked for. */
export const TILE_DEBOUNCE_MS = 100;

interface Shown {
  readonly n: number;
  readonly values: ArrayLike<number>;
  readonly max: number;
  readonly isMasked: (query: number, key: number) => boolean;
  readonly long: LongData;
}

export class LongHeatmap {
  /** Beside the matrix: "exact weights loading…", or why they could not be had. */
  readonly status = el('p', { className: 'heatmap-tile-status', attrs: { role: 'status' } });
  private data?: Shown;
  private overview?: { readonly data: Shown; readonly levels: Uint16Array };
  private view?: View;
  private timer?: ReturnType<typeof setTimeout>;
  private unlisten?: () => void;
  private failure?: string;
  state: WeightsState = 'overview';

  /** `changed`: a tile arrived or failed; redraw. */
  constructor(private readonly changed: () => void) {
    this.status.hidden = true;
  }

  setData(data: Shown): void {
    if (this.data?.long.tiles !== data.long.tiles) {
      this.unlisten?.();
      this.unlisten = data.long.tiles.listen((event) => {
        if (event.kind === 'failed') this.failure = event.message;
        this.refresh();
        this.changed();
      });
    }
    this.data = data;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unlisten?.();
  }

  /** The overview as colour levels (a block wholly masked is 0), once per data: also the minimap's. */
  overviewLevels(): { levels: Uint16Array; n: number } {
    const data = this.data!;
    const { block, size } = data.long;
    if (this.overview?.data !== data) {
      // A block is masked wholly when its lower-left cell is (masks are causal-shaped).
      const masked = (r: number, c: number) => data.isMasked(Math.min(data.n, (r + 1) * block) - 1, c * block);
      this.overview = { data, levels: rectLevels(data.values, size, size, data.max, masked, this.overview?.levels) };
    }
    return { levels: this.overview.levels, n: size };
  }

  rasterize(pixels: Uint32Array, view: View, theme: RasterTheme, gap: number): void {
    const data = this.data!;
    const { block, size, head, tiles } = data.long;
    const [q0, q1] = visibleRange(view.y, view.height, view.n, view.total);
    const [k0, k1] = visibleRange(view.x, view.width, view.n, view.total);
    const inView = tiles.overlapping(head, { row0: q0, col0: k0, rows: q1 - q0, cols: k1 - k0 }).map((tile) => ({ ...tile, levels: this.tileLevels(tile) }));
    rasterizeLong(pixels, { n: data.n, block, size, overview: this.overviewLevels().levels, tiles: inView, isMasked: data.isMasked }, view, theme, gap);
  }

  /** The exact weight of a cell, if a tile has it. */
  exactWeight(query: number, key: number): number | undefined {
    const data = this.data!;
    return data.long.tiles.weight(data.long.head, query, key);
  }

  /**
   * The overview blocks a cell shows as at this zoom: those under its pixel when cells are
   * thinner than a pixel (the pixel shows their largest weight), else the cell's own block.
   */
  blockOf(cell: Cell, view: View): BlockInfo {
    const data = this.data!;
    const { block, size } = data.long;
    const span = (i: number): [number, number] => {
      let start = i;
      let end = i + 1;
      if (view.total < view.n) {
        const [p] = cellSpan(i, view.n, view.total);
        start = blockStart(p, view.n, view.total);
        end = Math.max(start + 1, blockStart(p + 1, view.n, view.total));
      }
      return [Math.floor(start / block), Math.floor((end - 1) / block) + 1];
    };
    const [r0, r1] = span(cell.query);
    const [c0, c1] = span(cell.key);
    let weight = 0;
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) weight = Math.max(weight, data.values[r * size + c]);
    const queries: [number, number] = [r0 * block, Math.min(data.n, r1 * block)];
    const keys: [number, number] = [c0 * block, Math.min(data.n, c1 * block)];
    return { queries, keys, weight, masked: data.isMasked(queries[1] - 1, keys[0]) };
  }

  /** The view moved, zoomed or shows another head: the state now, and the request once it settles. */
  viewChanged(view: View): void {
    this.view = view;
    this.refresh();
  }

  /** The view's rectangle of cells, if its exact weights are worth a tile: few enough, and blocks bigger than a pixel. */
  private wanted(): TileRect | undefined {
    const view = this.view;
    const data = this.data;
    if (!view || !data) return undefined;
    const [q0, q1] = visibleRange(view.y, view.height, view.n, view.total);
    const [k0, k1] = visibleRange(view.x, view.width, view.n, view.total);
    const rect = { row0: q0, col0: k0, rows: q1 - q0, cols: k1 - k0 };
    if (rect.rows <= 0 || rect.cols <= 0 || rect.rows * rect.cols > TILE_MAX_CELLS) return undefined;
    return (view.total * data.long.block) / view.n > 1 ? rect : undefined;
  }

  /** Updates the state and the status line; a request (debounced) when the view's weights are neither here nor asked for. */
  private refresh(): void {
    const data = this.data;
    const rect = this.wanted();
    clearTimeout(this.timer);
    let state: WeightsState = 'overview';
    if (data && rect) {
      const { head, tiles } = data.long;
      if (tiles.covering(head, rect)) state = 'exact';
      else if (tiles.isLoading(head, rect)) state = 'loading';
      else if (tiles.hasFailed(head, rect)) state = 'failed';
      else {
        state = 'loading';
        this.timer = setTimeout(() => {
          const now = this.wanted();
          if (now && tiles.want(head, now) === 'failed') this.show('failed');
        }, TILE_DEBOUNCE_MS);
      }
    }
    this.show(state);
  }

  private show(state: WeightsState): void {
    this.state = state;
    this.status.hidden = state === 'overview' || state === 'exact';
    this.status.classList.toggle('failed', state === 'failed');
    this.status.textContent = state === 'loading' ? t('heatmapTileLoading') : state === 'failed' ? t('heatmapTileFailed', this.failure ?? '') : '';
  }

  private tileLevels(tile: StoredTile): Uint16Array {
    const data = this.data!;
    if (tile.levels?.max !== data.max) {
      const masked = (r: number, c: number) => data.isMasked(tile.row0 + r, tile.col0 + c);
      tile.levels = { max: data.max, levels: rectLevels(tile.values, tile.rows, tile.cols, data.max, masked, tile.levels?.levels) };
    }
    return tile.levels.levels;
  }
}
