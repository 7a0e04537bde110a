/** The contract between the extension host and an attention worker (a Node worker thread or a web worker). */
import type { AttentionView } from '../attention/analysisView';

/** What a worker answers to one AnalysisRequest. */
export type WorkerReply =
  | { readonly ok: true; readonly view: AttentionView }
  | { readonly ok: false; readonly message: string; readonly inputError: boolean };
