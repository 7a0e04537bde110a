/**
 * The elementwise steps between the matrix products, on row-major float32 matrices. Each sum
 * is taken in float64 (a LayerNorm's mean and variance over hundreds of values would otherwise
 * lose digits) and stored in float32, as the kernels' products are.
 */
import type { Kernels } from '../../kernels/kernels';
import type { LayerNormWeights, Linear } from '../files/requireWeights';

/**
 * LayerNorm over each row of x (rows × d): (x − mean) / √(var + eps) · γ + β, var the biased one,
 * as PyTorch's; in the kernels (src/kernels/assembly/modelOps.ts), its sums in float64.
 */
export function layerNorm(kernels: Kernels, x: Float32Array, rows: number, d: number, norm: LayerNormWeights, eps: number): Float32Array {
  return kernels.layerNorm(x, rows, d, norm.weight.data, norm.bias.data, eps);
}

/** target += addend, elementwise and in place: the residual connections. */
export function addInPlace(target: Float32Array, addend: Float32Array): Float32Array {
  for (let i = 0; i < target.length; i++) target[i] += addend[i];
  return target;
}

/**
 * x (rows × in) · Wᵀ + b for an nn.Linear, whose weight PyTorch stores out × in: the kernels'
 * A·Bᵀ reads W as it is, so nothing is transposed or copied.
 */
export function linear(kernels: Kernels, x: Float32Array, rows: number, layer: Linear): Float32Array {
  const [out, inputs] = layer.weight.shape;
  return kernels.matmulTransposed(x, layer.weight.data, rows, inputs, out, layer.bias.data);
}

/** x (rows × in) · W + b for GPT-2's Conv1D, whose weight is stored in × out. */
export function conv1d(kernels: Kernels, x: Float32Array, rows: number, layer: Linear): Float32Array {
  const [inputs, out] = layer.weight.shape;
  return kernels.matmul(x, layer.weight.data, rows, inputs, out, layer.bias.data);
}

/** Columns from..from+width of every row of m (a row `stride` wide): one head's block of Q, K or V. */
export function columns(m: Float32Array, rows: number, stride: number, from: number, width: number): Float32Array {
  const out = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) out.set(m.subarray(i * stride + from, i * stride + from + width), i * width);
  return out;
}
