/**
 * An analysis split across workers and put back together: which share each worker computes, and
 * the view made of their parts. A selection whose N × N weights are kept is split by heads (each
 * head is independent); a long one by bands of query rows, since the overview of the heads'
 * average needs every head of a block at once (the block max of a mean is not a mean of maxima).
 */
import type { AttentionView } from './analysisView';
import { overviewBlock, overviewSize } from './longSelection';

/** What one worker computed of an analysis. */
export interface AnalysisPart {
  /** Everything of the view but its weights (the same in every part). */
  readonly view: Omit<AttentionView, 'weights' | 'overview'>;
  /** The heads whose weights `weights` holds, in that order (every head, for a long selection). */
  readonly heads: readonly number[];
  /** N × N per head; for a long selection, the band's rows of each head's overview (band.blockRows × size). */
  readonly weights: readonly Float32Array[];
  /** A long selection's band: overview rows blockRow0 … blockRow0 + blockRows − 1. */
  readonly band?: { readonly blockRow0: number; readonly blockRows: number; readonly average: Float32Array };
}

/** Heads 0 … heads−1 dealt into at most `count` runs of consecutive heads, as even as can be; share `index`. */
export function headShare(heads: number, index: number, count: number): number[] {
  const parts = Math.max(1, Math.min(count, heads));
  if (index >= parts) return [];
  const from = Math.floor((index * heads) / parts);
  const to = Math.floor(((index + 1) * heads) / parts);
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/**
 * Share `index` of `count` bands of whole blocks of query rows (an empty band when there are more
 * shares than blocks), of about equal work: under the causal mask row i sees i + 1 keys, so the
 * later bands are narrower.
 */
export function rowBand(n: number, index: number, count: number, causal: boolean): { row0: number; rows: number } {
  const block = overviewBlock(n);
  const blocks = Math.ceil(n / block);
  const cost = (b: number) => (causal ? b + 0.5 : 1); // block b's work, up to a constant
  const total = causal ? (blocks * blocks) / 2 : blocks;
  const edge = (share: number) => {
    if (share >= count) return blocks;
    let done = 0;
    let b = 0;
    while (b < blocks && done + cost(b) / 2 < (share * total) / count) done += cost(b++);
    return b;
  };
  const from = edge(index);
  const to = edge(index + 1);
  const row0 = Math.min(n, from * block);
  return { row0, rows: Math.min(n, to * block) - row0 };
}

/** The view of an analysis from its parts; throws if a head or a band is missing. */
export function mergeParts(parts: readonly AnalysisPart[]): AttentionView {
  const first = parts[0];
  if (!first) throw new Error('an analysis has no parts');
  const { view } = first;
  const n = view.tokens.length;
  const heads = view.config.heads;
  if (!first.band) {
    const weights: Float32Array[] = [];
    for (const part of parts) part.heads.forEach((h, i) => (weights[h] = part.weights[i]));
    for (let h = 0; h < heads; h++) if (!weights[h]) throw new Error(`no worker computed head ${h + 1}`);
    return { ...view, weights };
  }
  const size = overviewSize(n);
  const weights = Array.from({ length: heads }, () => new Float32Array(size * size));
  const average = new Float32Array(size * size);
  let covered = 0;
  // A share with no heads had nothing to do (the reference computes every head in the first).
  for (const { band, weights: bands } of parts.filter((part) => part.heads.length > 0)) {
    if (!band) throw new Error('a long selection\'s part has no band');
    const at = band.blockRow0 * size;
    bands.forEach((rows, h) => weights[h].set(rows, at));
    average.set(band.average, at);
    covered += band.blockRows;
  }
  if (covered !== size) throw new Error(`the workers computed ${covered} of the overview's ${size} rows`);
  return { ...view, weights, overview: { block: overviewBlock(n), size, average } };
}
