/**
 * The exact weights of a long selection, a tile at a time. A long selection's panel has only an
 * overview of each head (one value per block of tokens); when the heatmap zooms in far enough it
 * asks here for the exact weights of the part in view. The source asks the host for a rectangle
 * somewhat larger than the view (within TILE_MAX_CELLS, so that small pans need nothing new), keeps
 * the last few tiles it received (least recently used dropped first), and tells its listeners when
 * a tile arrives or a request fails. Tiles that do not parse for this analysis are refused.
 */
import { TILE_MAX_CELLS } from '../../../src/common/attention/longSelection';
import { parseWeightsTile, type HeadChoice, type WeightsTile } from '../../../src/common/protocol/attentionPanel';

/** A rectangle of the N × N matrix: rows are queries, columns keys. */
export interface TileRect {
  readonly row0: number;
  readonly col0: number;
  readonly rows: number;
  readonly cols: number;
}

/** A received tile, with its colour levels once the heatmap has computed them. */
export interface StoredTile extends WeightsTile {
  levels?: { readonly max: number; readonly levels: Uint16Array };
}

export type TileEvent = { readonly kind: 'tile'; readonly tile: StoredTile } | { readonly kind: 'failed'; readonly message: string };

/** Tiles kept: at most 4 MiB of weights and 2 MiB of levels each. */
const KEPT_TILES = 6;
/** A request covers up to this many times the view's length on each axis (within TILE_MAX_CELLS). */
const MARGIN = 2;

export class TileSource {
  /** Most recently used last. */
  private readonly kept: StoredTile[] = [];
  private readonly pending = new Map<string, { head: HeadChoice; rect: TileRect }>();
  /** The last request that failed: not asked again until the view needs another one. */
  private failed?: string;
  private readonly listeners = new Set<(event: TileEvent) => void>();

  constructor(
    readonly n: number,
    private readonly heads: number,
    private readonly ask: (head: HeadChoice, rect: TileRect) => void,
    private readonly maxCells = TILE_MAX_CELLS,
  ) {}

  /** A kept tile of `head` that covers the whole of `rect` (marked as recently used), if any. */
  covering(head: HeadChoice, rect: TileRect): StoredTile | undefined {
    for (let i = this.kept.length - 1; i >= 0; i--) {
      const tile = this.kept[i];
      if (tile.head === head && contains(tile, rect)) {
        if (i !== this.kept.length - 1) this.kept.push(...this.kept.splice(i, 1));
        return tile;
      }
    }
    return undefined;
  }

  /** The kept tiles of `head` that overlap `rect`, the most recent first. */
  overlapping(head: HeadChoice, rect: TileRect): StoredTile[] {
    return this.kept.filter((tile) => tile.head === head && overlaps(tile, rect)).reverse();
  }

  /** The exact weight of a cell, if a kept tile of `head` has it. */
  weight(head: HeadChoice, query: number, key: number): number | undefined {
    for (let i = this.kept.length - 1; i >= 0; i--) {
      const tile = this.kept[i];
      if (tile.head === head && query >= tile.row0 && query < tile.row0 + tile.rows && key >= tile.col0 && key < tile.col0 + tile.cols) {
        return tile.values[(query - tile.row0) * tile.cols + (key - tile.col0)];
      }
    }
    return undefined;
  }

  /**
   * Makes sure the exact weights of `visible` are here or on their way: 'ready' when a kept tile
   * covers it, 'loading' when a request that covers it is pending (now sent, or earlier), 'failed'
   * when exactly that request failed last.
   */
  want(head: HeadChoice, visible: TileRect): 'ready' | 'loading' | 'failed' {
    if (this.covering(head, visible)) return 'ready';
    for (const request of this.pending.values()) if (request.head === head && contains(request.rect, visible)) return 'loading';
    const rect = tileRequestRect(visible, this.n, this.maxCells);
    const key = keyOf(head, rect);
    if (this.failed === key) return 'failed';
    this.pending.set(key, { head, rect });
    this.ask(head, rect);
    return 'loading';
  }

  /** Whether a request of `head` that covers `visible` is pending. */
  isLoading(head: HeadChoice, visible: TileRect): boolean {
    for (const request of this.pending.values()) if (request.head === head && contains(request.rect, visible)) return true;
    return false;
  }

  /** Whether the request `visible` would make is the one that failed last. */
  hasFailed(head: HeadChoice, visible: TileRect): boolean {
    return this.failed !== undefined && this.failed === keyOf(head, tileRequestRect(visible, this.n, this.maxCells));
  }

  listen(listener: (event: TileEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A `tile` message's tile for this analysis; false when it does not parse for it. */
  receive(raw: unknown): boolean {
    const tile = parseWeightsTile(raw, this.n, this.heads);
    if (!tile) return false;
    const stored: StoredTile = { ...tile };
    this.pending.delete(keyOf(tile.head, tile));
    // A tile that a newer one covers adds nothing; one the newer covers is dropped.
    for (let i = this.kept.length - 1; i >= 0; i--) if (this.kept[i].head === tile.head && contains(tile, this.kept[i])) this.kept.splice(i, 1);
    this.kept.push(stored);
    while (this.kept.length > KEPT_TILES) this.kept.shift();
    if (this.failed === keyOf(tile.head, tile)) this.failed = undefined;
    for (const listener of this.listeners) listener({ kind: 'tile', tile: stored });
    return true;
  }

  /** The host could not compute a tile (which one it does not say): every pending request ends. */
  fail(message: string): void {
    const last = [...this.pending.keys()].at(-1);
    if (last) this.failed = last;
    this.pending.clear();
    for (const listener of this.listeners) listener({ kind: 'failed', message });
  }
}

/**
 * The rectangle to ask for when `visible` is in view: `visible` grown around its centre, up to
 * MARGIN times its size on each axis, as long as it stays within `maxCells` and the matrix.
 */
export function tileRequestRect(visible: TileRect, n: number, maxCells = TILE_MAX_CELLS): TileRect {
  const { rows: h, cols: w } = visible;
  const grow = Math.max(1, Math.min(MARGIN, Math.sqrt(maxCells / Math.max(1, h * w))));
  let rows = Math.min(n, Math.max(h, Math.floor(h * grow)));
  let cols = Math.min(n, Math.max(w, Math.floor(w * grow)));
  // One axis at the matrix's edge leaves room on the other.
  if (rows === n) cols = Math.min(n, Math.max(cols, Math.floor(maxCells / rows)), Math.max(w, Math.floor(w * MARGIN)));
  if (cols === n) rows = Math.min(n, Math.max(rows, Math.floor(maxCells / cols)), Math.max(h, Math.floor(h * MARGIN)));
  while (rows * cols > maxCells && (rows > h || cols > w)) {
    if (rows - h >= cols - w) rows--;
    else cols--;
  }
  const place = (start: number, length: number, size: number) => Math.min(n - size, Math.max(0, Math.round(start + length / 2 - size / 2)));
  return { row0: place(visible.row0, h, rows), col0: place(visible.col0, w, cols), rows, cols };
}

function contains(outer: TileRect, inner: TileRect): boolean {
  return outer.row0 <= inner.row0 && outer.col0 <= inner.col0 && inner.row0 + inner.rows <= outer.row0 + outer.rows && inner.col0 + inner.cols <= outer.col0 + outer.cols;
}

function overlaps(a: TileRect, b: TileRect): boolean {
  return a.row0 < b.row0 + b.rows && b.row0 < a.row0 + a.rows && a.col0 < b.col0 + b.cols && b.col0 < a.col0 + a.cols;
}

function keyOf(head: HeadChoice, rect: TileRect): string {
  return `${head}:${rect.row0}:${rect.col0}:${rect.rows}:${rect.cols}`;
}
