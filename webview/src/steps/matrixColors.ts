/**
 * The matrix view's colours, as pure functions of the values and the theme's colours (no DOM, so
 * tests compute the very colour a cell must have). 'unit' is viridis over 0…1 (../attention/colorScale);
 * 'signed' diverges from a neutral middle close to the editor background, to blue below 0 and red
 * above, its ends at ±max |value| of the matrix. Both come as 256-per-side tables of pixels, so a
 * redraw writes numbers into an ImageData instead of parsing colour strings.
 */
import { PIXELS, weightColor, weightLevel, type Rgb } from '../attention/colorScale';

export type { Rgb } from '../attention/colorScale';

export interface ThemeColors {
  readonly background: Rgb;
  readonly foreground: Rgb;
  readonly highContrast: boolean;
}

/**
 * The diverging scale's ends. On a light background, ColorBrewer's RdBu ends; on a dark one,
 * lighter ends, which stand out from the background as the dark ones would not; in high contrast,
 * purer ones still.
 */
export function signedEnds({ background, highContrast }: ThemeColors): { negative: Rgb; positive: Rgb } {
  if (highContrast) return lightness(background) > 0.5 ? { negative: [0, 64, 224], positive: [208, 0, 0] } : { negative: [64, 160, 255], positive: [255, 72, 72] };
  return lightness(background) > 0.5 ? { negative: [33, 102, 172], positive: [178, 24, 43] } : { negative: [74, 150, 230], positive: [235, 90, 80] };
}

/** The neutral middle: the background nudged towards the text colour, so zeros still read as cells. */
export function signedNeutral({ background, foreground }: ThemeColors): Rgb {
  return mix(background, foreground, 0.08);
}

/** 511 colours: index 255 + level, level −255 (−max) … 0 … 255 (+max). */
export function signedColors(theme: ThemeColors): Rgb[] {
  const { negative, positive } = signedEnds(theme);
  const neutral = signedNeutral(theme);
  return Array.from({ length: 511 }, (_, i) => (i < 255 ? mix(neutral, negative, (255 - i) / 255) : mix(neutral, positive, (i - 255) / 255)));
}

/** Which of the signed colours a value gets: −255…255, 0 for a matrix of zeros or a non-number. */
export function signedLevel(value: number, maxAbs: number): number {
  if (!(maxAbs > 0) || Number.isNaN(value)) return 0;
  return Math.round(Math.min(1, Math.max(-1, value / maxAbs)) * 255);
}

/** The colour of a cell, as the canvas must show it. */
export function cellColor(scale: 'signed' | 'unit', value: number, maxAbs: number, theme: ThemeColors): Rgb {
  return scale === 'unit' ? weightColor(value, 1) : signedColors(theme)[255 + signedLevel(value, maxAbs)];
}

/** For drawing: a value's pixel (opaque RGBA in the platform's byte order). */
export interface PixelScale {
  pixel(value: number): number;
}

export function pixelScale(scale: 'signed' | 'unit', maxAbs: number, theme: ThemeColors): PixelScale {
  if (scale === 'unit') return { pixel: (value) => PIXELS[weightLevel(value, 1)] };
  const pixels = new Uint32Array(511);
  signedColors(theme).forEach((color, i) => (pixels[i] = toPixel(color)));
  return { pixel: (value) => pixels[255 + signedLevel(value, maxAbs)] };
}

/** The largest |value| of the finite values outside the mask: the signed scale's ends. */
export function maxAbsValue(data: ArrayLike<number>, cols: number, masked?: (row: number, col: number) => boolean): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (Number.isFinite(value) && Math.abs(value) > max && !masked?.(Math.floor(i / cols), i % cols)) max = Math.abs(value);
  }
  return max;
}

export function toPixel([r, g, b]: Rgb): number {
  const pixel = new Uint32Array(1);
  new Uint8Array(pixel.buffer).set([r, g, b, 255]);
  return pixel[0];
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * t)) as unknown as Rgb;
}

/** Perceived lightness, 0…1 (a cheap stand-in for L*: only "light or dark?" is asked). */
function lightness([r, g, b]: Rgb): number {
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}
