/**
 * The contract between the extension host and its attention workers (Node worker threads or web
 * workers). An analysis may be split across workers, each computing a share: the heads of a
 * selection whose N × N weights are kept, or a band of query rows of a long one. A worker lives as
 * long as its panel's analysis and answers the steps view (a head's intermediates) and the long
 * heatmap (exact tiles of its rows) on demand.
 */
import type { AnalysisRequest } from '../attention/analysisView';
import type { AnalysisPart } from '../attention/analysisParts';
import type { StepsData } from '../attention/steps';
import type { AttentionView } from '../attention/analysisView';
import type { HeadChoice, ModelDisplay } from './attentionPanel';
import type { ContextsRequest, ContextsResult } from '../contexts/contexts';

/** Which share of an analysis a worker computes: share `index` of `count`. */
export interface WorkerShare {
  readonly index: number;
  readonly count: number;
}

/** A rectangle of weights: rows row0 … row0+rows−1, columns col0 … col0+cols−1. */
export interface TileRect {
  readonly head: HeadChoice;
  readonly row0: number;
  readonly col0: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Where a worker reads a model folder from: a path it opens itself (a Node worker thread, so a
 * model of hundreds of MB never passes through the extension host), or the files' bytes, which the
 * host read through workspace.fs (the web, where a worker has no file system).
 */
export type ModelSource = { readonly kind: 'path'; readonly path: string } | { readonly kind: 'files'; readonly files: Readonly<Record<string, Uint8Array>> };

export interface WorkerModel {
  /** Names the folder's contents (its URI and the weights' size and time): a worker that has loaded the same key keeps it. */
  readonly key: string;
  readonly name: string;
  readonly source: ModelSource;
}

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'analyse'; readonly request: AnalysisRequest; readonly share: WorkerShare }
  /** Runs a pretrained model over the request's text (every layer, every head) and answers with the view `display` asks for. */
  | { readonly id: number; readonly kind: 'model'; readonly request: AnalysisRequest; readonly model: WorkerModel; readonly display: ModelDisplay }
  /** The last model run, shown another way (another layer, special tokens hidden, words merged). */
  | { readonly id: number; readonly kind: 'modelDisplay'; readonly display: ModelDisplay }
  /** A head's steps; for a model run, of `layer` (default the one shown). */
  | { readonly id: number; readonly kind: 'steps'; readonly head: number; readonly layer?: number }
  | ({ readonly id: number; readonly kind: 'tile' } & TileRect)
  /** Compare Contexts: the word in each sentence, by the built-in engine, or by `model` (kept loaded like a model run's). */
  | { readonly id: number; readonly kind: 'contexts'; readonly request: ContextsRequest; readonly model?: WorkerModel }
  /**
   * A file the CLI would write for the request (`--json`, `--out FILE.safetensors`), made from the
   * request alone as the CLI makes it; for a model run, the last run's `--model DIR --json`.
   * `version`: the extension's, for the safetensors metadata.
   */
  | { readonly id: number; readonly kind: 'exportFile'; readonly format: 'json' | 'safetensors'; readonly request: AnalysisRequest; readonly version: string };

/** Sent while an analysis runs, before its reply: units of work (heads) done so far of this share. */
export interface WorkerProgress {
  readonly id: number;
  readonly kind: 'progress';
  readonly done: number;
  readonly total: number;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly kind: 'analysis'; readonly part: AnalysisPart }
  | { readonly id: number; readonly ok: true; readonly kind: 'view'; readonly view: AttentionView }
  | { readonly id: number; readonly ok: true; readonly kind: 'steps'; readonly data: StepsData }
  | { readonly id: number; readonly ok: true; readonly kind: 'tile'; readonly values: Float32Array }
  | { readonly id: number; readonly ok: true; readonly kind: 'file'; readonly bytes: Uint8Array }
  | { readonly id: number; readonly ok: true; readonly kind: 'contexts'; readonly result: ContextsResult }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly inputError: boolean };
