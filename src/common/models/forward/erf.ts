/**
 * erf in float64 and the two GELUs of the feed-forward block. BERT's "gelu" is PyTorch's exact
 * nn.GELU, x·Φ(x) = ½x(1 + erf(x/√2)); a cheap erf (Abramowitz–Stegun 7.1.26 is good to only
 * ~1e-7) would put an error of that size into every layer, so erf here is good to a few ulp.
 * GPT-2's "gelu_new" is the tanh approximation it was trained with: the two differ by up to
 * ~5e-4, far more than float32 rounding, so each model must get its own.
 */
import type { Activation } from '../files/config';

/** Below this |x| the series is used; above, the continued fraction of erfc converges fast. */
const SERIES_MAX = 2.5;
/** erf(x) rounds to ±1 from here on: erfc(6) ≈ 2e-17 is below half an ulp of 1. */
const ONE_FROM = 6;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function. Small |x|: erf(x) = 2/√π · x·e^(−x²) · Σ (2x²)ⁿ / (1·3·…·(2n+1)), a series
 * of positive terms, so nothing cancels (the alternating Taylor series loses digits past 1).
 * Larger: 1 − erfc(x), erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), the
 * continued fraction evaluated by the modified Lentz method.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (a >= ONE_FROM) return sign;
  if (a <= SERIES_MAX) {
    const twoX2 = 2 * a * a;
    let term = 1;
    let sum = 1;
    for (let n = 0; term > sum * 1e-17; n++) {
      term *= twoX2 / (2 * n + 3);
      sum += term;
    }
    return sign * TWO_OVER_SQRT_PI * a * Math.exp(-a * a) * sum;
  }
  return sign * (1 - erfcContinuedFraction(a));
}

/** erfc(x) for x > SERIES_MAX: the fraction x + (k/2)/(x + ((k+1)/2)/(…)) by modified Lentz. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 200; k++) {
    const ak = k / 2;
    d = x + ak * d;
    d = d === 0 ? tiny : d;
    c = x + ak / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Exact GELU, x·Φ(x): PyTorch's nn.GELU() and transformers' "gelu". */
export const geluErf = (x: number): number => 0.5 * x * (1 + erf(x * SQRT1_2));

/** GPT-2's tanh approximation, transformers' "gelu_new" (NewGELUActivation). */
export const geluTanh = (x: number): number => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));

/** The config's activation over every value, in place (computed in float64, stored in float32). */
export function activateInPlace(values: Float32Array, activation: Activation): void {
  const f = activation === 'gelu' ? geluErf : geluTanh;
  for (let i = 0; i < values.length; i++) values[i] = f(values[i]);
}
