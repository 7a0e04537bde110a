/**
 * float32 values rounded to F16 (IEEE half) and BF16, to nearest with ties to even, as
 * `tensor.half()` and `tensor.bfloat16()` round: the bits a file stores, and the values they
 * stand for (what a reference must compute with). Written from the formats, not from the readers.
 */

const f32 = new Float32Array(1);
const bits32 = new Uint32Array(f32.buffer);

/** The BF16 bits of x: the upper half of its float32, rounded. */
export function bfloat16Bits(x: number): number {
  f32[0] = x;
  const bits = bits32[0];
  if ((bits & 0x7fffffff) > 0x7f800000) return (bits >>> 16) | 0x40; // NaN stays NaN
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/** The F16 bits of x: 1 sign, 5 exponent (bias 15), 10 mantissa bits; subnormals below 2^-14, ±Infinity past 65504. */
export function halfBits(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (Number.isNaN(x)) return 0x7e00;
  if (a >= 65520) return sign | 0x7c00; // 65504 + half an ulp rounds up to Infinity
  if (a < 2 ** -14) return sign | roundEven(a / 2 ** -24); // subnormal: a multiple of 2^-24 (may round up to the smallest normal, 0x400)
  const exponent = Math.floor(Math.log2(a));
  const e = a >= 2 ** (exponent + 1) ? exponent + 1 : a < 2 ** exponent ? exponent - 1 : exponent; // log2's rounding, corrected
  const mantissa = roundEven((a / 2 ** e - 1) * 1024); // 0 … 1024: 1024 carries into the exponent
  return sign | (((e + 15) << 10) + mantissa);
}

/** The value of F16 bits. */
export function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return exponent === 0 ? sign * mantissa * 2 ** -24 : sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** The value of BF16 bits. */
export function bfloat16Value(b: number): number {
  bits32[0] = (b & 0xffff) << 16;
  return f32[0];
}

function roundEven(x: number): number {
  const floor = Math.floor(x);
  const rest = x - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export type StoredDtype = 'F32' | 'F16' | 'BF16';

/** The little-endian bytes of `values` stored as `dtype`, and the float32 values they stand for. */
export function storeAs(values: Float32Array, dtype: StoredDtype): { bytes: Uint8Array; values: Float32Array } {
  if (dtype === 'F32') return { bytes: new Uint8Array(values.slice().buffer), values };
  const bits = Uint16Array.from(values, dtype === 'F16' ? halfBits : bfloat16Bits);
  const stored = Float32Array.from(bits, dtype === 'F16' ? halfValue : bfloat16Value);
  return { bytes: new Uint8Array(bits.buffer), values: stored };
}
