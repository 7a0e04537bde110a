import { analyse, InputError } from '../common/attention/analysis';
import type { AnalysisRequest, AttentionView } from '../common/protocol/attentionPanel';

/** What an attention worker (a Node worker thread or a web worker) answers to one request. */
export type WorkerReply =
  | { readonly ok: true; readonly view: AttentionView }
  | { readonly ok: false; readonly message: string; readonly inputError: boolean };

/** The whole job of either worker: errors become replies, so the host can tell input errors apart. */
export function answer(request: AnalysisRequest): WorkerReply {
  try {
    return { ok: true, view: analyse(request).view };
  } catch (error) {
    return { ok: false, message: (error as Error).message, inputError: error instanceof InputError };
  }
}
