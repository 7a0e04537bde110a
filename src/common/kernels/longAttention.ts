/**
 * The attention of a long selection (up to LONG_MAX_TOKENS), blockwise as FlashAttention computes
 * it, in O(N·d) memory: never an N × N matrix. The chapter: "通过简单地重新排列操作，内存复杂性可以减少".
 *
 * Pass 1, a head at a time: Q (this part's rows), K and V (every row) = X · [Wq | Wk | Wv]; then,
 * for each group of query rows and each block of keys in order, the scores S = Q·Kᵀ / √dK of
 * that block and the online softmax: each row's running maximum m and sum l of exp(S − m), the
 * accumulator Z rescaled when m grows, Z += exp(S − m) · V; at the end Z / l. Q, K, m and l are
 * kept (float32, in JavaScript arrays: the module's memory is reused by every call).
 * Pass 2, the overview: for each group of query rows and block of keys, every head's weights
 * exp(S − m) / l of that block, their block maxima into the head's overview, and the heads' mean
 * (all heads of the same block at once, so it is the exact mean) into the average's.
 * Then output = Σ_h Z_h · Wo_h. A tile is pass 2 over the asked rectangle.
 *
 * The module's memory holds one group of rows and one block of keys at a time (GROUP_BYTES and
 * KEY_COLS below), whatever N: about GROUP_BYTES + 1.5 MiB, 5.4 MiB for 8 heads of 64 and
 * d_model 512 (measured at 4,096 and 16,384 tokens alike).
 *
 * Deterministic: a query row's numbers depend only on that row, the keys and the fixed order of
 * the key blocks (from key 0, KEY_COLS at a time), not on the rows it shares a block with, so
 * they do not depend on how the rows are split into parts. This relies on gemmPacked computing
 * each C[i][j] from row i of A and column j of B alone, the same wherever the tile falls.
 */
import { overviewBlock, TILE_MAX_CELLS } from '../attention/longSelection';
import { kernelModule, type LayerInputs } from './kernels';

export interface LongPart {
  /** Queries row0 … row0+rows−1 of the N tokens: one worker's share; row0 a multiple of `block`. */
  readonly row0: number;
  readonly rows: number;
}

export interface LongResult {
  /**
   * Per head h (all heads of the inputs): (rows/block rounded up) × size, the largest weight of
   * each block of this part's query rows and each block of keys (block = overviewBlock(n), size =
   * overviewSize(n)), masked weights counting as 0.
   */
  readonly overviews: Float32Array[];
  /** The same shape: the largest value of each block of the heads' MEAN weights (not the mean of the maxima). */
  readonly average: Float32Array;
  /** rows × dModel: this part's rows of concat(Z) · Wo. */
  readonly output: Float32Array;
  /** Per head: this part's rows of Z = softmax(Q·Kᵀ / √dK) · V (rows × dK), as made anyway for the output. */
  readonly z: Float32Array[];
}

/** Sizes for tests (small blocks on small inputs); the defaults are the ones to use. */
export interface LongTuning {
  /** Tokens per side of an overview's block, instead of overviewBlock(n). */
  readonly block?: number;
  /** Query rows per block of scores (QUERY_ROWS). */
  readonly queryRows?: number;
  /** Keys per block of scores (KEY_COLS). */
  readonly keyCols?: number;
  /** Bytes of a group of rows in the module's memory (GROUP_BYTES). */
  readonly groupBytes?: number;
}

/** Query rows of a block of scores: a multiple of the gemm's 4-row register tile. */
const QUERY_ROWS = 256;
/** Keys of a block of scores: 256 × 256 scores (256 KiB) stay in L2 between the steps. */
const KEY_COLS = 256;
/**
 * Bytes of a group of query rows that stays in the module's memory while every key block passes:
 * pass 1's Q and Z of one head, or pass 2's Q, m and l of every head and the overview rows. Each
 * key block is copied in and packed once per group, so larger groups pack less often.
 */
const GROUP_BYTES = 4 * 1024 * 1024;
/** Rows of X projected at a time, and of the output computed at a time. */
const CHUNK_ROWS = 256;

// Flags of gemmPacked and modes of combine, as src/kernels/assembly defines them.
const ACCUMULATE = 1;
const SKIP_UPPER = 4;
const COMBINE_COPY = 0;
const COMBINE_ADD = 1;
const COMBINE_MAX = 2;

/** The module's functions that this file uses (src/kernels/assembly/kernels.ts and blockwise.ts). */
interface BlockwiseExports {
  gemm(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, transB: number, c: number, ldc: number, alpha: number, flags: number, work: number): void;
  packB(k: number, n: number, b: number, ldb: number, transB: number, dst: number): void;
  gemmPacked(m: number, n: number, k: number, a: number, lda: number, packed: number, packedK: number, packedN: number, c: number, ldc: number, alpha: number, flags: number, diag: number, work: number): void;
  packedBytes(k: number, n: number): number;
  packAWorkBytes(): number;
  onlineSoftmax(s: number, lds: number, rows: number, cols: number, causal: number, diag: number, m: number, l: number, z: number, ldz: number, dz: number): void;
  softmaxWeights(s: number, lds: number, rows: number, cols: number, causal: number, diag: number, m: number, l: number): void;
  blockMax(src: number, lds: number, rows: number, cols: number, rowPhase: number, colPhase: number, block: number, dst: number, ldd: number, work: number): void;
  combine(dst: number, src: number, count: number, mode: number): void;
  scaleValues(dst: number, count: number, alpha: number): void;
}

type Combination = 'none' | 'mean' | 'max';

/** Where a group of rows of some heads (Q, m, l) and one block of their packed keys lie in the module's memory. */
interface GroupMemory {
  /** Rows the group has room for. */
  readonly rows: number;
  readonly q: number;
  readonly m: number;
  readonly l: number;
  readonly stage: number;
  readonly packed: number;
  readonly packedStride: number;
  readonly scores: number;
  readonly combined: number;
  /** A row of a block of scores, for blockMax. */
  readonly rowWork: number;
  readonly work: number;
}

/** Bytes of the module's memory that LongAttention (every instance in this thread) uses now: the most it has used. */
export function longAttentionMemoryBytes(): number {
  return kernelModule().exports.memory.buffer.byteLength;
}

/** Computes a part of the attention of a long selection blockwise and keeps what exact tiles need (per head Q of its rows, K of all rows, each row's max and sum of exp): O(N·d) memory. */
export class LongAttention {
  /** Tokens per side of an overview block, and blocks per side of the overview. */
  readonly block: number;
  readonly size: number;
  private readonly n: number;
  private readonly dK: number;
  private readonly heads: number;
  private readonly alpha: number;
  private readonly queryRows: number;
  private readonly keyCols: number;
  private readonly groupBytes: number;
  private readonly wasm: BlockwiseExports;
  private readonly memory = kernelModule().memory;
  /** Per head: Q of this part's rows (rows × dK), K of every row (N × dK), each row's max and sum of exp. */
  private q: Float32Array[] = [];
  private k: Float32Array[] = [];
  private m: Float32Array[] = [];
  private l: Float32Array[] = [];

  constructor(
    private readonly inputs: LayerInputs,
    private readonly causal: boolean,
    private readonly part: LongPart,
    tuning: LongTuning = {},
  ) {
    const { n, dModel, dK, heads } = inputs;
    for (const [name, value] of [['n', n], ['dModel', dModel], ['dK', dK], ['heads', heads]] as const) {
      if (!Number.isInteger(value) || value < (name === 'n' ? 0 : 1)) throw new RangeError(`${name} must be a whole number, not ${value}`);
    }
    expectLength('X', inputs.x, n * dModel);
    expectLength('Wqkv', inputs.wqkv, heads * dModel * 3 * dK);
    expectLength('Wo', inputs.wo, heads * dK * dModel);
    this.n = n;
    this.dK = dK;
    this.heads = heads;
    this.alpha = 1 / Math.sqrt(dK);
    this.block = tuning.block ?? overviewBlock(n);
    // overviewSize(n) with the default block.
    this.size = Math.ceil(n / this.block);
    this.queryRows = tuning.queryRows ?? QUERY_ROWS;
    this.keyCols = tuning.keyCols ?? KEY_COLS;
    this.groupBytes = tuning.groupBytes ?? GROUP_BYTES;
    for (const [name, value] of [['block', this.block], ['queryRows', this.queryRows], ['keyCols', this.keyCols], ['groupBytes', this.groupBytes]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number ≥ 1, not ${value}`);
    }
    const { row0, rows } = part;
    if (!Number.isInteger(row0) || !Number.isInteger(rows) || row0 < 0 || rows < 0 || row0 + rows > n) {
      throw new RangeError(`rows ${row0} … ${row0 + rows - 1} are not rows of ${n} tokens`);
    }
    if (row0 % this.block !== 0) throw new RangeError(`a part starts at a multiple of the overview's block (${this.block}), not at ${row0}`);
    this.wasm = kernelModule().exports as unknown as BlockwiseExports;
  }

  /**
   * The whole pass; `onProgress(done, total)` after each group of rows of each head in pass 1 and
   * each group of rows in the overview pass, in units of work (scores computed), so a progress
   * bar moves evenly; it must not call the kernels.
   */
  run(onProgress?: (done: number, total: number) => void): LongResult {
    const { row0, rows } = this.part;
    const total = 3 * this.heads * this.keysSeen(row0, row0 + rows);
    let done = 0;
    const report = (units: number) => {
      done += units;
      if (onProgress) this.memory.locked(() => onProgress(done, total));
    };
    this.q = [];
    this.k = [];
    this.m = [];
    this.l = [];
    const z: Float32Array[] = [];
    for (let h = 0; h < this.heads; h++) {
      const v = this.project(h);
      z.push(this.attendHead(h, v, report));
    }
    const { overviews, average } = this.overview(report);
    return { overviews, average, output: this.output(z), z };
  }

  /**
   * Exact weights of rows [row0, row0+rows) (query indices of the N tokens, within this part) ×
   * keys [col0, col0+cols) of one head, or of all heads' mean ('average') or max ('maximum'),
   * row-major; the same numbers as the overview was made from, and (to 1e-6) as the full softmax
   * gives; rows·cols ≤ TILE_MAX_CELLS. After run().
   */
  tile(head: number | 'average' | 'maximum', row0: number, rows: number, col0: number, cols: number): Float32Array {
    if (this.k.length !== this.heads) throw new Error('tile() needs run() first');
    const { n } = this;
    const first = this.part.row0;
    const last = first + this.part.rows;
    for (const [name, value] of [['row0', row0], ['rows', rows], ['col0', col0], ['cols', cols]] as const) {
      if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, not ${value}`);
    }
    if (row0 < first || row0 + rows > last) throw new RangeError(`rows ${row0} … ${row0 + rows - 1} are not in this part (${first} … ${last - 1})`);
    if (col0 + cols > n) throw new RangeError(`keys ${col0} … ${col0 + cols - 1} are not keys of ${n} tokens`);
    if (rows * cols > TILE_MAX_CELLS) throw new RangeError(`a tile holds at most ${TILE_MAX_CELLS} weights, not ${rows} × ${cols}`);
    let heads: number[];
    let combination: Combination;
    if (typeof head === 'number') {
      if (!Number.isInteger(head) || head < 0 || head >= this.heads) throw new RangeError(`there is no head ${head}`);
      heads = [head];
      combination = 'none';
    } else {
      if (head !== 'average' && head !== 'maximum') throw new RangeError(`there is no head ${String(head)}`);
      heads = Array.from({ length: this.heads }, (_, h) => h);
      combination = head === 'average' ? 'mean' : 'max';
    }
    const values = new Float32Array(rows * cols);
    if (rows === 0 || cols === 0) return values;
    const perRow = heads.length * (this.dK + 2) * 4;
    const groupRows = Math.min(rows, Math.max(this.queryRows, Math.floor(this.groupBytes / perRow)));
    const memory = this.groupMemory(heads.length, groupRows, 0);
    for (let g0 = row0; g0 < row0 + rows; g0 += groupRows) {
      const g1 = Math.min(row0 + rows, g0 + groupRows);
      this.loadGroup(memory, heads, g0, g1);
      this.sweep(memory, heads, g0, g1, col0, col0 + cols, combination, combination === 'none', (_, i0, blockRows, j0, blockCols, at) => {
        const block = this.memory.f32(at, blockRows * blockCols);
        for (let r = 0; r < blockRows; r++) values.set(block.subarray(r * blockCols, (r + 1) * blockCols), (i0 - row0 + r) * cols + (j0 - col0));
      });
    }
    return values;
  }

  /** Bytes this object keeps between calls (Q, K, statistics), for the memory figures. */
  keptBytes(): number {
    let bytes = 0;
    for (const list of [this.q, this.k, this.m, this.l]) for (const a of list) bytes += a.byteLength;
    return bytes;
  }

  /** Scores a group of query rows computes: N each, or i + 1 for row i under the causal mask. */
  private keysSeen(from: number, to: number): number {
    return this.causal ? ((to * (to + 1)) - (from * (from + 1))) / 2 : (to - from) * this.n;
  }

  /** Floats of scratch that gemm needs for a k × n B. */
  private gemmWork(k: number, n: number): number {
    return (this.wasm.packedBytes(k, n) + this.wasm.packAWorkBytes()) / 4;
  }

  /** Head h's Q (this part's rows) and K (every row), kept; returns V (every row). */
  private project(h: number): Float32Array {
    const { n, dK, wasm } = this;
    const { dModel, x, wqkv } = this.inputs;
    const wide = 3 * dK;
    const { row0, rows } = this.part;
    const chunk = Math.max(1, Math.min(CHUNK_ROWS, n));
    const [pw, px, pk, pv, pq, work] = this.memory.layout(dModel * wide, chunk * dModel, chunk * dK, chunk * dK, chunk * dK, this.gemmWork(dModel, dK));
    this.memory.f32(pw, dModel * wide).set(wqkv.subarray(h * dModel * wide, (h + 1) * dModel * wide));
    const q = new Float32Array(rows * dK);
    const k = new Float32Array(n * dK);
    const v = new Float32Array(n * dK);
    for (let c0 = 0; c0 < n; c0 += chunk) {
      const count = Math.min(chunk, n - c0);
      this.memory.f32(px, count * dModel).set(x.subarray(c0 * dModel, (c0 + count) * dModel));
      wasm.gemm(count, dK, dModel, px, dModel, pw + dK * 4, wide, 0, pk, dK, 1, 0, work);
      k.set(this.memory.f32(pk, count * dK), c0 * dK);
      wasm.gemm(count, dK, dModel, px, dModel, pw + 2 * dK * 4, wide, 0, pv, dK, 1, 0, work);
      v.set(this.memory.f32(pv, count * dK), c0 * dK);
      const from = Math.max(c0, row0);
      const to = Math.min(c0 + count, row0 + rows);
      if (from < to) {
        wasm.gemm(to - from, dK, dModel, px + (from - c0) * dModel * 4, dModel, pw, wide, 0, pq, dK, 1, 0, work);
        q.set(this.memory.f32(pq, (to - from) * dK), (from - row0) * dK);
      }
    }
    this.q.push(q);
    this.k.push(k);
    return v;
  }

  /** Pass 1 of head h: keeps each row's max and sum; returns Z (rows × dK). */
  private attendHead(h: number, v: Float32Array, report: (units: number) => void): Float32Array {
    const { n, dK, wasm, causal, queryRows, keyCols } = this;
    const { row0, rows } = this.part;
    const q = this.q[h];
    const k = this.k[h];
    const z = new Float32Array(rows * dK);
    const m = new Float32Array(rows);
    const l = new Float32Array(rows);
    const groupRows = Math.min(rows, Math.max(queryRows, Math.floor(this.groupBytes / ((2 * dK + 2) * 4))));
    const [pq, pz, pm, pl, pks, pvs, pkp, pvp, ps, work] = this.memory.layout(
      groupRows * dK, groupRows * dK, groupRows, groupRows, keyCols * dK, keyCols * dK,
      wasm.packedBytes(dK, keyCols) / 4, wasm.packedBytes(keyCols, dK) / 4, queryRows * keyCols, wasm.packAWorkBytes() / 4,
    );
    const flags = causal ? SKIP_UPPER : 0;
    for (let g0 = row0; g0 < row0 + rows; g0 += groupRows) {
      const g1 = Math.min(row0 + rows, g0 + groupRows);
      const count = g1 - g0;
      const local0 = g0 - row0;
      this.memory.f32(pq, count * dK).set(q.subarray(local0 * dK, (local0 + count) * dK));
      this.memory.f32(pz, count * dK).fill(0);
      this.memory.f32(pm, count).fill(-Infinity);
      this.memory.f32(pl, count).fill(0);
      // Under the causal mask, rows up to g1 − 1 see keys up to g1 − 1 only.
      const keyEnd = causal ? g1 : n;
      for (let j0 = 0; j0 < keyEnd; j0 += keyCols) {
        const cols = Math.min(keyCols, n - j0);
        this.memory.f32(pks, cols * dK).set(k.subarray(j0 * dK, (j0 + cols) * dK));
        wasm.packB(dK, cols, pks, dK, 1, pkp);
        this.memory.f32(pvs, cols * dK).set(v.subarray(j0 * dK, (j0 + cols) * dK));
        wasm.packB(cols, dK, pvs, dK, 0, pvp);
        for (let i0 = g0; i0 < g1; i0 += queryRows) {
          const count = Math.min(queryRows, g1 - i0);
          if (causal && j0 > i0 + count - 1) continue;
          const local = i0 - g0;
          const diag = i0 - j0;
          const zRows = pz + local * dK * 4;
          wasm.gemmPacked(count, cols, dK, pq + local * dK * 4, dK, pkp, dK, cols, ps, cols, this.alpha, flags, diag, work);
          wasm.onlineSoftmax(ps, cols, count, cols, causal ? 1 : 0, diag, pm + local * 4, pl + local * 4, zRows, dK, dK);
          wasm.gemmPacked(count, dK, cols, ps, cols, pvp, cols, dK, zRows, dK, 1, ACCUMULATE, 0, work);
        }
      }
      const groupL = this.memory.f32(pl, count);
      m.set(this.memory.f32(pm, count), local0);
      l.set(groupL, local0);
      const groupZ = this.memory.f32(pz, count * dK);
      for (let i = 0; i < count; i++) {
        const sum = groupL[i];
        const at = (local0 + i) * dK;
        for (let d = 0; d < dK; d++) z[at + d] = groupZ[i * dK + d] / sum;
      }
      report(2 * this.keysSeen(g0, g1));
    }
    this.m.push(m);
    this.l.push(l);
    return z;
  }

  /** Pass 2: every head's overview and the average's, a group of rows (whole overview rows) at a time. */
  private overview(report: (units: number) => void): { overviews: Float32Array[]; average: Float32Array } {
    const { heads, block, size, n } = this;
    const { row0, rows } = this.part;
    const cellRows = Math.ceil(rows / block);
    const overviews = Array.from({ length: heads }, () => new Float32Array(cellRows * size));
    const average = new Float32Array(cellRows * size);
    if (rows === 0) return { overviews, average };
    // Whole overview rows per group: Q, m and l of every head, and the group's rows of every overview.
    const perBlockRow = block * heads * (this.dK + 2) * 4 + size * (heads + 1) * 4;
    const groupCells = Math.min(cellRows, Math.max(1, Math.floor(this.groupBytes / perBlockRow)));
    const groupRows = Math.min(rows, groupCells * block);
    const all = Array.from({ length: heads }, (_, h) => h);
    const memory = this.groupMemory(heads, groupRows, (heads + 1) * groupCells * size);
    const cells = memory.work + this.wasm.packAWorkBytes();
    const cellsOf = (index: number) => cells + index * groupCells * size * 4;
    for (let g0 = row0; g0 < row0 + rows; g0 += groupRows) {
      const g1 = Math.min(row0 + rows, g0 + groupRows);
      const count = Math.ceil((g1 - g0) / block);
      this.loadGroup(memory, all, g0, g1);
      this.memory.f32(cells, (heads + 1) * groupCells * size).fill(0);
      this.sweep(memory, all, g0, g1, 0, n, 'mean', true, (index, i0, blockRows, j0, cols, at) => {
        this.wasm.blockMax(at, cols, blockRows, cols, i0 - g0, j0, block, cellsOf(index), size, memory.rowWork);
      });
      const at = ((g0 - row0) / block) * size;
      for (let h = 0; h < heads; h++) overviews[h].set(this.memory.f32(cellsOf(h), count * size), at);
      average.set(this.memory.f32(cellsOf(heads), count * size), at);
      report(heads * this.keysSeen(g0, g1));
    }
    return { overviews, average };
  }

  /** output = Σ_h Z_h · Wo_h (rows × dModel), CHUNK_ROWS rows at a time. */
  private output(z: readonly Float32Array[]): Float32Array {
    const { dK, heads, wasm } = this;
    const { dModel, wo } = this.inputs;
    const { rows } = this.part;
    const output = new Float32Array(rows * dModel);
    if (rows === 0) return output;
    const chunk = Math.min(CHUNK_ROWS, rows);
    const [pz, pwo, pout, work] = this.memory.layout(heads * chunk * dK, heads * dK * dModel, chunk * dModel, this.gemmWork(dK, dModel));
    this.memory.f32(pwo, heads * dK * dModel).set(wo);
    for (let c0 = 0; c0 < rows; c0 += chunk) {
      const count = Math.min(chunk, rows - c0);
      for (let h = 0; h < heads; h++) {
        const at = pz + h * chunk * dK * 4;
        this.memory.f32(at, count * dK).set(z[h].subarray(c0 * dK, (c0 + count) * dK));
        wasm.gemm(count, dModel, dK, at, dK, pwo + h * dK * dModel * 4, dModel, 0, pout, dModel, 1, h > 0 ? ACCUMULATE : 0, work);
      }
      output.set(this.memory.f32(pout, count * dModel), c0 * dModel);
    }
    return output;
  }

  /** Lays out a group of `rows` rows of `heads` heads, one key block of them packed, a block of scores, and `extra` floats after `work`'s scratch. */
  private groupMemory(heads: number, rows: number, extra: number): GroupMemory {
    const { dK, keyCols, queryRows, wasm } = this;
    const packedStride = wasm.packedBytes(dK, keyCols);
    const [q, m, l, stage, packed, scores, combined, rowWork, work] = this.memory.layout(
      heads * rows * dK, heads * rows, heads * rows, keyCols * dK, heads * packedStride / 4,
      queryRows * keyCols, queryRows * keyCols, keyCols, wasm.packAWorkBytes() / 4 + extra,
    );
    return { rows, q, m, l, stage, packed, packedStride, scores, combined, rowWork, work };
  }

  /** Copies Q, m and l of rows [g0, g1) of the heads into the group's memory, head after head. */
  private loadGroup(memory: GroupMemory, heads: readonly number[], g0: number, g1: number): void {
    const { dK } = this;
    const count = g1 - g0;
    const local = g0 - this.part.row0;
    heads.forEach((h, t) => {
      this.memory.f32(memory.q + t * memory.rows * dK * 4, count * dK).set(this.q[h].subarray(local * dK, (local + count) * dK));
      this.memory.f32(memory.m + t * memory.rows * 4, count).set(this.m[h].subarray(local, local + count));
      this.memory.f32(memory.l + t * memory.rows * 4, count).set(this.l[h].subarray(local, local + count));
    });
  }

  /**
   * The weights of rows [g0, g1) (loaded) × keys [c0, c1), a block of queryRows × keyCols at a
   * time, key blocks from c0: `visit(t, …)` gets each head's (the t-th of `heads`) when perHead,
   * and `visit(heads.length, …)` their mean or maximum unless combination is 'none'; at is the block's byte offset
   * (rows × cols, contiguous). Blocks wholly above the causal diagonal (all 0) are not visited.
   */
  private sweep(
    memory: GroupMemory, heads: readonly number[], g0: number, g1: number, c0: number, c1: number, combination: Combination, perHead: boolean,
    visit: (index: number, i0: number, rows: number, j0: number, cols: number, at: number) => void,
  ): void {
    const { dK, wasm, causal, queryRows, keyCols } = this;
    const flags = causal ? SKIP_UPPER : 0;
    const mean = Math.fround(1 / heads.length);
    for (let j0 = c0; j0 < c1; j0 += keyCols) {
      if (causal && j0 > g1 - 1) break;
      const cols = Math.min(keyCols, c1 - j0);
      heads.forEach((h, t) => {
        this.memory.f32(memory.stage, cols * dK).set(this.k[h].subarray(j0 * dK, (j0 + cols) * dK));
        wasm.packB(dK, cols, memory.stage, dK, 1, memory.packed + t * memory.packedStride);
      });
      for (let i0 = g0; i0 < g1; i0 += queryRows) {
        const rows = Math.min(queryRows, g1 - i0);
        if (causal && j0 > i0 + rows - 1) continue;
        const local = i0 - g0;
        const diag = i0 - j0;
        for (let t = 0; t < heads.length; t++) {
          const q = memory.q + (t * memory.rows + local) * dK * 4;
          const stats = (t * memory.rows + local) * 4;
          wasm.gemmPacked(rows, cols, dK, q, dK, memory.packed + t * memory.packedStride, dK, cols, memory.scores, cols, this.alpha, flags, diag, memory.work);
          wasm.softmaxWeights(memory.scores, cols, rows, cols, causal ? 1 : 0, diag, memory.m + stats, memory.l + stats);
          if (perHead) visit(t, i0, rows, j0, cols, memory.scores);
          if (combination !== 'none') {
            const mode = t === 0 ? COMBINE_COPY : combination === 'max' ? COMBINE_MAX : COMBINE_ADD;
            wasm.combine(memory.combined, memory.scores, rows * cols, mode);
          }
        }
        if (combination === 'mean') wasm.scaleValues(memory.combined, rows * cols, mean);
        if (combination !== 'none') visit(heads.length, i0, rows, j0, cols, memory.combined);
      }
    }
  }
}

function expectLength(name: string, m: Float32Array, length: number): void {
  if (m.length !== length) throw new RangeError(`${name} has ${m.length} values, not ${length}`);
}
