// Kernels of a pretrained model's forward pass beside the products (kernels.ts re-exports this
// file): the bias of a linear layer, the exact GELU and LayerNorm, on the products while they are
// still in linear memory. Each gives exactly what the TypeScript it replaced gave
// (test/unit/kernels.test.ts).

import { COMBINE_ADD, combine } from './blockwise';

/** c[i][j] += v[j] for every row of c (rows × cols, contiguous): a linear layer's bias. */
export function addRowVector(c: usize, rows: i32, cols: i32, v: usize): void {
  for (let i = 0; i < rows; i++) combine(c + <usize>(i * cols) * 4, v, cols, COMBINE_ADD);
}

/**
 * The exact GELU, ½x(1 + erf(x/√2)), over `count` floats in place, in float64 and stored in
 * float32: the same operations, in the same order, as geluErf and erf of
 * src/common/models/forward/erf.ts, whose Taylor table (9 float64 per point: erf(k/64) and the
 * coefficients of h¹ … h⁸) `table` holds.
 */
export function geluErf(values: usize, count: i32, table: usize): void {
  for (let i = 0; i < count; i++) {
    const at = values + <usize>i * 4;
    const x = <f64>load<f32>(at);
    store<f32>(at, <f32>(0.5 * x * (1 + erf(x * Math.SQRT1_2, table))));
  }
}

/**
 * Without the branches of erf.ts on the sign and on |x| ≥ 6 (the signs of GELU's inputs are random,
 * so a branch on them is mispredicted half the time): |x| ≥ 6 reads the table's last point, 6,
 * where erf is exactly 1 and h = 0, and the sign is copied on. Both give the same numbers.
 */
function erf(x: f64, table: usize): f64 {
  if (isNaN(x)) return x;
  const a = min(abs(x), 6.0);
  const k = floor(a * 64 + 0.5);
  const h = a - k / 64;
  const t = table + <usize>(<i32>k * 9) * 8;
  const sum = ((((((load<f64>(t, 64) * h + load<f64>(t, 56)) * h + load<f64>(t, 48)) * h + load<f64>(t, 40)) * h + load<f64>(t, 32)) * h + load<f64>(t, 24)) * h + load<f64>(t, 16)) * h + load<f64>(t, 8);
  return copysign(load<f64>(t) + sum * h, x);
}

/**
 * LayerNorm over each row of x (rows × d) into out: (x − mean) / √(var + eps) · γ + β, var the
 * biased one, as PyTorch's. The mean and variance are summed in float64 (over hundreds of values
 * float32 would lose digits), the result stored in float32.
 */
export function layerNormRows(x: usize, out: usize, rows: i32, d: i32, gamma: usize, beta: usize, eps: f64): void {
  for (let i = 0; i < rows; i++) {
    const row = x + <usize>(i * d) * 4;
    const to = out + <usize>(i * d) * 4;
    let mean: f64 = 0;
    for (let j = 0; j < d; j++) mean += <f64>load<f32>(row + <usize>j * 4);
    mean /= d;
    let variance: f64 = 0;
    for (let j = 0; j < d; j++) {
      const deviation = <f64>load<f32>(row + <usize>j * 4) - mean;
      variance += deviation * deviation;
    }
    variance /= d;
    const inverse = 1 / Math.sqrt(variance + eps);
    for (let j = 0; j < d; j++) {
      const at = <usize>j * 4;
      store<f32>(to + at, <f32>((<f64>load<f32>(row + at) - mean) * inverse * <f64>load<f32>(gamma + at) + <f64>load<f32>(beta + at)));
    }
  }
}
