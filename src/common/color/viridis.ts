/**
 * Viridis, the colour-blind-safe, perceptually uniform scale of matplotlib, computed rather than
 * shipped as an image: a degree-6 polynomial fit per channel (Matt Zucker's, public domain), which
 * stays within about 1 % of the matplotlib table. Its lightness rises monotonically, so a larger
 * weight is always a lighter cell, also in grey scale. Shared by the page's canvases and the
 * exported SVG, so that both give a weight the same colour.
 */
export type Rgb = readonly [number, number, number];

const COEFFICIENTS: readonly Rgb[] = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

/** The colour of t in [0, 1] (clamped), as 0–255 sRGB channels. */
export function viridis(t: number): Rgb {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const channel = (c: 0 | 1 | 2) => {
    let value = 0;
    for (let i = COEFFICIENTS.length - 1; i >= 0; i--) value = value * x + COEFFICIENTS[i][c];
    return Math.round(Math.min(1, Math.max(0, value)) * 255);
  };
  return [channel(0), channel(1), channel(2)];
}

/** 256 precomputed colours: drawing thousands of cells should not evaluate polynomials. */
export const VIRIDIS_TABLE: readonly Rgb[] = Array.from({ length: 256 }, (_, i) => viridis(i / 255));

/** Which of the 256 colours a weight gets on a scale from 0 to `max`. */
export function weightLevel(weight: number, max: number): number {
  const t = max > 0 ? weight / max : 0;
  return Math.round(Math.min(1, Math.max(0, t)) * 255);
}

/** The colour of a weight on a scale from 0 to `max`. */
export function weightColor(weight: number, max: number): Rgb {
  return VIRIDIS_TABLE[weightLevel(weight, max)];
}
