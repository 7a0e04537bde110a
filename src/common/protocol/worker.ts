/**
 * The contract between the extension host and an attention worker (a Node worker thread or a web
 * worker). A worker lives as long as its panel's analysis: it answers the analysis, then keeps what
 * the steps view needs (src/common/attention/steps.ts) and answers each head's steps on demand.
 */
import type { AnalysisRequest, AttentionView } from '../attention/analysisView';
import type { StepsData } from '../attention/steps';

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'analyse'; readonly request: AnalysisRequest }
  | { readonly id: number; readonly kind: 'steps'; readonly head: number };

/** Sent while an analysis runs, before its reply: heads done so far. */
export interface WorkerProgress {
  readonly id: number;
  readonly kind: 'progress';
  readonly done: number;
  readonly total: number;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly kind: 'analysis'; readonly view: AttentionView }
  | { readonly id: number; readonly ok: true; readonly kind: 'steps'; readonly data: StepsData }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly inputError: boolean };
