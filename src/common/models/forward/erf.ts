/**
 * erf in float64 and the two GELUs of the feed-forward block. BERT's "gelu" is PyTorch's exact
 * nn.GELU, x·Φ(x) = ½x(1 + erf(x/√2)); a cheap erf (Abramowitz–Stegun 7.1.26 is good to only
 * ~1e-7) would put an error of that size into every layer, so erf here is fdlibm's, good to
 * under one ulp. GPT-2's "gelu_new" is the tanh approximation it was trained with: the two
 * differ by up to ~5e-4, far more than float32 rounding, so each model must get its own.
 *
 * erf: the rational approximations and the method of FreeBSD's lib/msun/src/s_erf.c, whose
 * notice follows.
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunPro, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this software is freely granted, provided
 *   that this notice is preserved.
 */
import type { Activation } from '../files/config';

/** erf on [0, 0.84375]: erf(x) = x + x·P(x²)/Q(x²), with 2/√π − 1 folded into P. */
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
/** On [0.84375, 1.25]: erf(x) = ERX + P(x − 1)/Q(x − 1), ERX erf(1) to 24 bits so the sum keeps its low bits. */
const ERX = 8.45062911510467529297e-1;
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
/** Past 1.25: erfc(x) = exp(−x² − 0.5625 + R(1/x²)/S(1/x²)) / x; one pair up to 1/0.35, another beyond. */
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

/** c[0] + c[1]·t + c[2]·t² + … by Horner's rule. */
function poly(c: readonly number[], t: number): number {
  let sum = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) sum = sum * t + c[i];
  return sum;
}

/** The error function, to within an ulp or so of the true value, for every float64. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (a < 0.84375) {
    // Below 2⁻²⁸ the rational part is below an ulp of x: erf(x) = x·2/√π.
    if (a < 2 ** -28) return x + x * PP[0];
    const z = x * x;
    return x + x * (poly(PP, z) / poly(QQ, z));
  }
  if (a < 1.25) return sign * (ERX + poly(PA, a - 1) / poly(QA, a - 1));
  // erf(x) rounds to ±1 from here on (erfc(6) ≈ 2e-17 is below half an ulp of 1).
  if (a >= 6) return sign;
  const s = 1 / (a * a);
  const rs = a < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
  // exp(−a²) as exp(−z²)·exp((z − a)(z + a)), z = a to 24 bits: z² is exact, so the rounding of a²
  // (relative ε·a², up to 36ε at a = 6) never reaches the result.
  const z = Math.fround(a);
  const erfc = (Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + rs)) / a;
  return sign * (1 - erfc);
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
