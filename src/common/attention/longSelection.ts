/**
 * The sizes that separate a selection whose N × N weights are sent whole from a long one, computed
 * blockwise in O(N·d) memory (the chapter: "通过简单地重新排列操作，内存复杂性可以减少"): the panel
 * gets an overview of each head (one value per block of weights) and exact tiles when it zooms in.
 */

/**
 * From this many tokens on, the WebAssembly kernels compute what the panel shows (in float32,
 * within 1e-5 of the reference, ~20× faster); below it the float64 reference does, whose numbers
 * the chapter's steps map onto one for one.
 */
export const FAST_FROM_TOKENS = 513;
/**
 * Up to this many tokens, every head's N × N weights are sent to the panel whole. Beyond, it gets
 * an overview of each head and exact tiles when it zooms in: VS Code copies a webview message
 * several times on its way, and 128 MiB of weights (2,048 tokens, 8 heads) took 8–9 s to arrive
 * in code-server, with the extension host stalled for up to 75–125 ms at a time meanwhile.
 */
export const FULL_VIEW_MAX_TOKENS = 1024;
/**
 * Up to this many tokens, a head's N × N matrices can be made (the steps view, a cell's
 * arithmetic) and the analysis needs no warning; beyond, nothing N × N is ever made.
 */
export const FULL_MATRIX_MAX_TOKENS = 2048;
/** The most tokens analysed at all (blockwise beyond FULL_MATRIX_MAX_TOKENS). */
export const LONG_MAX_TOKENS = 16384;
/** Blocks per side of an overview, at most: 512² floats (1 MiB) a head, about a pixel each at fit. */
export const OVERVIEW_MAX_SIZE = 512;
/** The most weights one exact tile holds: 1,024² (4 MiB), about 5 ms of one head's work. */
export const TILE_MAX_CELLS = 1024 * 1024;

/** Tokens per side of an overview's block for N tokens: the smallest that keeps it within OVERVIEW_MAX_SIZE. */
export function overviewBlock(n: number): number {
  return Math.max(1, Math.ceil(n / OVERVIEW_MAX_SIZE));
}

/** Blocks per side of the overview of N tokens. */
export function overviewSize(n: number): number {
  return Math.ceil(n / overviewBlock(n));
}

/** Whether the panel gets an overview and tiles rather than whole matrices. */
export function hasOverview(n: number): boolean {
  return n > FULL_VIEW_MAX_TOKENS;
}

/** Whether nothing N × N may be made: the cost is told first, and there is no steps view. */
export function isLongSelection(n: number): boolean {
  return n > FULL_MATRIX_MAX_TOKENS;
}

/**
 * Floating-point operations per second of one worker's blockwise pass, measured on a 2-core AMD
 * EPYC (16,384 tokens, 8 heads of 64: 33.8 s on one worker): only for telling the user the cost.
 */
const BLOCKWISE_FLOPS_PER_WORKER = 24e9;

/**
 * What a long selection costs, told before it starts: the floating-point operations of Q·Kᵀ twice
 * (the statistics, then the overview) and of the weights times V, per head, plus the projections;
 * the seconds they take on `workers` workers; and the bytes the workers hold (each its float32 X,
 * every head's K, its rows' Q and statistics, and the overviews), besides a few MiB of scratch.
 */
export function longSelectionCost(n: number, config: { heads: number; dK: number; dModel: number }, workers: number): { flops: number; seconds: number; bytes: number } {
  const { heads, dK, dModel } = config;
  const parts = Math.max(1, workers);
  const flops = heads * (3 * 2 * n * n * dK + 2 * n * dModel * 4 * dK);
  const overviews = (heads + 1) * overviewSize(n) ** 2 * 4;
  const bytes = parts * n * dModel * 4 + (parts + 1) * n * heads * dK * 4 + n * heads * 8 + 2 * overviews;
  return { flops, seconds: flops / (BLOCKWISE_FLOPS_PER_WORKER * parts), bytes };
}
