import type { AttentionView } from '../common/protocol';

/** What an attention worker (a Node worker thread or a web worker) answers to one request. */
export type WorkerReply =
  | { readonly ok: true; readonly view: AttentionView }
  | { readonly ok: false; readonly message: string; readonly inputError: boolean };
