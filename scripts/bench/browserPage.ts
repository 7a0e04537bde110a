/**
 * The page of the benchmark's browser rows (scripts/bench/browserRuns.ts), in headless Chromium:
 * it starts three web workers (scripts/bench/browserWorker.ts) and times passes on them as the
 * Node rows are timed. One thread: one worker computes every head (or every row, blockwise), the
 * pass timed inside it. Two threads: the heads shared out by parallelAttention (or a band of query
 * rows each, as the extension splits a long selection), timed here from the first request to the
 * last reply. `window.bench` is what the driver calls through page.evaluate.
 */
import { rowBand } from '../../src/common/attention/analysisParts';
import { resolveConfig } from '../../src/common/attention/config';
import { overviewBlock } from '../../src/common/attention/longSelection';
import { layerInputs } from '../../src/common/kernels/fastAttention';
import { parallelAttention, type HeadsWorker } from '../../src/common/kernels/schedule';
import { benchTokens } from './benchInputs';
import type { BrowserReply, BrowserRequest } from './browserWorker';

/** One row's passes: milliseconds each, the bytes held, and the one-thread output's SHA-256 (hex). */
export interface BrowserTiming {
  readonly times: number[];
  readonly peakBytes: number;
  readonly sha256?: string;
}

export interface BrowserBench {
  /**
   * Every head's N × N weights kept; `fresh`: into new arrays every pass, else into the last pass's
   * (kept from one call to the next). `warmUp`: an untimed pass first.
   */
  full(n: number, causal: boolean, threads: 1 | 2, runs: number, fresh: boolean, warmUp: boolean): Promise<BrowserTiming>;
  /** The blockwise pass (LongAttention), no N × N matrix. */
  blockwise(n: number, causal: boolean, threads: 1 | 2, runs: number): Promise<BrowserTiming>;
}

declare const Worker: new (url: string) => { postMessage(message: BrowserRequest, transfer: ArrayBuffer[]): void; onmessage: ((event: { data: BrowserReply }) => void) | null; onerror: ((event: { message?: string }) => void) | null };
declare const crypto: { subtle: { digest(algorithm: string, data: ArrayBufferView): Promise<ArrayBuffer> } };

// Worker 0 runs the one-thread rows, workers 1 and 2 the two-thread rows: each worker's memory
// only grows, so each row's peak counts only what that row needed.
const workers = [0, 1, 2].map(() => new Worker('/worker.js'));
const memoryBytes = [0, 0, 0];
const TWO = [1, 2] as const;

function ask(index: number, request: BrowserRequest): Promise<BrowserReply> {
  const worker = workers[index];
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      memoryBytes[index] = data.memoryBytes;
      resolve(data);
    };
    worker.onerror = (event) => reject(new Error(event.message ?? 'the benchmark worker failed'));
    worker.postMessage(request, 'into' in request && request.into ? request.into.map((a) => a.buffer as ArrayBuffer) : []);
  });
}

async function sha256(output: Float32Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', output));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const bytesOf = (arrays: readonly Float32Array[]) => arrays.reduce((sum, a) => sum + a.byteLength, 0);

/** The weights of the last `full` pass at N, causal or not, on 1 or 2 threads: the next one's `into`. */
const keptWeights = new Map<string, Float32Array[]>();

async function full(n: number, causal: boolean, threads: 1 | 2, runs: number, fresh: boolean, warmUp: boolean): Promise<BrowserTiming> {
  const inputs = layerInputs(benchTokens(n), resolveConfig({ mask: causal ? 'causal' : 'none' }));
  const heads = Array.from({ length: inputs.heads }, (_, h) => h);
  const times: number[] = [];
  const key = `${n} ${causal} ${threads}`;
  let kept = keptWeights.get(key);
  keptWeights.delete(key);
  let returned = 0;
  let output: Float32Array = new Float32Array(0);
  // A warm-up pass first: V8 compiles the kernels' hot functions on their first calls.
  for (let r = warmUp ? 0 : 1; r <= runs; r++) {
    const into = fresh ? undefined : kept;
    let ms: number;
    if (threads === 1) {
      const reply = await ask(0, { kind: 'heads', n, causal, heads, into });
      if (reply.kind !== 'heads') throw new Error('the worker answered a band');
      ({ output, weights: kept } = reply);
      ms = reply.ms;
    } else {
      const onWorker = (index: number): HeadsWorker => async (request) => {
        const reply = await ask(index, { kind: 'heads', n, causal, heads: request.heads, into: request.into });
        if (reply.kind !== 'heads') throw new Error('the worker answered a band');
        return reply;
      };
      const started = performance.now();
      const result = await parallelAttention(inputs, causal, TWO.map(onWorker), into);
      ms = performance.now() - started;
      ({ output, weights: kept } = result);
    }
    returned = bytesOf(kept) + output.byteLength;
    if (r > 0) times.push(ms);
  }
  if (!fresh && kept) keptWeights.set(key, kept);
  const held = threads === 1 ? memoryBytes[0] : memoryBytes[1] + memoryBytes[2];
  return { times, peakBytes: held + returned, ...(threads === 1 ? { sha256: await sha256(output) } : {}) };
}

async function blockwise(n: number, causal: boolean, threads: 1 | 2, runs: number): Promise<BrowserTiming> {
  const bands = threads === 1 ? [{ row0: 0, rows: n }] : [0, 1].map((i) => rowBand(n, i, 2, causal));
  const on = threads === 1 ? [0] : TWO;
  // Warm-up on one overview block of rows each (a whole pass takes seconds).
  await Promise.all(bands.map((band, i) => ask(on[i], { kind: 'band', n, causal, part: { row0: band.row0, rows: Math.min(band.rows, overviewBlock(n)) } })));
  const times: number[] = [];
  let replies: BrowserReply[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    replies = await Promise.all(bands.map((part, i) => ask(on[i], { kind: 'band', n, causal, part })));
    times.push(threads === 1 ? replies[0].ms : performance.now() - started);
  }
  const peakBytes = replies.reduce((sum, reply) => sum + reply.memoryBytes, 0);
  return { times, peakBytes, ...(threads === 1 ? { sha256: await sha256(replies[0].output) } : {}) };
}

(globalThis as unknown as { bench: BrowserBench }).bench = { full, blockwise };
