/**
 * erf in float64 and the two GELUs of the feed-forward block. BERT's "gelu" is PyTorch's exact
 * nn.GELU, x·Φ(x) = ½x(1 + erf(x/√2)); a cheap erf (Abramowitz–Stegun 7.1.26 is good to only
 * ~1e-7) would put an error of that size into every layer, so erf here is good to a few ulp.
 * GPT-2's "gelu_new" is the tanh approximation it was trained with: the two differ by up to
 * ~5e-4, far more than float32 rounding, so each model must get its own.
 */
import { loadKernels } from '../../kernels/kernels';
import type { Activation } from '../files/config';

/** Below this |x| the series is used; above, the continued fraction of erfc converges fast. */
const SERIES_MAX = 2.5;
/** erf(x) rounds to ±1 from here on: erfc(6) ≈ 2e-17 is below half an ulp of 1. */
const ONE_FROM = 6;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** The table's points are k / POINTS_PER_UNIT, k = 0 … ONE_FROM · POINTS_PER_UNIT. */
const POINTS_PER_UNIT = 64;
/** Taylor coefficients kept per point: with |h| ≤ 1/128 the next term is below 1e-20. */
const TERMS = 8;
/** Per point: erf(x₀), then the coefficients a₀ … a₇ of h¹ … h⁸. */
const STRIDE = TERMS + 1;
let table: Float64Array | undefined;

/**
 * The error function, to a few ulp: the readable reference of the kernels' erf, which the exact
 * GELU evaluates for every value of every feed-forward block (4.7 M times in a 128-token pass of
 * bert-base, where the series below took 60 ns a value); test/unit/kernels.test.ts checks the
 * kernels' GELU against geluErf here bit for bit. erf(x₀ + h) = erf(x₀) + Σₙ aₙ·hⁿ⁺¹, the Taylor
 * series at the nearest point x₀ of a grid of step 1/64 (|h| ≤ 1/128, h = |x| − x₀ exact), whose
 * coefficients follow from erf′ = 2/√π · e^(−x²) and the Hermite polynomials: the n-th derivative
 * of e^(−x²) is (−1)ⁿ·Hₙ(x)·e^(−x²). Odd by construction: erf(−x) is exactly −erf(x).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= ONE_FROM) return x < 0 ? -1 : 1;
  const t = (table ??= taylorTable());
  const k = Math.floor(a * POINTS_PER_UNIT + 0.5);
  const h = a - k / POINTS_PER_UNIT;
  const at = k * STRIDE;
  // Horner's rule, written out (TERMS = 8): a loop here made erf several times slower.
  const sum = ((((((t[at + 8] * h + t[at + 7]) * h + t[at + 6]) * h + t[at + 5]) * h + t[at + 4]) * h + t[at + 3]) * h + t[at + 2]) * h + t[at + 1];
  const value = t[at] + sum * h;
  return x < 0 ? -value : value;
}

/** The Taylor table of erf (STRIDE float64 per point k/64), for the kernels' GELU (src/kernels/assembly/modelOps.ts). */
export function erfTaylorTable(): Float64Array {
  return (table ??= taylorTable());
}

/** erf and the Taylor coefficients aₙ = 2/√π · e^(−x₀²) · (−1)ⁿ Hₙ(x₀) / (n + 1)! at every point. */
function taylorTable(): Float64Array {
  const points = ONE_FROM * POINTS_PER_UNIT + 1;
  const t = new Float64Array(points * STRIDE);
  for (let k = 0; k < points; k++) {
    const x0 = k / POINTS_PER_UNIT;
    const at = k * STRIDE;
    t[at] = erfSlow(x0);
    const derivative = TWO_OVER_SQRT_PI * Math.exp(-x0 * x0);
    // H₀ = 1, H₁ = 2x, Hₙ₊₁ = 2x·Hₙ − 2n·Hₙ₋₁.
    let previous = 0;
    let hermite = 1;
    let factorial = 1;
    for (let n = 0; n < TERMS; n++) {
      factorial *= n + 1;
      t[at + 1 + n] = (derivative * (n % 2 ? -hermite : hermite)) / factorial;
      [previous, hermite] = [hermite, 2 * x0 * hermite - 2 * n * previous];
    }
  }
  return t;
}

/**
 * erf at the table's points, slowly and to a few ulp. Small |x|: erf(x) = 2/√π · x·e^(−x²) ·
 * Σ (2x²)ⁿ / (1·3·…·(2n+1)), a series of positive terms, so nothing cancels (the alternating
 * Taylor series loses digits past 1). Larger: 1 − erfc(x), erfc(x) = e^(−x²)/√π ·
 * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), the continued fraction by the modified Lentz method.
 */
function erfSlow(x: number): number {
  const a = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
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

/**
 * The config's activation over every value, in place (computed in float64, stored in float32).
 * The exact GELU runs in the kernels (the same operations as geluErf, several times faster).
 */
export function activateInPlace(values: Float32Array, activation: Activation): void {
  if (activation === 'gelu') {
    loadKernels().geluErf(values, erfTaylorTable());
    return;
  }
  for (let i = 0; i < values.length; i++) values[i] = geluTanh(values[i]);
}
