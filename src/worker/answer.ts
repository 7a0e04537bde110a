/** The whole job of either attention worker: one request in, one reply out. */
import { analyse, InputError } from '../common/attention/analysis';
import type { AnalysisRequest } from '../common/attention/analysisView';
import type { WorkerReply } from '../common/protocol/worker';

/** Errors become replies, so the host can tell input errors apart. */
export function answer(request: AnalysisRequest): WorkerReply {
  try {
    return { ok: true, view: analyse(request).view };
  } catch (error) {
    return { ok: false, message: (error as Error).message, inputError: error instanceof InputError };
  }
}
