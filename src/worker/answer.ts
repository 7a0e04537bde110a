/**
 * The whole job of either attention worker: each request in, one reply out.
 *
 * Up to FAST_FROM_TOKENS − 1 tokens, the reference engine computes everything and the panel shows
 * its numbers; the steps view recomputes a head from what it kept. Longer selections are computed
 * by the WebAssembly SIMD kernels in float32 (src/common/kernels: ~20× faster, within 1e-5 of the
 * reference); the reference runs only if the steps view is opened on them.
 */
import { analyse, InputError, tokensToAnalyse, viewOf } from '../common/attention/analysis';
import type { AnalysisRequest } from '../common/attention/analysisView';
import { headSteps, retain, type RetainedAnalysis } from '../common/attention/steps';
import { fastAttention } from '../common/kernels/fastAttention';
import { hasWasmSimd, loadKernels } from '../common/kernels/kernels';
import type { WorkerProgress, WorkerReply, WorkerRequest } from '../common/protocol/worker';

/** From this many tokens on, the fast kernels compute what the panel shows. */
export const FAST_FROM_TOKENS = 513;

/** The last analysis, without its N × N matrices: what the steps of any head are recomputed from. */
let kept: RetainedAnalysis | undefined;
/** The last analysis when the kernels computed it: the reference's numbers are made when asked for. */
let deferred: AnalysisRequest | undefined;

/** Errors become replies, so the host can tell input errors apart. */
export function answer(request: WorkerRequest, progress?: (message: WorkerProgress) => void): WorkerReply {
  try {
    if (request.kind === 'analyse') {
      kept = undefined;
      deferred = undefined;
      const onHead = (done: number, total: number) => progress?.({ id: request.id, kind: 'progress', done, total });
      const fast = fastAnalysis(request.request, onHead);
      if (fast) {
        deferred = request.request;
        return { id: request.id, ok: true, kind: 'analysis', view: fast };
      }
      const { result, view } = analyse(request.request, onHead);
      kept = retain(result);
      return { id: request.id, ok: true, kind: 'analysis', view };
    }
    if (!kept && deferred) kept = retain(analyse(deferred).result);
    if (!kept) throw new Error('there is no analysis to show the steps of');
    return { id: request.id, ok: true, kind: 'steps', data: headSteps(kept, request.head) };
  } catch (error) {
    return { id: request.id, ok: false, message: (error as Error).message, inputError: error instanceof InputError };
  }
}

/** The view computed by the kernels, or undefined for a short selection or an engine without WebAssembly SIMD. */
function fastAnalysis(request: AnalysisRequest, onHead: (done: number, total: number) => void) {
  const started = performance.now();
  const analysed = tokensToAnalyse(request.text, request.maxTokens);
  if (analysed.tokens.length < FAST_FROM_TOKENS || !kernelsUsable()) return undefined;
  const weights: Float32Array[] = [];
  fastAttention(analysed.tokens, request.config, (head, w) => {
    weights[head] = w;
    onHead(head + 1, request.config.heads); // posts a message: it does not call the kernels
  });
  return viewOf(request, analysed, weights, started);
}

let usable: boolean | undefined;
/** Whether the kernels load here: an engine without SIMD, or a page whose CSP forbids compiling WebAssembly, uses the reference. */
function kernelsUsable(): boolean {
  if (usable === undefined) {
    try {
      usable = hasWasmSimd();
      if (usable) loadKernels(); // compiles the module, or throws where that is forbidden
    } catch {
      usable = false;
    }
  }
  return usable;
}

/**
 * The buffers a reply can hand over rather than copy: an analysis's weights are made for the reply.
 * A head's steps are not: their matrices stay in the worker for the next head asked for.
 */
export function transferable(reply: WorkerReply): ArrayBuffer[] {
  if (!reply.ok || reply.kind !== 'analysis') return [];
  // Only arrays that own their whole buffer: handing over a view's buffer would take what it shares.
  return reply.view.weights.filter((w) => w.byteOffset === 0 && w.byteLength === w.buffer.byteLength).map((w) => w.buffer as ArrayBuffer);
}
