// Kernels of the blockwise (FlashAttention-style) pass over a long selection, beside the gemm of
// kernels.ts: the online softmax of a block of scores, the weights of a block from a row's final
// maximum and sum, and the block maxima of an overview. Compiled into the same module
// (kernels.ts re-exports this file). Every matrix is row-major float32 in linear memory, given
// by byte offset and leading dimension (floats between two rows).
//
// A row's results depend only on that row's values and on the order its key blocks come in, not
// on which other rows share its block: so a query's numbers do not depend on how the rows of a
// selection are split between workers.

import { exp4 } from './exp';

/** Combine modes of `combine`. */
export const COMBINE_COPY = 0;
export const COMBINE_ADD = 1;
export const COMBINE_MAX = 2;

/**
 * One key block of the online softmax, for `rows` query rows: s holds their scaled scores against
 * `cols` keys. With causal, row i sees only keys 0 … diag+i of the block (diag = the query index
 * of row 0 minus the key index of column 0); nothing past that is read (it need not have been
 * computed). For each row, with m its running maximum and l its running sum of exp(s − m):
 * m' = max(m, max of the block); when m' > m, l and row i of Z (dz columns) are multiplied by
 * exp(m − m'); s becomes P = exp(s − m') (0 where masked); l' = l + Σ P. The caller then adds
 * P · V_block to Z. A row that sees no key of the block is left as it was (P = 0), so a block
 * that lies wholly past a row's diagonal changes none of its numbers.
 */
export function onlineSoftmax(
  s: usize, lds: i32, rows: i32, cols: i32, causal: bool, diag: i32,
  m: usize, l: usize, z: usize, ldz: i32, dz: i32,
): void {
  for (let i = 0; i < rows; i++) {
    const row = s + <usize>(i * lds) * 4;
    const len = causal ? min(cols, max(0, diag + i + 1)) : cols;
    if (len == 0) {
      memory.fill(row, 0, <usize>cols * 4);
      continue;
    }
    const mi = m + <usize>i * 4;
    const li = l + <usize>i * 4;
    const old = load<f32>(mi);
    const top = rowMax(row, len);
    let sum = load<f32>(li);
    let shift = old;
    if (top > old) {
      const factor = exp1(old - top);
      sum *= factor;
      scaleRow(z + <usize>(i * ldz) * 4, dz, factor);
      store<f32>(mi, top);
      shift = top;
    }
    sum += expRow(row, len, shift, 1, false);
    if (len < cols) memory.fill(row + <usize>len * 4, 0, <usize>(cols - len) * 4);
    store<f32>(li, sum);
  }
}

/**
 * The weights of a block from each row's final maximum m and sum l (of the whole row):
 * s = exp(s − m) · (1 / l), 0 where masked (causal, diag as for onlineSoftmax).
 */
export function softmaxWeights(s: usize, lds: i32, rows: i32, cols: i32, causal: bool, diag: i32, m: usize, l: usize): void {
  for (let i = 0; i < rows; i++) {
    const row = s + <usize>(i * lds) * 4;
    const len = causal ? min(cols, max(0, diag + i + 1)) : cols;
    if (len > 0) {
      const inv: f32 = 1 / load<f32>(l + <usize>i * 4);
      expRow(row, len, load<f32>(m + <usize>i * 4), inv, true);
    }
    if (len < cols) memory.fill(row + <usize>len * 4, 0, <usize>(cols - len) * 4);
  }
}

/**
 * Block maxima: for row i and column j of src (rows × cols), cell ((rowPhase + i) / block,
 * (colPhase + j) / block) of dst (leading dimension ldd) becomes the larger of itself and
 * src[i][j]. For values ≥ 0 (weights), so dst starts at 0. The rows of one cell row are first
 * reduced column by column into `work` (cols floats), then each cell's columns: a division per
 * cell row only.
 */
export function blockMax(src: usize, lds: i32, rows: i32, cols: i32, rowPhase: i32, colPhase: i32, block: i32, dst: usize, ldd: i32, work: usize): void {
  let i = 0;
  while (i < rows) {
    const cellRow = (rowPhase + i) / block;
    const end = min(rows, (cellRow + 1) * block - rowPhase);
    memory.copy(work, src + <usize>(i * lds) * 4, <usize>cols * 4);
    for (let r = i + 1; r < end; r++) {
      const row = src + <usize>(r * lds) * 4;
      let j = 0;
      for (; j + 4 <= cols; j += 4) {
        const at = work + <usize>j * 4;
        v128.store(at, f32x4.pmax(v128.load(at), v128.load(row + <usize>j * 4)));
      }
      for (; j < cols; j++) {
        const at = work + <usize>j * 4;
        store<f32>(at, larger(load<f32>(at), load<f32>(row + <usize>j * 4)));
      }
    }
    let cell = dst + <usize>(cellRow * ldd + colPhase / block) * 4;
    let j = 0;
    if (block == 4 && colPhase % 4 == 0) {
      // Four cells of four columns at a time: a 4 × 4 transpose by shuffles, reduced as it goes.
      for (; j + 16 <= cols; j += 16) {
        const p = work + <usize>j * 4;
        const a = v128.load(p), b = v128.load(p, 16), c = v128.load(p, 32), d = v128.load(p, 48);
        const ab = f32x4.pmax(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
        const cd = f32x4.pmax(v128.shuffle<f32>(c, d, 0, 1, 4, 5), v128.shuffle<f32>(c, d, 2, 3, 6, 7));
        const tops = f32x4.pmax(v128.shuffle<f32>(ab, cd, 0, 2, 4, 6), v128.shuffle<f32>(ab, cd, 1, 3, 5, 7));
        v128.store(cell, f32x4.pmax(v128.load(cell), tops));
        cell += 16;
      }
    }
    let next = ((colPhase + j) / block + 1) * block - colPhase;
    while (j < cols) {
      const stop = min(cols, next);
      let top = f32x4.splat(0);
      for (; j + 4 <= stop; j += 4) top = f32x4.pmax(top, v128.load(work + <usize>j * 4));
      top = f32x4.pmax(top, v128.shuffle<f32>(top, top, 2, 3, 0, 1));
      top = f32x4.pmax(top, v128.shuffle<f32>(top, top, 1, 0, 3, 2));
      let value = f32x4.extract_lane(top, 0);
      for (; j < stop; j++) value = larger(value, load<f32>(work + <usize>j * 4));
      store<f32>(cell, larger(load<f32>(cell), value));
      cell += 4;
      next += block;
    }
    i = end;
  }
}

/** The larger of two weights (not NaN, and ±0 alike): a compare and a select, where f32.max is several instructions for NaN and −0. */
// @ts-ignore: decorator (AssemblyScript inlines it; TypeScript allows decorators on classes only)
@inline function larger(a: f32, b: f32): f32 {
  return select<f32>(b, a, b > a);
}

/** dst = src, dst + src or max(dst, src) (COMBINE_COPY, _ADD, _MAX), over `count` contiguous floats. */
export function combine(dst: usize, src: usize, count: i32, mode: i32): void {
  if (mode == COMBINE_COPY) {
    memory.copy(dst, src, <usize>count * 4);
    return;
  }
  let j = 0;
  const add = mode == COMBINE_ADD;
  for (; j + 4 <= count; j += 4) {
    const at = dst + <usize>j * 4;
    const a = v128.load(at);
    const b = v128.load(src + <usize>j * 4);
    v128.store(at, add ? f32x4.add(a, b) : f32x4.pmax(a, b));
  }
  for (; j < count; j++) {
    const at = dst + <usize>j * 4;
    const a = load<f32>(at);
    const b = load<f32>(src + <usize>j * 4);
    store<f32>(at, add ? a + b : max(a, b));
  }
}

/** dst = alpha · dst over `count` contiguous floats. */
export function scaleValues(dst: usize, count: i32, alpha: f32): void {
  scaleRow(dst, count, alpha);
}

function scaleRow(p: usize, count: i32, factor: f32): void {
  const f = f32x4.splat(factor);
  let j = 0;
  for (; j + 4 <= count; j += 4) v128.store(p + <usize>j * 4, f32x4.mul(v128.load(p + <usize>j * 4), f));
  for (; j < count; j++) store<f32>(p + <usize>j * 4, load<f32>(p + <usize>j * 4) * factor);
}

function rowMax(s: usize, len: i32): f32 {
  let j = 0;
  let top4 = f32x4.splat(-Infinity);
  for (; j + 4 <= len; j += 4) top4 = f32x4.pmax(top4, v128.load(s + <usize>j * 4));
  let top = max(max(f32x4.extract_lane(top4, 0), f32x4.extract_lane(top4, 1)), max(f32x4.extract_lane(top4, 2), f32x4.extract_lane(top4, 3)));
  for (; j < len; j++) top = max(top, load<f32>(s + <usize>j * 4));
  return top;
}

/**
 * s[j] = exp(s[j] − shift) (· scale when scaled) for j < len, in place; returns Σ exp(s[j] − shift)
 * (unscaled): four lanes summed in turn, then (lane 0 + lane 1) + (lane 2 + lane 3), then the tail.
 */
function expRow(s: usize, len: i32, shift: f32, scale: f32, scaled: bool): f32 {
  const by = f32x4.splat(shift);
  const times = f32x4.splat(scale);
  let sum4 = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= len; j += 4) {
    const p = s + <usize>j * 4;
    const e = exp4(f32x4.sub(v128.load(p), by));
    sum4 = f32x4.add(sum4, e);
    v128.store(p, scaled ? f32x4.mul(e, times) : e);
  }
  let sum = (f32x4.extract_lane(sum4, 0) + f32x4.extract_lane(sum4, 1)) + (f32x4.extract_lane(sum4, 2) + f32x4.extract_lane(sum4, 3));
  for (; j < len; j++) {
    const p = s + <usize>j * 4;
    const e = exp1(load<f32>(p) - shift);
    sum += e;
    store<f32>(p, scaled ? e * scale : e);
  }
  return sum;
}

function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}
