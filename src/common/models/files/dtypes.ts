/**
 * Stored floats to Float32Array. F32 keeps the file's memory when it can (safetensors' and
 * torch's data are aligned); F16 and BF16 are widened bit by bit, which is exact: every half and
 * every bfloat16 value, subnormals, ±0, ±Infinity and NaN (payload included) has a float32 with
 * the same value. F64 is rounded to the nearest float32, as `tensor.float()` does.
 */
import { decodeFloats, HOST_IS_LITTLE_ENDIAN } from '../../export/safetensors';

/** The dtypes the readers convert, and their sizes in bytes. */
export const FLOAT_DTYPE_BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

export const isFloatDtype = (dtype: string): boolean => Object.hasOwn(FLOAT_DTYPE_BYTES, dtype);

/**
 * `raw` (count · size bytes of `dtype`, little-endian unless `littleEndian` is false) as float32.
 * The caller checks the length; `dtype` must be one of FLOAT_DTYPE_BYTES.
 */
export function toFloat32(raw: Uint8Array, dtype: string, littleEndian = true): Float32Array {
  if (!littleEndian) raw = byteSwapped(raw, FLOAT_DTYPE_BYTES[dtype]);
  switch (dtype) {
    case 'F32':
      return decodeFloats(raw, 4) as Float32Array;
    case 'F64':
      return Float32Array.from(decodeFloats(raw, 8));
    case 'F16':
      return widen16(raw, halfBitsToFloatBits);
    case 'BF16':
      // bfloat16 is the upper half of a float32: shift it back into place.
      return widen16(raw, (bits) => bits << 16);
    default:
      throw new RangeError(`toFloat32: ${dtype} is not a float dtype`);
  }
}

/**
 * The float32 bit pattern of the IEEE 754 half with bits `h`: 1 sign, 5 exponent (bias 15) and 10
 * mantissa bits. A subnormal half (exponent 0) is m · 2^-24, normalised here by shifting its
 * mantissa up until the implicit bit appears; exponent 31 is Infinity (m = 0) or NaN.
 */
export function halfBitsToFloatBits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exponent = (h >> 10) & 0x1f;
  let mantissa = h & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
  if (exponent !== 0) return (sign | ((exponent + 112) << 23) | (mantissa << 13)) >>> 0;
  if (mantissa === 0) return sign >>> 0;
  // Subnormal: value m · 2^-24 = 1.f · 2^(e-15) with e counting down from 1 as m is shifted up.
  let e = 1;
  while ((mantissa & 0x400) === 0) {
    mantissa <<= 1;
    e--;
  }
  return (sign | ((e + 112) << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
}

/** The value of a half given by its bits (for tests and single values). */
export function halfToNumber(h: number): number {
  const bits = new Uint32Array([halfBitsToFloatBits(h)]);
  return new Float32Array(bits.buffer)[0];
}

/** Every 16-bit little-endian value of `raw` through `widenBits` into the bits of a float32. */
function widen16(raw: Uint8Array, widenBits: (bits: number) => number): Float32Array {
  const count = raw.length >> 1;
  const out = new Float32Array(count);
  // Writing bit patterns through a Uint32Array keeps NaN payloads, which a float store may not.
  const outBits = new Uint32Array(out.buffer);
  if (HOST_IS_LITTLE_ENDIAN && raw.byteOffset % 2 === 0) {
    const halves = new Uint16Array(raw.buffer, raw.byteOffset, count);
    for (let i = 0; i < count; i++) outBits[i] = widenBits(halves[i]);
  } else {
    for (let i = 0; i < count; i++) outBits[i] = widenBits(raw[2 * i] | (raw[2 * i + 1] << 8));
  }
  return out;
}

/** A copy of `raw` with each `size`-byte element's bytes reversed (for files saved big-endian). */
export function byteSwapped(raw: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += size) for (let j = 0; j < size; j++) out[i + j] = raw[i + size - 1 - j];
  return out;
}
