/**
 * A weight as the readers hand it over: float32 values in row-major (C) order, whatever the file
 * stored (F32, F16, BF16; F64 rounded), plus the dtype it was stored in, for messages.
 */
export interface WeightTensor {
  readonly shape: readonly number[];
  /** The stored dtype, in safetensors' spelling: "F32", "F16", "BF16", "F64". */
  readonly dtype: string;
  /** shape's product values; may share memory with the file's bytes (F32, aligned). */
  readonly data: Float32Array;
}

/** Tensors by name, in file order. */
export type WeightMap = ReadonlyMap<string, WeightTensor>;

/** Which tensors to decode: the others are neither converted nor checked for their dtype. */
export type TensorFilter = (name: string) => boolean;

export const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
