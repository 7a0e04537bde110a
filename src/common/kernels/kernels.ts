/**
 * Float32 kernels of the attention pass in WebAssembly with 128-bit SIMD (src/kernels/assembly),
 * behind a small API on Float32Arrays: row-major matrices in, fresh row-major matrices out.
 * Platform-neutral: `WebAssembly` is a standard global in Node, web workers and browsers, and
 * synchronous instantiation is allowed in workers (and in Node anywhere).
 *
 * The module has no allocator: this side lays out every matrix in the module's linear memory
 * (growing it with memory.grow; it never shrinks) and passes byte offsets. A call copies its
 * inputs in and its results out, so nothing returned aliases the module's memory.
 */
import { wasmBase64 } from './wasmBinary';

/** One head, as src/common/attention's attentionHead computes it; every matrix row-major. */
export interface HeadArrays {
  /** N × dK each. */
  readonly q: Float32Array;
  readonly k: Float32Array;
  readonly v: Float32Array;
  /** N × N: Q·Kᵀ. */
  readonly scores: Float32Array;
  /** N × N: Q·Kᵀ / √dK; masked entries are −Infinity. */
  readonly scaled: Float32Array;
  /** N × N: softmax of each row of `scaled`; masked entries are 0. */
  readonly weights: Float32Array;
  /** N × dK: weights · V. */
  readonly z: Float32Array;
}

/** A layer's inputs in float32, laid out for the kernels. */
export interface LayerInputs {
  /** Tokens. */
  readonly n: number;
  readonly dModel: number;
  readonly dK: number;
  readonly heads: number;
  /** N × dModel: X. */
  readonly x: Float32Array;
  /** heads × dModel × 3·dK: each head's [Wq | Wk | Wv] side by side, so one product gives Q, K and V. */
  readonly wqkv: Float32Array;
  /** (heads · dK) × dModel: Wo. */
  readonly wo: Float32Array;
}

export interface Kernels {
  /** A (m × k) · B (k × n), + bias (n values) on every row when given: a linear layer. */
  matmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number, bias?: Float32Array): Float32Array;
  /** A (m × k) · Bᵀ, for B given as n × k: row i · row j; + bias as matmul's. */
  matmulTransposed(a: Float32Array, b: Float32Array, m: number, k: number, n: number, bias?: Float32Array): Float32Array;
  /**
   * The exact GELU in place, ½x(1 + erf(x/√2)) in float64 stored in float32, erf from its Taylor
   * table (erfTaylorTable of src/common/models/forward/erf.ts): bit for bit that file's geluErf.
   */
  geluErf(values: Float32Array, erfTable: Float64Array): void;
  /** LayerNorm over each row of x (rows × d), PyTorch's, its sums in float64: a fresh array. */
  layerNorm(x: Float32Array, rows: number, d: number, gamma: Float32Array, beta: Float32Array, eps: number): Float32Array;
  /** Row-wise softmax, shifted by each row's maximum; −Infinity gives exactly 0. */
  softmaxRows(scaled: Float32Array, rows: number, cols: number): Float32Array;
  /** One head from X (n × dModel) and its Wq, Wk, Wv (dModel × dK): every intermediate. */
  attentionHead(x: Float32Array, wq: Float32Array, wk: Float32Array, wv: Float32Array, n: number, dModel: number, dK: number, causal: boolean): HeadArrays;
  /**
   * The attention pass over some of the heads (all by default), one head at a time: the module
   * holds X, one head's Q, K and V, a block of rows of its scores, the heads' Z side by side
   * (concat(Z)) and the output, so its memory is O(N·dModel) whatever the number of heads. Each
   * head's weights (N × N, a fresh array unless `into` gives one) go to `onHead` as soon as they
   * are known; onHead may not call the kernels. Returns Σ over those heads of Z_h · Wo_h
   * (N × dModel): with every head, the output concat(Z) · Wo.
   */
  multiHead(inputs: LayerInputs, causal: boolean, onHead: (head: number, weights: Float32Array) => void, options?: MultiHeadOptions): Float32Array;
  /** Bytes of the module's linear memory now: the most it has used, as it never shrinks. */
  memoryBytes(): number;
}

export interface MultiHeadOptions {
  /** The heads to compute, in order (all by default). */
  readonly heads?: readonly number[];
  /** Milliseconds of each phase are added to it (onHead's own time left out). */
  readonly phases?: PhaseTimes;
  /**
   * N × N arrays to write the weights of heads[i] into (and hand to onHead) instead of fresh ones:
   * a caller that runs many passes (the benchmark) reuses its arrays, as numpy's allocator reuses
   * its memory, rather than paying every pass for the first touch of 4·N² new bytes a head.
   */
  readonly into?: readonly Float32Array[];
}

/** The phases of multiHead, in the order they run for a head (scores, softmax, copy and values by blocks of rows). */
export const PHASES = ['qkv', 'pack', 'scores', 'softmax', 'copy', 'values', 'output'] as const;
/**
 * Milliseconds per phase, summed over heads: qkv X·[Wq|Wk|Wv]; pack Kᵀ and V into panels; scores
 * Q·Kᵀ/√dK; softmax; copy the weights out of the module's memory into the head's fresh array
 * (allocation and first touch of its pages included); values weights·V; output concat(Z)·Wo, once
 * after the heads.
 */
export type PhaseTimes = Record<(typeof PHASES)[number], number>;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  gemm(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, transB: number, c: number, ldc: number, alpha: number, flags: number, work: number): void;
  packB(k: number, n: number, b: number, ldb: number, transB: number, dst: number): void;
  gemmPacked(m: number, n: number, k: number, a: number, lda: number, packed: number, packedK: number, packedN: number, c: number, ldc: number, alpha: number, flags: number, diag: number, work: number): void;
  packedBytes(k: number, n: number): number;
  packAWorkBytes(): number;
  tileRows(): number;
  scaleMask(src: number, dst: number, rows: number, cols: number, alpha: number, causal: number): void;
  softmaxRows(src: number, dst: number, rows: number, cols: number, causal: number, diag: number): void;
  addRowVector(c: number, rows: number, cols: number, v: number): void;
  geluErf(values: number, count: number, table: number): void;
  layerNormRows(x: number, out: number, rows: number, d: number, gamma: number, beta: number, eps: number): void;
}

/** The part of the WebAssembly global this needs (the root tsconfig's libs do not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

// Flags of gemm, as the AssemblyScript source defines them (ACCUMULATE, 1, is not used here).
const LOWER_A = 2;
const SKIP_UPPER = 4;
const PAGE = 65536;
const ALIGN = 64;
/**
 * Bytes of one block of rows of a head's scores: the block is scored, softmaxed, copied out and
 * multiplied by V while it is in L2, instead of going to memory and back between the steps.
 */
const ROW_BLOCK_BYTES = 256 * 1024;

let cached: Kernels | undefined;

/** The kernels, instantiated once per thread (synchronously: the module is a few KB). */
export function loadKernels(): Kernels {
  cached ??= instantiate(Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0)));
  return cached;
}

/** Whether this JavaScript engine has WebAssembly with 128-bit SIMD (that the module needs). */
export function hasWasmSimd(): boolean {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi & { validate?(bytes: Uint8Array): boolean } }).WebAssembly;
  // (module (func (result v128) v128.const i32x4 0 0 0 0))
  const probe = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11]);
  return api?.validate?.(probe) ?? false;
}

function instantiate(bytes: Uint8Array): Kernels {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api) throw new Error('this JavaScript engine has no WebAssembly');
  const exports = new api.Instance(new api.Module(bytes), {}).exports as Exports;
  const memory = new LinearMemory(exports.memory);
  /** Floats of scratch that gemm needs for a k × n B. */
  const gemmWork = (k: number, n: number) => (exports.packedBytes(k, n) + exports.packAWorkBytes()) / 4;

  /** A · B (or A · Bᵀ) with B's leading dimension as given, through the module's memory. */
  const product = (a: Float32Array, b: Float32Array, m: number, k: number, n: number, transB: boolean, bias?: Float32Array): Float32Array => {
    expectLength('A', a, m, k);
    expectLength(transB ? 'B (n × k)' : 'B', b, transB ? n : k, transB ? k : n);
    if (bias) expectLength('bias', bias, 1, n);
    const [pa, pb, pc, pbias, work] = memory.layout(m * k, k * n, m * n, bias ? n : 0, gemmWork(k, n));
    memory.f32(pa, m * k).set(a);
    memory.f32(pb, k * n).set(b);
    exports.gemm(m, n, k, pa, k, pb, transB ? k : n, transB ? 1 : 0, pc, n, 1, 0, work);
    if (bias) {
      memory.f32(pbias, n).set(bias);
      exports.addRowVector(pc, m, n, pbias);
    }
    return memory.f32(pc, m * n).slice();
  };

  return {
    matmul: (a, b, m, k, n, bias) => product(a, b, m, k, n, false, bias),
    matmulTransposed: (a, b, m, k, n, bias) => product(a, b, m, k, n, true, bias),

    geluErf(values, erfTable) {
      const [pv, pt] = memory.layout(values.length, erfTable.length * 2);
      memory.f32(pv, values.length).set(values);
      new Float64Array(exports.memory.buffer, pt, erfTable.length).set(erfTable);
      exports.geluErf(pv, values.length, pt);
      values.set(memory.f32(pv, values.length));
    },

    layerNorm(x, rows, d, gamma, beta, eps) {
      expectLength('x', x, rows, d);
      expectLength('γ', gamma, 1, d);
      expectLength('β', beta, 1, d);
      const [px, pout, pg, pb] = memory.layout(rows * d, rows * d, d, d);
      memory.f32(px, rows * d).set(x);
      memory.f32(pg, d).set(gamma);
      memory.f32(pb, d).set(beta);
      exports.layerNormRows(px, pout, rows, d, pg, pb, eps);
      return memory.f32(pout, rows * d).slice();
    },

    softmaxRows(scaled, rows, cols) {
      expectLength('scaled', scaled, rows, cols);
      const [p] = memory.layout(rows * cols);
      memory.f32(p, rows * cols).set(scaled);
      exports.softmaxRows(p, p, rows, cols, 0, 0);
      return memory.f32(p, rows * cols).slice();
    },

    attentionHead(x, wq, wk, wv, n, dModel, dK, causal) {
      expectLength('X', x, n, dModel);
      for (const [name, w] of [['Wq', wq], ['Wk', wk], ['Wv', wv]] as const) expectLength(name, w, dModel, dK);
      const nd = n * dK;
      const nn = n * n;
      const [px, pw, pq, pk, pv, pScores, pScaled, pWeights, pz, work] = memory.layout(n * dModel, 3 * dModel * dK, nd, nd, nd, nn, nn, nn, nd, gemmWork(Math.max(dModel, n), Math.max(dK, n)));
      memory.f32(px, n * dModel).set(x);
      const w = memory.f32(pw, 3 * dModel * dK);
      [wq, wk, wv].forEach((m, i) => w.set(m, i * dModel * dK));
      const pwOf = (i: number) => pw + i * dModel * dK * 4;
      exports.gemm(n, dK, dModel, px, dModel, pwOf(0), dK, 0, pq, dK, 1, 0, work);
      exports.gemm(n, dK, dModel, px, dModel, pwOf(1), dK, 0, pk, dK, 1, 0, work);
      exports.gemm(n, dK, dModel, px, dModel, pwOf(2), dK, 0, pv, dK, 1, 0, work);
      exports.gemm(n, n, dK, pq, dK, pk, dK, 1, pScores, n, 1, 0, work);
      exports.scaleMask(pScores, pScaled, n, n, 1 / Math.sqrt(dK), causal ? 1 : 0);
      exports.softmaxRows(pScaled, pWeights, n, n, causal ? 1 : 0, 0);
      exports.gemm(n, dK, n, pWeights, n, pv, dK, 0, pz, dK, 1, causal ? LOWER_A : 0, work);
      const out = (p: number, length: number) => memory.f32(p, length).slice();
      return { q: out(pq, nd), k: out(pk, nd), v: out(pv, nd), scores: out(pScores, nn), scaled: out(pScaled, nn), weights: out(pWeights, nn), z: out(pz, nd) };
    },

    multiHead(inputs, causal, onHead, { heads = Array.from({ length: inputs.heads }, (_, h) => h), phases, into } = {}) {
      const { n, dModel, dK } = inputs;
      into?.forEach((array, i) => expectLength(`weights of head ${heads[i]}`, array, n, n));
      expectLength('X', inputs.x, n, dModel);
      expectLength('Wqkv', inputs.wqkv, inputs.heads * dModel, 3 * dK);
      expectLength('Wo', inputs.wo, inputs.heads * dK, dModel);
      const wide = 3 * dK;
      // Rows per block: a whole number of register tiles, about ROW_BLOCK_BYTES of scores.
      const tile = exports.tileRows();
      const block = Math.max(tile, Math.floor(ROW_BLOCK_BYTES / 4 / Math.max(n, 1) / tile) * tile);
      const alpha = 1 / Math.sqrt(dK);
      // concat(Z) of these heads, N × concatWidth: Z of heads[i] in columns i·dK … (i+1)·dK − 1.
      const concatWidth = heads.length * dK;
      const [px, pw, pwo, pqkv, pkt, pvp, ps, pconcat, pout, work] = memory.layout(
        n * dModel, dModel * wide, concatWidth * dModel, n * wide,
        exports.packedBytes(dK, n) / 4, exports.packedBytes(n, dK) / 4,
        block * n, n * concatWidth, n * dModel, gemmWork(Math.max(dModel, concatWidth), Math.max(wide, dModel)),
      );
      for (const h of heads) if (!Number.isInteger(h) || h < 0 || h >= inputs.heads) throw new RangeError(`there is no head ${h}`);
      memory.f32(px, n * dModel).set(inputs.x);
      const lap = stopwatch(phases);
      for (const [i, h] of heads.entries()) {
        memory.f32(pw, dModel * wide).set(inputs.wqkv.subarray(h * dModel * wide, (h + 1) * dModel * wide));
        // Wo_h, the head's dK rows of Wo, as rows i·dK … of the Wo that concat(Z) meets.
        memory.f32(pwo + i * dK * dModel * 4, dK * dModel).set(inputs.wo.subarray(h * dK * dModel, (h + 1) * dK * dModel));
        // [Q | K | V] = X · [Wq | Wk | Wv]: N × 3dK, Q, K and V each a block of dK columns.
        exports.gemm(n, wide, dModel, px, dModel, pw, wide, 0, pqkv, wide, 1, 0, work);
        lap('qkv');
        // Kᵀ and V packed once for every block of rows.
        exports.packB(dK, n, pqkv + dK * 4, wide, 1, pkt);
        exports.packB(n, dK, pqkv + 2 * dK * 4, wide, 0, pvp);
        lap('pack');
        const weights = into?.[i] ?? new Float32Array(n * n);
        lap('copy');
        for (let i0 = 0; i0 < n; i0 += block) {
          const rows = Math.min(block, n - i0);
          // Under the causal mask these rows see only the first i0 + rows keys.
          const seen = causal ? i0 + rows : n;
          // Q·Kᵀ / √dK (the tiles above the diagonal not even computed), softmax in place, then · V.
          exports.gemmPacked(rows, seen, dK, pqkv + i0 * wide * 4, wide, pkt, dK, n, ps, n, alpha, causal ? SKIP_UPPER : 0, i0, work);
          lap('scores');
          exports.softmaxRows(ps, ps, rows, n, causal ? 1 : 0, i0);
          lap('softmax');
          weights.set(memory.f32(ps, rows * n), i0 * n);
          lap('copy');
          exports.gemmPacked(rows, dK, seen, ps, n, pvp, n, dK, pconcat + (i0 * concatWidth + i * dK) * 4, concatWidth, 1, causal ? LOWER_A : 0, i0, work);
          lap('values');
        }
        memory.locked(() => onHead(h, weights));
        lap();
      }
      // concat(Z) · Wo in one product (depth heads·dK, not dK a head at a time: 25 % faster).
      exports.gemm(n, dModel, concatWidth, pconcat, concatWidth, pwo, dModel, 0, pout, dModel, 1, 0, work);
      lap('output');
      return memory.f32(pout, n * dModel).slice();
    },

    memoryBytes: () => exports.memory.buffer.byteLength,
  };
}

/**
 * lap(phase) adds the time since the previous lap to phases[phase]; lap() only restarts the clock.
 * Without `phases`, it does nothing (not even read the clock).
 */
function stopwatch(phases: PhaseTimes | undefined): (phase?: keyof PhaseTimes) => void {
  if (!phases) return () => {};
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    if (phase) phases[phase] += now - last;
    last = now;
  };
}

/** The module's linear memory past its own static data, laid out afresh by each call. */
class LinearMemory {
  private readonly base: number;

  constructor(private readonly memory: Exports['memory']) {
    this.base = align(memory.buffer.byteLength);
  }

  private lockedNow = false;

  /** Runs a caller's callback during a pass: a kernel it called would overwrite the pass's memory, so none may run. */
  locked(callback: () => void): void {
    this.lockedNow = true;
    try {
      callback();
    } finally {
      this.lockedNow = false;
    }
  }

  /** Byte offsets of regions of the given numbers of floats, one after another; grows the memory to hold them. */
  layout(...floats: number[]): number[] {
    if (this.lockedNow) throw new Error('the kernels cannot be called from multiHead\'s onHead: they would overwrite the memory the pass is using');
    let end = this.base;
    const offsets = floats.map((count) => {
      const offset = end;
      end = align(end + count * 4);
      return offset;
    });
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    return offsets;
  }

  /** A view of `length` floats at `offset`; made anew each time, as growing the memory detaches old views. */
  f32(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

function expectLength(name: string, m: Float32Array, rows: number, cols: number): void {
  for (const [what, value] of [['rows', rows], ['cols', cols]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name}: ${what} must be a whole number, not ${value}`);
  }
  if (m.length !== rows * cols) throw new RangeError(`${name} has ${m.length} values, not ${rows} × ${cols}`);
}

/**
 * The kernel module for code outside this file that lays out its own memory (longAttention.ts): a
 * second instance, once per thread, apart from loadKernels' (so neither overwrites the other's
 * memory between calls), with the same memory layout helper. `exports` holds every function of
 * src/kernels/assembly (Exports above and blockwise.ts's); the caller types what it uses.
 */
export interface KernelModule {
  readonly exports: Readonly<Record<string, unknown>> & { readonly memory: { readonly buffer: ArrayBuffer } };
  readonly memory: Pick<LinearMemory, 'layout' | 'f32' | 'locked'>;
}

let moduleCached: KernelModule | undefined;

export function kernelModule(): KernelModule {
  if (!moduleCached) {
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (!api) throw new Error('this JavaScript engine has no WebAssembly');
    const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
    const exports = new api.Instance(new api.Module(bytes), {}).exports as Exports & Record<string, unknown>;
    moduleCached = { exports, memory: new LinearMemory(exports.memory) };
  }
  return moduleCached;
}
