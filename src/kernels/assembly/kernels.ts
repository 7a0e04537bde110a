// Float32 kernels of the attention pass, in AssemblyScript, compiled to WebAssembly with 128-bit
// SIMD (f32x4) by scripts/build.mjs. AssemblyScript because it builds on a fresh machine from
// `npm ci` alone (no apt package, no native toolchain) and has the v128/f32x4 intrinsics.
//
// No allocator and no GC (`--runtime stub`): every matrix lives in linear memory that the
// TypeScript side grows with memory.grow and lays out itself; it passes byte offsets here.
// Matrices are row-major float32 with a leading dimension (elements between two rows), so a
// kernel can read or write a block of a wider matrix (Q, K and V side by side in one buffer).

import { exp4 } from './exp';

/** Rows × columns of the register tile: 4 rows × 8 columns = 8 f32x4 accumulators. */
const MR = 4;
const NR = 8;
/**
 * Depth and width of one block of packed B: 512 × 256 floats = 512 KiB, kept in L2 (1 MiB on Zen 4).
 * The depth is 512 rather than 256 so that a tile of C is loaded and stored half as often (the
 * products of ·V have depth N) and X·Wqkv (depth d_model = 512) is one block: 2–4 % faster.
 */
const KC = 512;
const NC = 256;
/** Rows of A packed at a time: 128 × 512 floats = 256 KiB, kept in L2 too. */
const MC = 128;

/** C += alpha·A·B instead of C = alpha·A·B. */
export const ACCUMULATE = 1;
/** A is lower-triangular (causal attention weights): row i of A is zero past column i. */
export const LOWER_A = 2;
/** Skip the tiles of C that lie wholly above the diagonal (causal scores, masked anyway). */
export const SKIP_UPPER = 4;

/** Bytes that packB writes for a k × n matrix: n rounded up to whole panels of NR columns. */
export function packedBytes(k: i32, n: i32): i32 {
  return k * ((n + NR - 1) / NR) * NR * 4;
}

/** Rows of the register tile: blocks of rows that are a multiple of it leave no tile cut short. */
export function tileRows(): i32 {
  return MR;
}

/** Bytes of the scratch that gemmPacked needs to pack a block of A. */
export function packAWorkBytes(): i32 {
  return MC * KC * 4;
}

/** An MR × NR tile of C for the tiles cut off by the matrix's edge. */
const edgeTile: usize = memory.data(MR * NR * 4, 16);

/**
 * C (m × n) = alpha · A (m × k) · B (k × n) (+ C with ACCUMULATE), for B read as B[p][j] =
 * b[p·ldb + j], or with transB as B[p][j] = b[j·ldb + p] (the product A·Bᵀ of a row-major n × k
 * matrix). `work` holds packedBytes(k, n) + packAWorkBytes().
 */
export function gemm(
  m: i32, n: i32, k: i32,
  a: usize, lda: i32,
  b: usize, ldb: i32, transB: bool,
  c: usize, ldc: i32,
  alpha: f32, flags: i32, work: usize,
): void {
  packB(k, n, b, ldb, transB, work);
  gemmPacked(m, n, k, a, lda, work, k, n, c, ldc, alpha, flags, 0, work + <usize>packedBytes(k, n));
}

/**
 * Packs B (k × n, read as gemm reads it) for gemmPacked, into `dst` (packedBytes(k, n)): blocks
 * of KC × NC, column blocks outermost; in a block, panels of NR columns, each the NR values of
 * B[p][j … j+NR) for p in turn (zero past the last column), so the micro-kernel reads a stream.
 * A matrix used by many products (K and V by every block of rows) is packed once.
 */
export function packB(k: i32, n: i32, b: usize, ldb: i32, transB: bool, dst: usize): void {
  for (let jc = 0; jc < n; jc += NC) {
    const nb = min(NC, n - jc);
    const nb8 = (nb + NR - 1) / NR * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kb = min(KC, k - pc);
      const block = dst + <usize>(jc * k + pc * nb8) * 4;
      for (let jr = 0; jr < nb; jr += NR) {
        const cols = min(NR, nb - jr);
        let out = block + <usize>(jr * kb) * 4;
        if (!transB && cols == NR) {
          let src = b + <usize>(pc * ldb + jc + jr) * 4;
          const step = <usize>ldb * 4;
          for (let p = 0; p < kb; p++) {
            v128.store(out, v128.load(src));
            v128.store(out, v128.load(src, 16), 16);
            src += step;
            out += NR * 4;
          }
        } else if (transB && cols == NR) {
          // Bᵀ: column j of the panel is row jc+jr+j of b, contiguous in p. Four values of four
          // rows at a time, transposed in registers, become four steps of half the panel: a
          // pretrained model's nn.Linear weights (out × in) are all packed this way, every pass.
          const rows = b + <usize>((jc + jr) * ldb + pc) * 4;
          const step = <usize>ldb * 4;
          let p = 0;
          for (; p + 4 <= kb; p += 4) {
            const dst = out + <usize>(p * NR) * 4;
            transpose4x4(rows + <usize>p * 4, step, dst, NR * 4);
            transpose4x4(rows + 4 * step + <usize>p * 4, step, dst + 16, NR * 4);
          }
          for (; p < kb; p++) {
            for (let j = 0; j < NR; j++) store<f32>(out + <usize>(p * NR + j) * 4, load<f32>(rows + <usize>j * step + <usize>p * 4));
          }
        } else {
          for (let p = 0; p < kb; p++) {
            for (let j = 0; j < NR; j++) {
              let value: f32 = 0;
              if (j < cols) {
                const row = transB ? jc + jr + j : pc + p;
                const col = transB ? pc + p : jc + jr + j;
                value = load<f32>(b + <usize>(row * ldb + col) * 4);
              }
              store<f32>(out + <usize>j * 4, value);
            }
            out += NR * 4;
          }
        }
      }
    }
  }
}

/**
 * C (m × n) = alpha · A · B (+ C) with B the first k rows and n columns of a matrix that packB
 * packed as packedK × packedN; A is row-major (m × k, leading dimension lda), packed here MC rows
 * at a time into `work` (packAWorkBytes()). Blocked as GotoBLAS is: per block of B in L2 and
 * block of A in L2, 4 × 8 register tiles; tiles cut by an edge of C are computed whole into a
 * scratch tile and copied in part, so any sizes work. `diag` is the row of the whole matrix that
 * row 0 of C is, for the causal flags (a block of rows at a time).
 */
export function gemmPacked(
  m: i32, n: i32, k: i32,
  a: usize, lda: i32,
  packed: usize, packedK: i32, packedN: i32,
  c: usize, ldc: i32,
  alpha: f32, flags: i32, diag: i32, work: usize,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if ((flags & ACCUMULATE) == 0) for (let i = 0; i < m; i++) memory.fill(c + <usize>(i * ldc) * 4, 0, <usize>n * 4);
    return;
  }
  const lowerA = (flags & LOWER_A) != 0;
  const skipUpper = (flags & SKIP_UPPER) != 0;
  n = min(n, packedN);
  k = min(k, packedK);
  for (let jc = 0; jc < n; jc += NC) {
    const nb = min(NC, n - jc);
    // Where packB put the block: its layout is that of the whole packed matrix.
    const packedNb8 = (min(NC, packedN - jc) + NR - 1) / NR * NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kb = min(KC, k - pc);
      const packedKb = min(KC, packedK - pc);
      // With a lower-triangular A, no row has anything from column diag + m on.
      if (lowerA && pc >= diag + m) break;
      const block = packed + <usize>(jc * packedK + pc * packedNb8) * 4;
      const accumulate = pc > 0 || (flags & ACCUMULATE) != 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mb = min(MC, m - ic);
        packA(mb, kb, a + <usize>(ic * lda + pc) * 4, lda, work);
        for (let jr = 0; jr < nb; jr += NR) {
          const cols = min(NR, nb - jr);
          const j0 = jc + jr;
          const panel = block + <usize>(jr * packedKb) * 4;
          for (let ir = 0; ir < mb; ir += MR) {
            const i0 = ic + ir;
            const rows = min(MR, mb - ir);
            if (skipUpper && j0 > diag + i0 + rows - 1) continue;
            let depth = kb;
            if (lowerA) {
              // Rows diag+i0 … of A are zero from column diag+i0+rows on; when nothing is left
              // (only when pc > 0), C already holds its sum.
              depth = min(kb, diag + i0 + rows - pc);
              if (depth <= 0) continue;
            }
            const ap = work + <usize>(ir * kb) * 4;
            const target = c + <usize>(i0 * ldc + j0) * 4;
            if (rows == MR && cols == NR) {
              tile4x8(depth, ap, panel, target, <usize>ldc * 4, alpha, accumulate);
            } else {
              tile4x8(depth, ap, panel, edgeTile, NR * 4, alpha, false);
              for (let r = 0; r < rows; r++) {
                for (let j = 0; j < cols; j++) {
                  const from = load<f32>(edgeTile + <usize>(r * NR + j) * 4);
                  const to = target + <usize>(r * ldc + j) * 4;
                  store<f32>(to, accumulate ? load<f32>(to) + from : from);
                }
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Packs rows × kb of A into panels of MR rows, each kb steps of the MR values A[i … i+MR)[p]
 * (zero past the last row), so the micro-kernel reads all four rows through one pointer. Whole
 * 4 × 4 blocks are transposed in registers.
 */
function packA(rows: i32, kb: i32, a: usize, lda: i32, dst: usize): void {
  const step = <usize>lda * 4;
  for (let ir = 0; ir < rows; ir += MR) {
    const left = rows - ir;
    const r0 = a + <usize>ir * step;
    let out = dst + <usize>(ir * kb) * 4;
    let p = 0;
    if (left >= MR) {
      for (; p + 4 <= kb; p += 4) {
        transpose4x4(r0 + <usize>p * 4, step, out, 16);
        out += 4 * MR * 4;
      }
    }
    for (; p < kb; p++) {
      for (let r = 0; r < MR; r++) store<f32>(out + <usize>r * 4, r < left ? load<f32>(r0 + <usize>r * step + <usize>p * 4) : 0);
      out += MR * 4;
    }
  }
}

/** Four floats of each of four rows (`srcStride` bytes apart) stored as four columns (`dstStride` bytes apart). */
// @ts-ignore: decorator (AssemblyScript inlines it; TypeScript allows decorators on classes only)
@inline function transpose4x4(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  const x0 = v128.load(src);
  const x1 = v128.load(src + srcStride);
  const x2 = v128.load(src + 2 * srcStride);
  const x3 = v128.load(src + 3 * srcStride);
  const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + dstStride, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * dstStride, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * dstStride, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/**
 * The micro-kernel: a 4 × 8 tile of C from `depth` steps of a packed panel of A and one of B,
 * in 8 f32x4 accumulators. Each step is 4 splats, 2 loads, 8 multiplies and 8 adds: 64 flops.
 * V8's code for it uses 15 of the 16 SIMD registers (it loads the four splats up front, and
 * needs a register for each product, as there is no fused multiply-add): a 5 × 8 tile, or the
 * loop unrolled twice, spills accumulators to the stack and runs 20–50 % slower. V8 puts all the
 * loads of an iteration before its arithmetic, so they all hold a register at once; on Zen 4 the
 * loop runs at about 11.5 of the 16 flops a cycle that 2 multiplies and 2 adds of f32x4 allow,
 * bound by its 6 loads (with 4 it would reach 14). Measured no faster: A packed pre-splatted (plain
 * loads, no address arithmetic), one load of A splatted by shuffles (they take the FP pipes).
 * A function of its own (not inlined) so that V8 tiers it up to optimised code within the first
 * call of gemm: V8 replaces a WebAssembly function's baseline code only on its next call.
 */
function tile4x8(depth: i32, ap: usize, panel: usize, c: usize, ldc: usize, alpha: f32, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let p = panel;
  const end = ap + <usize>depth * MR * 4;
  while (ap < end) {
    const b0 = v128.load(p);
    const b1 = v128.load(p, 16);
    let s = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(s, b0));
    c01 = f32x4.add(c01, f32x4.mul(s, b1));
    s = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(s, b0));
    c11 = f32x4.add(c11, f32x4.mul(s, b1));
    s = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(s, b0));
    c21 = f32x4.add(c21, f32x4.mul(s, b1));
    s = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(s, b0));
    c31 = f32x4.add(c31, f32x4.mul(s, b1));
    ap += MR * 4;
    p += NR * 4;
  }
  const scale = f32x4.splat(alpha);
  storeRow(c, c00, c01, scale, accumulate);
  storeRow(c + ldc, c10, c11, scale, accumulate);
  storeRow(c + 2 * ldc, c20, c21, scale, accumulate);
  storeRow(c + 3 * ldc, c30, c31, scale, accumulate);
}

// @ts-ignore: decorator (AssemblyScript inlines it; TypeScript allows decorators on classes only)
@inline function storeRow(c: usize, lo: v128, hi: v128, scale: v128, accumulate: bool): void {
  lo = f32x4.mul(lo, scale);
  hi = f32x4.mul(hi, scale);
  if (accumulate) {
    lo = f32x4.add(lo, v128.load(c));
    hi = f32x4.add(hi, v128.load(c, 16));
  }
  v128.store(c, lo);
  v128.store(c, hi, 16);
}

/** dst = alpha · src (rows × cols, contiguous); with causal, dst[i][j] = −∞ for j > i. */
export function scaleMask(src: usize, dst: usize, rows: i32, cols: i32, alpha: f32, causal: bool): void {
  const scale = f32x4.splat(alpha);
  for (let i = 0; i < rows; i++) {
    const s = src + <usize>(i * cols) * 4;
    const d = dst + <usize>(i * cols) * 4;
    const len = causal ? min(i + 1, cols) : cols;
    let j = 0;
    for (; j + 4 <= len; j += 4) v128.store(d + <usize>j * 4, f32x4.mul(v128.load(s + <usize>j * 4), scale));
    for (; j < len; j++) store<f32>(d + <usize>j * 4, load<f32>(s + <usize>j * 4) * alpha);
    for (; j < cols; j++) store<f32>(d + <usize>j * 4, -Infinity);
  }
}

/**
 * Row-wise softmax, shifted by the row's maximum, src → dst (may be the same buffer). With causal,
 * row i (row diag + i of the whole matrix) reads only src[i][0 … diag+i] (what lies above the
 * diagonal need not have been computed) and dst[i][j] = 0 past it, as exp(−∞) is.
 */
export function softmaxRows(src: usize, dst: usize, rows: i32, cols: i32, causal: bool, diag: i32): void {
  for (let i = 0; i < rows; i++) {
    const len = causal ? min(diag + i + 1, cols) : cols;
    const d = dst + <usize>(i * cols) * 4;
    softmaxRow(src + <usize>(i * cols) * 4, d, len);
    if (len < cols) memory.fill(d + <usize>len * 4, 0, <usize>(cols - len) * 4);
  }
}

function softmaxRow(s: usize, d: usize, len: i32): void {
  const top = rowMax(s, len);
  const sum = expShifted(s, d, len, top);
  const inv: f32 = 1 / sum;
  const scale = f32x4.splat(inv);
  let j = 0;
  for (; j + 8 <= len; j += 8) {
    const p = d + <usize>j * 4;
    v128.store(p, f32x4.mul(v128.load(p), scale));
    v128.store(p, f32x4.mul(v128.load(p, 16), scale), 16);
  }
  for (; j < len; j++) store<f32>(d + <usize>j * 4, load<f32>(d + <usize>j * 4) * inv);
}

/** The largest of s[0 … len), in four running maxima: one would wait on vmaxps's latency at every step. */
function rowMax(s: usize, len: i32): f32 {
  let m0 = f32x4.splat(-Infinity), m1 = m0, m2 = m0, m3 = m0;
  let j = 0;
  for (; j + 16 <= len; j += 16) {
    const p = s + <usize>j * 4;
    m0 = f32x4.pmax(m0, v128.load(p));
    m1 = f32x4.pmax(m1, v128.load(p, 16));
    m2 = f32x4.pmax(m2, v128.load(p, 32));
    m3 = f32x4.pmax(m3, v128.load(p, 48));
  }
  for (; j + 4 <= len; j += 4) m0 = f32x4.pmax(m0, v128.load(s + <usize>j * 4));
  const m = f32x4.pmax(f32x4.pmax(m0, m1), f32x4.pmax(m2, m3));
  let top = max(max(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), max(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
  for (; j < len; j++) top = max(top, load<f32>(s + <usize>j * 4));
  return top;
}

/** d[j] = e^(s[j] − top) for j < len; returns their sum. */
function expShifted(s: usize, d: usize, len: i32, top: f32): f32 {
  const shift = f32x4.splat(top);
  let sum4 = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= len; j += 4) {
    const e = exp4(f32x4.sub(v128.load(s + <usize>j * 4), shift));
    v128.store(d + <usize>j * 4, e);
    sum4 = f32x4.add(sum4, e);
  }
  let sum = (f32x4.extract_lane(sum4, 0) + f32x4.extract_lane(sum4, 1)) + (f32x4.extract_lane(sum4, 2) + f32x4.extract_lane(sum4, 3));
  for (; j < len; j++) {
    const e = f32x4.extract_lane(exp4(f32x4.splat(load<f32>(s + <usize>j * 4) - top)), 0);
    store<f32>(d + <usize>j * 4, e);
    sum += e;
  }
  return sum;
}

export * from './blockwise';
export * from './modelOps';
