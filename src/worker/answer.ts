/** The whole job of either attention worker: each request in, one reply out. */
import { analyse, InputError } from '../common/attention/analysis';
import { headSteps, retain, type RetainedAnalysis } from '../common/attention/steps';
import type { WorkerProgress, WorkerReply, WorkerRequest } from '../common/protocol/worker';

/** The last analysis, without its N × N matrices: what the steps of any head are recomputed from. */
let kept: RetainedAnalysis | undefined;

/** Errors become replies, so the host can tell input errors apart. */
export function answer(request: WorkerRequest, progress?: (message: WorkerProgress) => void): WorkerReply {
  try {
    if (request.kind === 'analyse') {
      kept = undefined;
      const { result, view } = analyse(request.request, (done, total) => progress?.({ id: request.id, kind: 'progress', done, total }));
      kept = retain(result);
      return { id: request.id, ok: true, kind: 'analysis', view };
    }
    if (!kept) throw new Error('there is no analysis to show the steps of');
    return { id: request.id, ok: true, kind: 'steps', data: headSteps(kept, request.head) };
  } catch (error) {
    return { id: request.id, ok: false, message: (error as Error).message, inputError: error instanceof InputError };
  }
}

/**
 * The buffers a reply can hand over rather than copy: an analysis's weights are made for the reply.
 * A head's steps are not: their matrices stay in the worker for the next head asked for.
 */
export function transferable(reply: WorkerReply): ArrayBuffer[] {
  return reply.ok && reply.kind === 'analysis' ? reply.view.weights.map((w) => w.buffer as ArrayBuffer) : [];
}
