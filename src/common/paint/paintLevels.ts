/**
 * How strongly each token of the document is painted: its weight relative to the largest weight
 * of the tokens painted (the row's or column's maximum among tokens that have text), rounded to
 * one of PAINT_LEVELS steps. The editor draws a token of level k with k translucent layers of
 * one theme colour, so a step adds the same tint whatever the theme (see documentPaint.ts).
 */

/** Steps of tint; a token whose weight rounds to 0 steps is not painted. */
export const PAINT_LEVELS = 8;

export interface PaintedToken {
  /** The token's index in the view (its row and column). */
  readonly index: number;
  readonly weight: number;
  /** 1 … PAINT_LEVELS. */
  readonly level: number;
}

/**
 * The painted tokens among `weights` (one per view token); `paintable(i)` says whether token i
 * has text in the document (special tokens have none and neither count for the maximum).
 */
export function paintLevels(weights: ArrayLike<number>, paintable: (index: number) => boolean): PaintedToken[] {
  let max = 0;
  for (let i = 0; i < weights.length; i++) if (paintable(i) && weights[i] > max) max = weights[i];
  const painted: PaintedToken[] = [];
  if (!(max > 0)) return painted; // all masked, or nothing with text
  for (let i = 0; i < weights.length; i++) {
    if (!paintable(i)) continue;
    const level = Math.round((PAINT_LEVELS * weights[i]) / max);
    if (level > 0) painted.push({ index: i, weight: weights[i], level });
  }
  return painted;
}

/** The opacity `level` layers of a colour of opacity `alpha` add up to (what the eye sees). */
export function layeredAlpha(alpha: number, level: number): number {
  return 1 - (1 - alpha) ** level;
}
