/**
 * Benchmark of one multi-head self-attention pass at the chapter's defaults (d_model 512, 8 heads
 * of 64): Q/K/V projections, scores, ÷√d_k, softmax, ·V, concat·Wo. Side by side, on the same inputs:
 *   ts-reference       the engine (src/common/attention), float64, all intermediates kept;
 *   wasm-simd          the WebAssembly SIMD kernels (src/common/kernels), float32, on this thread,
 *                      and on two worker threads;
 *   numpy-openblas-Nt  scripts/bench/attention_numpy.py, float32, when `python3` has numpy, with
 *                      OPENBLAS_NUM_THREADS=1 (and 2); its output is checked against the kernels'.
 * Every run row has `algorithm`, what ran at that N:
 *   full       up to 2,048 tokens (FULL_MATRIX_MAX_TOKENS): every head's N × N weights made and
 *              kept (wasm: Kernels.multiHead, the two threads splitting the heads; numpy: likewise,
 *              all heads' weights in a list). Each wasm pass writes them into the arrays of the
 *              pass before (Kernels.multiHead's `into`, sent to the workers and back), as numpy's
 *              allocator hands each pass the memory the previous pass freed;
 *   full-fresh wasm only, as full but into newly allocated arrays every pass, as the extension's
 *              one analysis gets: the first touch of 4·N² bytes a head (128 MiB at 2,048) counted;
 *   blockwise  wasm over 2,048 tokens, as the extension does: LongAttention (src/common/kernels/
 *              longAttention.ts), never an N × N matrix, O(N·d) memory, each head's overview, the
 *              average's overview, the output rows and Z; on two threads each worker runs it on a
 *              band of query rows (rowBand, whole overview blocks, balanced for the causal mask)
 *              and the output is the bands' output rows put together;
 *   per-head   numpy over 2,048 tokens: a head's scores, softmax and ·V, its N × N arrays dropped
 *              before the next head (all heads' weights would be 8 GiB at 16,384);
 * and `passes`, the passes timed. ts-reference is not run over 2,048 tokens (8 heads × 3 N × N
 * float64 matrices: 48 GiB at 16,384) nor, without --reference, over 1,024 (4–5 s a pass at
 * 2,048): its row says "skipped" and why, with null timings. Over 2,048 tokens every
 * implementation times min(--runs, 3) passes, after a warm-up (wasm: LongAttention on one
 * overview block of rows; numpy: the tracemalloc pass below).
 * Inputs (X, weights) are made before timing; each timing is one whole pass.
 * peakMB: for ts-reference, the typed arrays of its result (it frees nothing during the pass);
 * for wasm-simd full, the kernels' linear memory (which only grows, so it is its peak; one per
 * thread) plus the arrays the pass returns; for wasm-simd blockwise, per thread and summed over
 * the threads, LongAttention's linear memory (its own module instance, longAttentionMemoryBytes()),
 * what the LongAttention object keeps (keptBytes(): Q of its rows, K of all rows, each row's max
 * and sum, every head) and the arrays it returns (overviews, average, output rows, Z); not counted:
 * each head's V while it is used (N × d_k, garbage after), and on two threads the put-together
 * output (N × d_model, a copy of the bands'); for numpy, tracemalloc's peak of what the pass
 * allocates. Inputs are excluded everywhere. Asserts nothing.
 *
 * The wasm rows run twice: in the Node running this script (which runs the CLI) and, when it is
 * installed and another version, in the Node of VS Code's extension host (scripts/bench/hostNode.ts;
 * code-server's Node 24), which runs the extension's kernels: each row's `node` says which, and the
 * ratios are given for each. That Node's outputs are checked to be the same bit for bit.
 *
 * And when a Chromium is installed (CHROMIUM_PATH, or Debian's /usr/bin/chromium, which `npm test`
 * installs), the wasm rows once more in its web workers (scripts/bench/browserRuns.ts): the engine
 * of VS Code for the Web's extension host, with no SharedArrayBuffer, each worker making its own
 * inputs as the extension's do; each such row has `browser` instead of `node`, and the one-thread
 * outputs are checked to be the same bit for bit as this Node's.
 *
 * Then the forward passes of pretrained-model-sized random BERTs (scripts/bench/modelForward.ts):
 * 4 × 4 × 256 and bert-base's 12 × 12 × 768 at 32, 128 and 512 tokens, best and median ms, and numpy's;
 * these too in both Nodes.
 *
 * Run: npm run bench [-- --json] [--sizes 256,1024,2048,16384 | 256 1024 …] [--runs 7] [--reference] [--causal] [--phases] [--no-host-node] [--no-browser] [--no-forward]
 *      npm run bench -- --forward-only [--runs 5] [--json]   (the forward-pass rows alone, about a minute)
 *      npm run bench -- --paired [--rounds 15] [--sizes 2048] [--causal] [--json]   (the targets, pass by pass: about a minute)
 *   The default sizes take about 9 minutes on the 2-core machine with both Nodes, most of it at
 *   16,384 (3 passes of each implementation, the wasm one-thread pass 30 s); --sizes 256,1024,2048
 *   takes about a minute.
 *   --reference times the float64 engine up to 2,048 (by default only up to 1,024: 5 s a pass).
 *   --phases also times each phase of the one-thread full wasm pass (Kernels.multiHead's `phases`):
 *   the median ms per phase at each N ≤ 2,048, in separate passes (so the main timings carry no clock reads).
 *   --no-host-node leaves out the extension host's Node; --no-browser, Chromium; --no-forward, the forward-pass rows;
 *   --wasm-only (what that Node is run with) times the wasm rows alone and prints them as JSON.
 *   --paired times the targets' passes round by round instead (scripts/bench/pairedRounds.ts): at one
 *   N (2,048 unless --sizes names one), each round one `full` pass of wasm on 1 and on 2 threads in
 *   each Node and in Chromium, and of numpy on 1 thread, and each round's ratios; --serve-wasm is what the extension
 *   host's Node is run with there.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { rowBand } from '../../src/common/attention/analysisParts';
import { multiHeadAttention, type AttentionResult } from '../../src/common/attention/attention';
import { resolveConfig } from '../../src/common/attention/config';
import { embed } from '../../src/common/attention/embeddings';
import { FULL_MATRIX_MAX_TOKENS, overviewBlock } from '../../src/common/attention/longSelection';
import { initWeights } from '../../src/common/attention/weights';
import { layerInputs } from '../../src/common/kernels/fastAttention';
import { hasWasmSimd, loadKernels, PHASES, type LayerInputs, type PhaseTimes } from '../../src/common/kernels/kernels';
import { LongAttention } from '../../src/common/kernels/longAttention';
import { parallelAttention, type HeadsRequest, type HeadsResult, type HeadsWorker } from '../../src/common/kernels/schedule';
import { passProductFlops, wasmMulAddGflops } from './ceilings.mjs';
import { blasThreads, numpyAvailable, numpyScript, relativeDifference, runNumpyScript } from './numpyReference';
import { median, pairedRounds, roundRatios, servePasses, startPassServer, type PassServer, type TimedPass } from './pairedRounds';
import type { BandReply, BandRequest } from './attentionWorker';
import { benchTokens as tokens, longBytes } from './benchInputs';
import { browserRows, installedChromium, startBrowserSession } from './browserRuns';
import { extensionHostNode, runScriptIn } from './hostNode';
import { describeCpu, machineCpu } from './machineCpu';
import { forwardRows, forwardTable, withNumpyOf, type ForwardRow } from './modelForward';

type Timing = Pick<Run, 'medianMs' | 'minMs' | 'maxMs'>;

interface Run {
  impl: 'ts-reference' | 'wasm-simd' | 'numpy-openblas-1t' | 'numpy-openblas-2t';
  threads: number;
  n: number;
  dModel: number;
  heads: number;
  /** Null in a skipped row. */
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  peakMB: number | null;
  /** What ran: every head's N × N weights kept, LongAttention, or (numpy over 2,048) a head's N × N at a time. */
  algorithm: 'full' | 'full-fresh' | 'blockwise' | 'per-head';
  /** Passes timed (0 when skipped). */
  passes: number;
  /** Why this implementation did not run at this N. */
  skipped?: string;
  /** The Node (process.version) that ran it: wasm and float64 engine rows. */
  node?: string;
  /** The browser whose web workers ran it (wasm rows in Chromium): `node` is then absent. */
  browser?: string;
}

/** Median ms of each phase of the one-thread full wasm pass at N, in the Node `node`. */
type PhaseRow = { n: number; node: string } & Record<keyof PhaseTimes | 'total', number>;

/** What `--wasm-only` prints: its wasm rows, phases, and a SHA-256 of the one-thread output per N. */
interface WasmOnlyReport {
  runs: Run[];
  phases: PhaseRow[];
  outputs: { n: number; sha256: string }[];
  mulAdd: MulAddRow;
}

/** The f32x4 multiply-add loop's GFLOP/s (ceilings.mts) in the Node `node`. */
type MulAddRow = { node: string; gflops: number };

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const json = argv.includes('--json');
const causal = argv.includes('--causal');
const allReference = argv.includes('--reference');
const phases = argv.includes('--phases');
const forwardOnly = argv.includes('--forward-only');
const wasmOnly = argv.includes('--wasm-only');
const noForward = argv.includes('--no-forward');
const paired = argv.includes('--paired');
const serveWasm = argv.includes('--serve-wasm');
const rounds = Number(option('--rounds') ?? 15);
// Sizes: --sizes 256,1024 or, as before, bare numbers.
const bare = argv.filter((a, i) => /^\d+$/.test(a) && !['--sizes', '--runs', '--rounds'].includes(argv[i - 1]));
const sizes = (option('--sizes') ?? (bare.length ? bare.join(',') : '256,1024,2048,16384')).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
const runsOption = Number(option('--runs') ?? 7);
/** Passes timed over FULL_MATRIX_MAX_TOKENS, where one pass takes seconds. */
const LONG_RUNS = 3;
const longRuns = Math.min(runsOption, LONG_RUNS);
const isLong = (n: number) => n > FULL_MATRIX_MAX_TOKENS;
const config = resolveConfig({ mask: causal ? 'causal' : 'none' });
const MB = 2 ** 20;

// A collection between timings, so one pass's garbage does not land in the next one's time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function time(runs: number, pass: () => void): Timing & { passes: number } {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    const started = performance.now();
    pass();
    times.push(performance.now() - started);
  }
  return { ...summary(times), passes: runs };
}

function summary(times: number[]): { medianMs: number; minMs: number; maxMs: number } {
  return { medianMs: round(median(times)), minMs: round(Math.min(...times)), maxMs: round(Math.max(...times)) };
}

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

/** Median ms of each phase of the one-thread pass over `runs` passes, and of their sum. */
function timePhases(runs: number, pass: (times: PhaseTimes) => void): Record<keyof PhaseTimes | 'total', number> {
  const samples = Array.from({ length: runs }, () => {
    gc();
    const times = Object.fromEntries(PHASES.map((p) => [p, 0])) as PhaseTimes;
    pass(times);
    return times;
  });
  const median = (values: number[]) => summary(values).medianMs;
  const each = Object.fromEntries(PHASES.map((p) => [p, median(samples.map((t) => t[p]))])) as PhaseTimes;
  return { ...each, total: median(samples.map((t) => PHASES.reduce((sum, p) => sum + t[p], 0))) };
}
const nodeOf = (impl: Run['impl']) => (impl.startsWith('numpy') ? {} : { node: process.version });
/** `browser`: the row ran in that browser's web workers, not in this Node. */
const run = (impl: Run['impl'], threads: number, n: number, algorithm: Run['algorithm'], timing: Timing & { passes: number }, peakBytes: number, browser?: string): Run => ({
  impl, threads, n, dModel: config.dModel, heads: config.heads, ...timing, peakMB: round(peakBytes / MB), algorithm, ...(browser ? { browser } : nodeOf(impl)),
});
const skippedRun = (impl: Run['impl'], threads: number, n: number, algorithm: Run['algorithm'], why: string): Run => ({
  impl, threads, n, dModel: config.dModel, heads: config.heads, medianMs: null, minMs: null, maxMs: null, peakMB: null, algorithm, passes: 0, skipped: why, ...nodeOf(impl),
});
const sha256 = (output: Float32Array) => createHash('sha256').update(new Uint8Array(output.buffer, output.byteOffset, output.byteLength)).digest('hex');
const thousands = (x: number): string => x.toLocaleString('en-US');

function referenceBytes(result: Pick<AttentionResult, 'heads' | 'concat' | 'output'>): number {
  const heads = result.heads.reduce((sum, h) => sum + [h.q, h.k, h.v, h.scores, h.scaled, h.weights, h.z].reduce((s, m) => s + m.data.byteLength, 0), 0);
  return heads + result.concat.data.byteLength + result.output.data.byteLength;
}

/** The float64 engine's row at N ≤ 2,048: timed up to 1,024 tokens (or with --reference), else skipped. */
function referenceRun(n: number): Run {
  if (n > 1024 && !allReference) return skippedRun('ts-reference', 1, n, 'full', 'not run over 1,024 tokens without --reference (4–5 s a pass at 2,048)');
  const { x } = embed(tokens(n), config);
  const weights = initWeights(config);
  let bytes = 0;
  const timing = time(n <= 256 ? 5 : 3, () => {
    bytes = referenceBytes(multiHeadAttention(x, weights, config.mask));
  });
  return run('ts-reference', 1, n, 'full', timing, bytes);
}

/** Inputs in SharedArrayBuffers, so both workers read the same memory instead of a copy each. */
function shared(inputs: LayerInputs): LayerInputs {
  const share = (a: Float32Array) => {
    const s = new Float32Array(new SharedArrayBuffer(a.byteLength));
    s.set(a);
    return s;
  };
  return { ...inputs, x: share(inputs.x), wqkv: share(inputs.wqkv), wo: share(inputs.wo) };
}

/**
 * Worker threads running scripts/bench/attentionWorker.ts (through tsx, as this script runs):
 * `workers` for the heads split of a full pass, `band(i, request)` for a blockwise band on worker i.
 */
function startWorkers(count: number): {
  workers: HeadsWorker[];
  memoryBytes: number[];
  band: (index: number, request: BandRequest) => Promise<BandReply>;
  stop: () => Promise<number[]>;
} {
  const memoryBytes = new Array<number>(count).fill(0);
  // A worker thread does not get this thread's `--import tsx`: it registers tsx itself, then loads the entry.
  const entry = new URL('./attentionWorker.ts', import.meta.url).pathname;
  const boot = `require('tsx/cjs'); require(${JSON.stringify(entry)});`;
  const threads = Array.from({ length: count }, () => new Worker(boot, { eval: true }));
  const send = <T extends { memoryBytes: number }>(i: number, request: HeadsRequest | BandRequest) =>
    new Promise<T>((resolve, reject) => {
      const thread = threads[i];
      thread.once('error', reject);
      thread.once('message', (result: T) => {
        thread.off('error', reject);
        memoryBytes[i] = result.memoryBytes;
        resolve(result);
      });
      // The arrays to write into are moved, not copied: the worker sends them back filled.
      thread.postMessage(request, 'into' in request && request.into ? request.into.map((a) => a.buffer as ArrayBuffer) : []);
    });
  const workers = threads.map((_, i): HeadsWorker => (request: HeadsRequest) => send<HeadsResult & { memoryBytes: number }>(i, request));
  const band = (i: number, request: BandRequest) => send<BandReply>(i, request);
  return { workers, memoryBytes, band, stop: () => Promise.all(threads.map((t) => t.terminate())) };
}

async function timeParallel(runs: number, pass: () => Promise<unknown>): Promise<Timing & { passes: number }> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    const started = performance.now();
    await pass();
    times.push(performance.now() - started);
  }
  return { ...summary(times), passes: runs };
}

interface NumpyReport {
  numpy: string;
  blas: string;
  sgemmGflops: number;
  runs: { n: number; medianMs: number; minMs: number; maxMs: number; peakMB: number; algorithm: 'full' | 'per-head'; passes: number }[];
}

/** The inputs at N as attention_numpy.py --inputs reads them: raw float32 files in `dir`. */
function writeNumpyInputs(dir: string, n: number, inputs: LayerInputs): void {
  writeFileSync(join(dir, `x-${n}.f32`), inputs.x);
  writeFileSync(join(dir, 'wqkv.f32'), inputs.wqkv);
  writeFileSync(join(dir, 'wo.f32'), inputs.wo);
}

function runNumpy(dir: string, threads: number): NumpyReport {
  const args = [
    '--sizes', sizes.join(','), '--runs', String(runsOption), '--long-runs', String(longRuns), '--full-max', String(FULL_MATRIX_MAX_TOKENS),
    '--d-model', String(config.dModel), '--heads', String(config.heads), '--inputs', dir, ...(causal ? ['--causal'] : []),
  ];
  return runNumpyScript<NumpyReport>('attention_numpy.py', args, threads);
}

/**
 * The forward-pass rows, with progress on stderr (stdout stays the report); then, unless
 * --wasm-only, the same rows in the extension host's Node (numpy's timings copied from ours).
 */
function timeForwardPasses(): ForwardRow[] {
  const rows = forwardRows({ runs: runsOption, numpy: !wasmOnly && numpyAvailable(), gc, log: (line) => process.stderr.write(`${line}\n`) });
  const host = hostNode();
  if (!host) return rows;
  process.stderr.write(`forward passes again in the extension host's Node ${host.version}…\n`);
  const report = runScriptIn<{ forward: ForwardRow[] }>(host.path, scriptPath, ['--forward-only', '--wasm-only', '--json', '--runs', String(runsOption)]);
  return [...rows, ...withNumpyOf(rows, report.forward)];
}

const scriptPath = new URL(import.meta.url).pathname;
/** The extension host's Node, unless this is it (--wasm-only) or --no-host-node. */
const hostNode = () => (wasmOnly || argv.includes('--no-host-node') ? undefined : extensionHostNode());

/**
 * A `full` pass at N on this thread ('1') and on both workers ('2'), each timed after a collection
 * and writing into the weights of its own previous pass, as the main rows' `full` passes do.
 */
function fullPasses(inputs: LayerInputs, pool: ReturnType<typeof startWorkers>): Record<'1' | '2', TimedPass> {
  const kernels = loadKernels();
  const sharedInputs = shared(inputs);
  let keptOne: Float32Array[] | undefined;
  let keptTwo: Float32Array[] | undefined;
  const timed = async (pass: () => unknown): Promise<number> => {
    gc();
    const started = performance.now();
    await pass();
    return performance.now() - started;
  };
  return {
    '1': () =>
      timed(() => {
        const weights: Float32Array[] = [];
        kernels.multiHead(inputs, causal, (_, w) => weights.push(w), { into: keptOne });
        keptOne = weights;
      }),
    '2': () =>
      timed(async () => {
        keptTwo = (await parallelAttention(sharedInputs, causal, pool.workers, keptTwo)).weights;
      }),
  };
}

/** --serve-wasm: this Node's passes at N, served on stdin and stdout to the --paired rounds of another. */
async function serveFullPasses(n: number): Promise<void> {
  const pool = startWorkers(2);
  try {
    await servePasses(fullPasses(layerInputs(tokens(n), config), pool));
  } finally {
    await pool.stop();
  }
}

/** --paired: the targets, each round one pass of every implementation (scripts/bench/pairedRounds.ts). */
async function pairedTargets(n: number): Promise<void> {
  const pool = startWorkers(2);
  const dir = mkdtempSync(join(tmpdir(), 'attention-bench-'));
  const servers: PassServer[] = [];
  const impls: { impl: Run['impl']; node?: string; browser?: string; threads: number; pass: TimedPass }[] = [];
  let closeBrowser = async () => {};
  try {
    const inputs = layerInputs(tokens(n), config);
    const own = fullPasses(inputs, pool);
    impls.push({ impl: 'wasm-simd', node: process.version, threads: 1, pass: own['1'] }, { impl: 'wasm-simd', node: process.version, threads: 2, pass: own['2'] });
    const host = hostNode();
    if (host) {
      const server = await startPassServer(host.path, ['--import', 'tsx', scriptPath, '--serve-wasm', '--sizes', String(n), ...(causal ? ['--causal'] : [])]);
      servers.push(server);
      impls.push({ impl: 'wasm-simd', node: host.version, threads: 1, pass: () => server.pass('1') }, { impl: 'wasm-simd', node: host.version, threads: 2, pass: () => server.pass('2') });
    }
    const chromiumPath = argv.includes('--no-browser') ? undefined : installedChromium();
    if (chromiumPath) {
      const { browser, bench, close } = await startBrowserSession(chromiumPath);
      closeBrowser = close;
      // Each call one pass into the arrays of the call before (the first call's a fresh one).
      const pass = (threads: 1 | 2) => async () => (await bench.full(n, causal, threads, 1, false, false)).times[0];
      impls.push({ impl: 'wasm-simd', browser, threads: 1, pass: pass(1) }, { impl: 'wasm-simd', browser, threads: 2, pass: pass(2) });
    }
    if (numpyAvailable()) {
      writeNumpyInputs(dir, n, inputs);
      const args = ['--serve', String(n), '--inputs', dir, '--d-model', String(config.dModel), '--heads', String(config.heads), ...(causal ? ['--causal'] : [])];
      const server = await startPassServer('python3', [numpyScript('attention_numpy.py'), ...args], blasThreads(1));
      servers.push(server);
      impls.push({ impl: 'numpy-openblas-1t', threads: 1, pass: () => server.pass('pass') });
    }
    process.stderr.write(`${rounds} rounds of ${impls.length} passes at N = ${thousands(n)}…\n`);
    const times = await pairedRounds(impls.map((i) => i.pass), rounds);
    const numpy = impls.findIndex((i) => i.impl === 'numpy-openblas-1t');
    const rows = impls.map(({ pass: _, ...impl }, i) => ({ ...impl, n, ...summary(times.map((row) => row[i])), passes: rounds }));
    // Per round: wasm's pass over numpy's one-thread pass of the same round, against each target.
    const targets = numpy < 0 ? [] : impls.flatMap((impl, i) => {
      if (impl.impl !== 'wasm-simd') return [];
      const limit = impl.threads === 1 ? 1.5 : 1;
      const { median: ratio, met, ratios } = roundRatios(times, i, numpy, limit);
      return [{ ...(impl.browser ? { browser: impl.browser } : { node: impl.node }), threads: impl.threads, target: limit, medianRatio: round(ratio, 2), metInRounds: met, rounds, minRatio: round(Math.min(...ratios), 2), maxRatio: round(Math.max(...ratios), 2) }];
    });
    const machine = { ...machineCpu(), loadAverage: round(loadavg()[0], 2) };
    if (json) {
      // times[round][i]: the ms of runs[i]'s pass in that round (the order of a round: roundOrder).
      console.log(JSON.stringify({ machine, n, mask: config.mask, rounds, runs: rows, targets, times: times.map((row) => row.map((ms) => round(ms))) }));
      return;
    }
    console.log(`${describeCpu(machine)}, load average ${machine.loadAverage}; N ${thousands(n)}, mask ${config.mask}, ${rounds} rounds of one pass each`);
    console.log(['impl', 'node', 'threads', 'median ms', 'min ms', 'max ms'].join('\t'));
    for (const r of rows) console.log([r.impl.padEnd(17), (r.node ?? r.browser ?? '').padEnd(8), r.threads, r.medianMs, r.minMs, r.maxMs].join('\t'));
    for (const t of targets) {
      console.log(`${'browser' in t ? t.browser : `Node ${t.node}`}, wasm ${t.threads} thread${t.threads > 1 ? 's' : ''} / numpy 1 thread, round by round: median ${t.medianRatio}× (${t.minRatio}–${t.maxRatio}×); ` +
        `at most ${t.target}× in ${t.metInRounds} of ${t.rounds} rounds`);
    }
  } finally {
    for (const server of servers) server.close();
    await closeBrowser();
    await pool.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const pairedN = option('--sizes') || bare.length ? sizes[0] : FULL_MATRIX_MAX_TOKENS;
  if (serveWasm) return serveFullPasses(pairedN);
  if (paired) return pairedTargets(pairedN);
  if (forwardOnly) {
    const forward = timeForwardPasses();
    if (json) console.log(JSON.stringify({ machine: { ...machineCpu(), node: process.version, wasmSimd: hasWasmSimd() }, forward }));
    else for (const line of forwardTable(forward)) console.log(line);
    return;
  }
  const kernels = loadKernels();
  const hasNumpy = !wasmOnly && numpyAvailable();
  const runs: Run[] = [];
  const agreement: { n: number; numpyVsWasm: number }[] = [];
  // Blockwise: the two threads' output (bands put together) against the one thread's (0: the split changes no number).
  const bandsVsWhole: { n: number; twoThreadsVsOne: number }[] = [];
  const phaseRows: PhaseRow[] = [];
  // The extension host's Node: its outputs against this one's, bit for bit (SHA-256 of each N's).
  const hostOutputs: { n: number; node: string; sameOutput: boolean }[] = [];
  // Chromium's web workers: their one-thread outputs against this Node's, bit for bit.
  const browserOutputs: { n: number; browser: string; sameOutput: boolean }[] = [];
  const wasmOutputs = new Map<number, Float32Array>();
  const dir = mkdtempSync(join(tmpdir(), 'attention-bench-'));
  const pool = startWorkers(2);
  let numpyInfo: { numpy: string; blas: string } | undefined;
  // What bounds the passes: WebAssembly's f32x4 arithmetic in each Node, numpy's sgemm on 1 and 2 threads.
  const mulAdd: MulAddRow[] = [{ node: process.version, gflops: round(await wasmMulAddGflops(), 1) }];
  const sgemm: { threads: number; gflops: number }[] = [];

  /** Over FULL_MATRIX_MAX_TOKENS: LongAttention on this thread, then on two workers, a band of query rows each. */
  const blockwise = async (n: number, inputs: LayerInputs) => {
    // Warm-up on one overview block of rows (V8 compiles the hot functions; a whole pass would take seconds).
    new LongAttention(inputs, causal, { row0: 0, rows: Math.min(n, overviewBlock(n)) }).run();
    let bytes = 0;
    const single = time(longRuns, () => {
      const attention = new LongAttention(inputs, causal, { row0: 0, rows: n });
      const result = attention.run();
      bytes = longBytes(attention, result);
      wasmOutputs.set(n, result.output);
    });
    runs.push(run('wasm-simd', 1, n, 'blockwise', single, bytes));

    const sharedInputs = shared(inputs);
    const bands = [0, 1].map((i) => rowBand(n, i, 2, causal));
    await Promise.all(bands.map((band, i) => pool.band(i, { kind: 'band', inputs: sharedInputs, causal, part: { row0: band.row0, rows: Math.min(band.rows, overviewBlock(n)) } })));
    let output = new Float32Array(0);
    let parallelBytes = 0;
    const parallel = await timeParallel(longRuns, async () => {
      const replies = await Promise.all(bands.map((part, i) => pool.band(i, { kind: 'band', inputs: sharedInputs, causal, part })));
      output = new Float32Array(n * config.dModel);
      replies.forEach((reply, i) => output.set(reply.output, bands[i].row0 * config.dModel));
      parallelBytes = replies.reduce((sum, reply) => sum + reply.memoryBytes, 0);
    });
    runs.push(run('wasm-simd', 2, n, 'blockwise', parallel, parallelBytes));
    const whole = wasmOutputs.get(n);
    if (whole) bandsVsWhole.push({ n, twoThreadsVsOne: Number(relativeDifference(output, whole).toExponential(2)) });
  };

  try {
    for (const n of sizes) {
      const inputs = layerInputs(tokens(n), config);
      if (hasNumpy) writeNumpyInputs(dir, n, inputs);
      if (isLong(n)) {
        const gib = (config.heads * 3 * n * n * 8) / 2 ** 30;
        if (!wasmOnly) runs.push(skippedRun('ts-reference', 1, n, 'full', `not run over ${thousands(FULL_MATRIX_MAX_TOKENS)} tokens: the float64 engine keeps ${config.heads} heads × 3 N × N float64 matrices, ${gib.toFixed(gib < 10 ? 1 : 0)} GiB at N = ${thousands(n)}`));
        await blockwise(n, inputs);
        continue;
      }
      const count = runsOption;
      // The float64 engine runs in one Node only.
      if (!wasmOnly) runs.push(referenceRun(n));

      let returned = 0;
      // The weights of the pass before, written over by a `full` pass (undefined: fresh arrays).
      let kept: Float32Array[] | undefined;
      const pass = (reuse: boolean) => () => {
        const weights: Float32Array[] = [];
        const output = kernels.multiHead(inputs, causal, (_, w) => weights.push(w), { into: reuse ? kept : undefined });
        kept = reuse ? weights : undefined;
        returned = weights.reduce((sum, w) => sum + w.byteLength, output.byteLength);
        wasmOutputs.set(n, output);
      };
      pass(false)(); // warm-up: V8 compiles the kernels' hot functions on their first calls
      runs.push(run('wasm-simd', 1, n, 'full-fresh', time(count, pass(false)), kernels.memoryBytes() + returned));
      runs.push(run('wasm-simd', 1, n, 'full', time(count, pass(true)), kernels.memoryBytes() + returned));
      kept = undefined;
      if (phases) {
        phaseRows.push({ n, node: process.version, ...timePhases(count, (times) => {
          const weights: Float32Array[] = [];
          kernels.multiHead(inputs, causal, (_, w) => weights.push(w), { phases: times, into: kept });
          kept = weights;
        }) });
        kept = undefined;
      }

      const sharedInputs = shared(inputs);
      await parallelAttention(sharedInputs, causal, pool.workers);
      const parallelPass = (reuse: boolean) => async () => {
        const { weights } = await parallelAttention(sharedInputs, causal, pool.workers, reuse ? kept : undefined);
        kept = reuse ? weights : undefined;
      };
      const workersBytes = () => pool.memoryBytes.reduce((a, b) => a + b, 0) + returned;
      runs.push(run('wasm-simd', 2, n, 'full-fresh', await timeParallel(count, parallelPass(false)), workersBytes()));
      runs.push(run('wasm-simd', 2, n, 'full', await timeParallel(count, parallelPass(true)), workersBytes()));
      kept = undefined;
    }
    const host = hostNode();
    if (host) {
      process.stderr.write(`wasm rows again in the extension host's Node ${host.version} (${host.path})…\n`);
      const args = ['--wasm-only', '--json', '--sizes', sizes.join(','), '--runs', String(runsOption), ...(causal ? ['--causal'] : []), ...(phases ? ['--phases'] : [])];
      const report = runScriptIn<WasmOnlyReport>(host.path, scriptPath, args);
      runs.push(...report.runs);
      phaseRows.push(...report.phases);
      mulAdd.push(report.mulAdd);
      for (const { n, sha256: hash } of report.outputs) {
        const own = wasmOutputs.get(n);
        if (own) hostOutputs.push({ n, node: host.version, sameOutput: sha256(own) === hash });
      }
    }
    const chromiumPath = wasmOnly || argv.includes('--no-browser') ? undefined : installedChromium();
    if (chromiumPath) {
      process.stderr.write(`wasm rows again in web workers of headless Chromium (${chromiumPath})…\n`);
      const { browser, rows } = await browserRows(chromiumPath, sizes, FULL_MATRIX_MAX_TOKENS, runsOption, longRuns, causal);
      for (const { threads, n, algorithm, timing } of rows) {
        runs.push(run('wasm-simd', threads, n, algorithm, { ...summary(timing.times), passes: timing.times.length }, timing.peakBytes, browser));
        const own = wasmOutputs.get(n);
        if (own && timing.sha256 && algorithm !== 'full-fresh') browserOutputs.push({ n, browser, sameOutput: sha256(own) === timing.sha256 });
      }
    }
    if (hasNumpy) {
      for (const threads of [1, 2]) {
        const report = runNumpy(dir, threads);
        numpyInfo = { numpy: report.numpy, blas: report.blas };
        sgemm.push({ threads, gflops: round(report.sgemmGflops, 1) });
        for (const r of report.runs) {
          const timing = { medianMs: round(r.medianMs), minMs: round(r.minMs), maxMs: round(r.maxMs), passes: r.passes };
          runs.push(run(threads === 1 ? 'numpy-openblas-1t' : 'numpy-openblas-2t', threads, r.n, r.algorithm, timing, r.peakMB * MB));
          if (threads === 1) {
            const out = new Float32Array(readFileSync(join(dir, `out-${r.n}.f32`)).buffer.slice(0));
            agreement.push({ n: r.n, numpyVsWasm: Number(relativeDifference(out, wasmOutputs.get(r.n) ?? out).toExponential(2)) });
          }
        }
      }
    }
  } finally {
    await pool.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  // Ratios compare like with like: memory reused between passes on both sides (not `full-fresh`).
  // The engines the wasm rows ran in: a Node's version, or a browser's name.
  const engineOf = (r: Run) => r.node ?? r.browser ?? process.version;
  const find = (impl: Run['impl'], threads: number, n: number, engine?: string) =>
    runs.find((r) => r.impl === impl && r.threads === threads && r.n === n && r.algorithm !== 'full-fresh' && (!engine || engineOf(r) === engine))?.medianMs;
  const ratio = (a?: number | null, b?: number | null) => (a && b ? round(a / b, 2) : undefined);
  const engines = [...new Set(runs.filter((r) => r.impl === 'wasm-simd').map(engineOf))];
  const browsers = new Set(runs.flatMap((r) => (r.browser ? [r.browser] : [])));
  const ratios = sizes.flatMap((n) => engines.map((node) => ({
    n,
    ...(browsers.has(node) ? { browser: node } : { node }),
    // How many times longer than numpy single-threaded (the target: at most 1.5 at N = 2,048).
    wasm1tOverNumpy1t: ratio(find('wasm-simd', 1, n, node), find('numpy-openblas-1t', 1, n)),
    wasm2tOverNumpy1t: ratio(find('wasm-simd', 2, n, node), find('numpy-openblas-1t', 1, n)),
    wasm2tOverNumpy2t: ratio(find('wasm-simd', 2, n, node), find('numpy-openblas-2t', 2, n)),
    // How many times faster than the float64 engine (which runs in this Node only).
    referenceOverWasm1t: ratio(find('ts-reference', 1, n), find('wasm-simd', 1, n, node)),
  })));
  const machine = {
    ...machineCpu(),
    node: process.version,
    wasmSimd: hasWasmSimd(),
    ...(numpyInfo ? { numpy: numpyInfo.numpy, blas: numpyInfo.blas } : { numpy: null }),
    loadAverage: round(loadavg()[0], 2),
  };
  if (wasmOnly) {
    const outputs = [...wasmOutputs].map(([n, output]) => ({ n, sha256: sha256(output) }));
    console.log(JSON.stringify({ runs, phases: phaseRows, outputs, mulAdd: mulAdd[0] } satisfies WasmOnlyReport));
    return;
  }
  const forward = noForward ? [] : timeForwardPasses();
  const ceilings = {
    mulAdd,
    sgemm,
    // The products of one pass at each N, and the least time they take at the best Node's f32x4 rate.
    products: sizes.map((n) => {
      const gflop = passProductFlops(n, config.dModel, causal) / 1e9;
      return { n, gflop: round(gflop, 2), atBestMulAddMs: round((1000 * gflop) / Math.max(...mulAdd.map((m) => m.gflops)), 1) };
    }),
  };
  const report = {
    machine, mask: config.mask, runs, ratios, agreement, ceilings, forward,
    ...(bandsVsWhole.length ? { bandsVsWhole } : {}),
    ...(hostOutputs.length ? { hostOutputs } : {}),
    ...(browserOutputs.length ? { browserOutputs } : {}),
    ...(phases ? { phases: phaseRows } : {}),
  };
  if (json) {
    console.log(JSON.stringify(report));
    return;
  }
  console.log(`${describeCpu(machine)}, Node ${machine.node}, WebAssembly SIMD ${machine.wasmSimd ? 'yes' : 'no'}, ` +
    `${numpyInfo ? `numpy ${numpyInfo.numpy} (${numpyInfo.blas})` : 'no numpy'}, load average ${machine.loadAverage}`);
  console.log(`d_model ${config.dModel}, ${config.heads} heads of d_k ${config.dK}, mask ${config.mask}; times of one pass`);
  if (sizes.some(isLong)) {
    console.log(`Over ${thousands(FULL_MATRIX_MAX_TOKENS)} tokens: wasm blockwise (LongAttention, no N × N matrix), numpy per-head (a head's N × N at a time), ` +
      `median of min(--runs, ${LONG_RUNS}) = ${longRuns} passes`);
  }
  console.log(['N', 'impl', 'node', 'threads', 'algorithm', 'passes', 'median ms', 'min ms', 'max ms', 'peak MB'].join('\t'));
  for (const r of [...runs].sort((a, b) => a.n - b.n)) {
    const figures = r.skipped ? [`skipped: ${r.skipped}`] : [r.medianMs, r.minMs, r.maxMs, r.peakMB];
    console.log([r.n, r.impl.padEnd(17), (r.node ?? r.browser ?? '').padEnd(8), r.threads, r.algorithm.padEnd(9), r.passes, ...figures].join('\t'));
  }
  for (const r of ratios) {
    const parts = [
      r.wasm1tOverNumpy1t && `wasm 1 thread / numpy 1 thread ${r.wasm1tOverNumpy1t}×`,
      r.wasm2tOverNumpy1t && `wasm 2 threads / numpy 1 thread ${r.wasm2tOverNumpy1t}×`,
      r.wasm2tOverNumpy2t && `wasm 2 / numpy 2 threads ${r.wasm2tOverNumpy2t}×`,
      r.referenceOverWasm1t && `float64 engine / wasm ${r.referenceOverWasm1t}×`,
    ].filter(Boolean);
    if (parts.length) console.log(`N ${r.n}, ${'browser' in r ? r.browser : `Node ${r.node}`}: ${parts.join(', ')}`);
  }
  if (phases) {
    console.log(`Phases of the wasm-simd pass, 1 thread: median ms (share of their sum)`);
    console.log(['N', 'node', ...PHASES, 'sum'].join('\t'));
    for (const r of phaseRows) console.log([r.n, r.node, ...PHASES.map((p) => `${r[p]} (${Math.round((100 * r[p]) / r.total)} %)`), r.total].join('\t'));
  }
  console.log(`Ceilings: WebAssembly f32x4 multiply + add (no fused multiply-add in WebAssembly), ${ceilings.mulAdd.map((m) => `Node ${m.node} ${m.gflops}`).join(', ')} GFLOP/s; ` +
    `numpy's sgemm (2,048 × 512 · 512 × 512) ${ceilings.sgemm.map((g) => `${g.threads} thread${g.threads > 1 ? 's' : ''} ${g.gflops}`).join(', ') || 'not run'} GFLOP/s`);
  for (const p of ceilings.products) console.log(`N ${p.n}: the pass's products are ${p.gflop} GFLOP, at least ${p.atBestMulAddMs} ms at the best f32x4 rate above`);
  for (const a of agreement) console.log(`N ${a.n}: numpy's output differs from the kernels' by ${a.numpyVsWasm} (largest |difference| / largest |value|)`);
  for (const h of hostOutputs) console.log(`N ${h.n}: Node ${h.node}'s output is ${h.sameOutput ? 'the same, bit for bit, as' : 'NOT the same as'} Node ${process.version}'s`);
  for (const b of browserOutputs) console.log(`N ${b.n}: ${b.browser}'s output is ${b.sameOutput ? 'the same, bit for bit, as' : 'NOT the same as'} Node ${process.version}'s`);
  for (const b of bandsVsWhole) console.log(`N ${b.n}: the two threads' bands differ from the one thread's output by ${b.twoThreadsVsOne}`);
  if (forward.length) for (const line of forwardTable(forward)) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
