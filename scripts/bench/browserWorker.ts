/**
 * A Chromium web worker for the benchmark's browser rows (scripts/bench/browserRuns.ts): the
 * engine of VS Code for the Web's extension host, whose attention workers are web workers like
 * this one. Like the extension's workers, it makes its inputs itself from N (they are
 * deterministic) rather than receiving them, and has no SharedArrayBuffer (vscode.dev is not
 * cross-origin isolated). Each reply carries the pass's own milliseconds, timed here, and the bytes
 * this worker held (as scripts/bench/attentionWorker.ts counts them in Node).
 */
import { resolveConfig } from '../../src/common/attention/config';
import { layerInputs } from '../../src/common/kernels/fastAttention';
import { loadKernels, type LayerInputs } from '../../src/common/kernels/kernels';
import { LongAttention, type LongPart } from '../../src/common/kernels/longAttention';
import { benchTokens, longArrays, longBytes } from './benchInputs';

export type BrowserRequest =
  | { readonly kind: 'heads'; readonly n: number; readonly causal: boolean; readonly heads: readonly number[]; readonly into?: readonly Float32Array[] }
  | { readonly kind: 'band'; readonly n: number; readonly causal: boolean; readonly part: LongPart };

export type BrowserReply =
  | { readonly kind: 'heads'; readonly weights: Float32Array[]; readonly output: Float32Array; readonly ms: number; readonly memoryBytes: number }
  | { readonly kind: 'band'; readonly output: Float32Array; readonly ms: number; readonly memoryBytes: number };

declare const self: { onmessage: ((event: { data: BrowserRequest }) => void) | null; postMessage(message: BrowserReply, transfer: ArrayBuffer[]): void };
/** With Chromium's --js-flags=--expose-gc: a collection before each pass, as the Node rows have. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

let cached: { key: string; inputs: LayerInputs } | undefined;
function inputsOf(n: number, causal: boolean): LayerInputs {
  const key = `${n} ${causal}`;
  if (cached?.key !== key) cached = { key, inputs: layerInputs(benchTokens(n), resolveConfig({ mask: causal ? 'causal' : 'none' })) };
  return cached.inputs;
}

self.onmessage = ({ data: request }) => {
  const inputs = inputsOf(request.n, request.causal);
  collect();
  const started = performance.now();
  if (request.kind === 'band') {
    const attention = new LongAttention(inputs, request.causal, request.part);
    const result = attention.run();
    const ms = performance.now() - started;
    self.postMessage({ kind: 'band', output: result.output, ms, memoryBytes: longBytes(attention, result) }, longArrays(result).map((a) => a.buffer as ArrayBuffer));
    return;
  }
  const kernels = loadKernels();
  const weights: Float32Array[] = [];
  const output = kernels.multiHead(inputs, request.causal, (_, w) => weights.push(w), { heads: request.heads, into: request.into });
  const ms = performance.now() - started;
  self.postMessage({ kind: 'heads', weights, output, ms, memoryBytes: kernels.memoryBytes() }, [...weights, output].map((a) => a.buffer as ArrayBuffer));
};
