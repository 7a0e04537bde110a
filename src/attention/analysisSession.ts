/**
 * A panel's analysis, away from the extension host's main thread: up to `parallelism` workers per
 * panel (both cores), started for each analysis and kept while it is shown, so the steps of any
 * head, or an exact tile of a long selection, come back in milliseconds. A selection computed by
 * the kernels is split across the workers (src/common/attention/analysisParts.ts); the reference's
 * short ones take one. Nothing is shared between workers (no SharedArrayBuffer, which vscode.dev
 * does not have): each gets the request and hands its part back. Where a second worker cannot be
 * started, the first computes everything. Cancelling terminates every worker at once.
 */
import type * as vscode from 'vscode';
import { InputError } from '../common/attention/analysis';
import { mergeParts, type AnalysisPart } from '../common/attention/analysisParts';
import type { AnalysisRequest, AttentionView, WeightsTile } from '../common/attention/analysisView';
import { FAST_FROM_TOKENS } from '../common/attention/longSelection';
import type { StepsData } from '../common/attention/steps';
import type { ContextsRequest, ContextsResult } from '../common/contexts/contexts';
import type { ModelDisplay } from '../common/models/view/modelView';
import type { TileRect, WorkerModel, WorkerProgress, WorkerReply, WorkerRequest } from '../common/protocol/worker';

/** A started worker, whichever kind (Node worker thread, web worker). */
export interface WorkerPort {
  /** `transfer`: buffers handed over rather than copied (a model's bytes, on the web). */
  post(request: WorkerRequest, transfer?: ArrayBuffer[]): void;
  onReply(listener: (reply: WorkerReply | WorkerProgress) => void): void;
  onError(listener: (error: Error) => void): void;
  terminate(): void;
}

export type SpawnWorker = () => WorkerPort;

/** How a host starts workers, and how many one analysis may use (its cores, up to MAX_PARALLELISM). */
export interface WorkerPool {
  readonly spawn: SpawnWorker;
  readonly parallelism: number;
  /** Whether a worker reads a model folder from its path itself (Node worker threads); else the host sends the bytes. */
  readonly readsFiles: boolean;
  /**
   * The size and time of a file on this machine's disk, undefined when there is none (the Node
   * host, with node:fs). In code-server a workspace.fs.stat goes through the browser, where it
   * waited half a second for a busy page: a model folder's files are stat'ed on every run.
   */
  readonly statFile?: (path: string) => Promise<{ size: number; mtime: number } | undefined>;
}

/** Heads are split at most this many ways: beyond, each share is too small to pay for its worker's start. */
export const MAX_PARALLELISM = 4;

export class CancelledError extends Error {
  constructor() {
    super('The analysis was cancelled.');
  }
}

type Question =
  | { kind: 'analyse'; request: AnalysisRequest; share: { index: number; count: number } }
  | { kind: 'model'; request: AnalysisRequest; model: WorkerModel; display: ModelDisplay }
  | { kind: 'modelDisplay'; display: ModelDisplay }
  | { kind: 'steps'; head: number; layer?: number }
  | ({ kind: 'tile' } & TileRect)
  | { kind: 'contexts'; request: ContextsRequest; model?: WorkerModel }
  | { kind: 'exportFile'; format: 'json' | 'safetensors'; request: AnalysisRequest; version: string };
type Pending = { resolve(reply: WorkerReply): void; reject(error: Error): void; progress?(done: number, total: number): void };

export class AnalysisSession {
  private workers: WorkerPort[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The last analysis, for routing tiles: each worker's band of query rows (long selections). */
  private bands?: readonly { row0: number; rows: number }[];
  /** The model folder the one worker has loaded (WorkerModel.key), kept for the next run of the same model. */
  private modelKey?: string;

  /** `parallelism`: the most workers one analysis uses (the machine's cores, at most 2 is what pays). */
  constructor(private readonly spawn: SpawnWorker, private readonly parallelism = 2) {}

  /**
   * Computes a new analysis of a text of `tokenCount` tokens in fresh workers (the previous ones,
   * and their work, are dropped). `onProgress`: heads done of all heads, summed over the workers.
   */
  async analyse(request: AnalysisRequest, tokenCount: number, token: vscode.CancellationToken, onProgress?: (done: number, total: number) => void): Promise<AttentionView> {
    this.stop(new CancelledError());
    const count = tokenCount >= FAST_FROM_TOKENS ? this.startWorkers(this.parallelism) : this.startWorkers(1);
    const heads = request.config.heads;
    const shares = Array.from({ length: count }, () => ({ done: 0, total: 0 }));
    let reported = 0;
    const report = (i: number, done: number, total: number) => {
      shares[i] = { done, total };
      // The shares' mean fraction (they are of about equal work), as heads of the whole; told when it moves.
      const fraction = shares.reduce((sum, s) => sum + (s.total > 0 ? s.done / s.total : 0), 0) / count;
      const headsDone = Math.floor(fraction * heads + 1e-9);
      if (headsDone > reported) onProgress?.((reported = headsDone), heads);
    };
    const replies = await Promise.all(shares.map((_, index) => this.ask(index, { kind: 'analyse', request, share: { index, count } }, token, (done, total) => report(index, done, total))));
    const parts = replies.map((reply) => {
      if (reply.ok && reply.kind === 'analysis') return reply.part;
      throw unexpected(reply);
    });
    const view = mergeParts(parts as AnalysisPart[]);
    // Which worker holds which rows, for the tiles: as each part says (a band of whole blocks).
    const { overview } = view;
    if (overview) {
      const n = view.tokens.length;
      this.bands = parts.map(({ band }) => {
        const row0 = Math.min(n, (band?.blockRow0 ?? 0) * overview.block);
        return { row0, rows: Math.min(n, row0 + (band?.blockRows ?? 0) * overview.block) - row0 };
      });
    }
    return view;
  }

  /**
   * Runs a pretrained model over the request's text in one worker: its layers follow one another,
   * so a second worker would have nothing to do. A worker that has loaded the same folder is kept
   * (reading and checking hundreds of MB of weights is most of a short text's time); another is
   * started fresh. `onProgress`: layers done.
   */
  async model(request: AnalysisRequest, model: WorkerModel, display: ModelDisplay, token: vscode.CancellationToken, onProgress?: (done: number, total: number) => void, transfer?: ArrayBuffer[]): Promise<AttentionView> {
    if (this.modelKey !== model.key || this.workers.length !== 1) {
      this.stop(new CancelledError());
      this.startWorkers(1);
    }
    this.bands = undefined;
    this.modelKey = model.key;
    return this.viewOf(await this.ask(0, { kind: 'model', request, model, display }, token, onProgress, transfer));
  }

  /**
   * Compare Contexts in one worker, kept for the next comparison: with a model, the worker that
   * has loaded its folder (as `model` keeps it); the built-in engine's in whichever worker there is.
   */
  async contexts(request: ContextsRequest, model: WorkerModel | undefined, token: vscode.CancellationToken, transfer?: ArrayBuffer[]): Promise<ContextsResult> {
    if ((model && this.modelKey !== model.key) || this.workers.length !== 1) {
      this.stop(new CancelledError());
      this.startWorkers(1);
    }
    this.bands = undefined;
    if (model) this.modelKey = model.key;
    const reply = await this.ask(0, { kind: 'contexts', request, ...(model ? { model } : {}) }, token, undefined, transfer);
    if (reply.ok && reply.kind === 'contexts') return reply.result;
    throw unexpected(reply);
  }

  /** The last model run, shown as `display` asks. */
  async modelDisplay(display: ModelDisplay, token: vscode.CancellationToken): Promise<AttentionView> {
    return this.viewOf(await this.ask(0, { kind: 'modelDisplay', display }, token));
  }

  /** One head's intermediates of the last analysis (any worker can make them; the first does); of `layer` for a model. */
  async steps(head: number, token: vscode.CancellationToken, layer?: number): Promise<StepsData> {
    const reply = await this.ask(0, { kind: 'steps', head, ...(layer !== undefined ? { layer } : {}) }, token);
    if (reply.ok && reply.kind === 'steps') return reply.data;
    throw unexpected(reply);
  }

  /** Exact weights of a rectangle of the last analysis (a long selection), from the workers whose rows it spans. */
  async tile(rect: TileRect, token: vscode.CancellationToken): Promise<WeightsTile> {
    if (!this.bands) throw new Error('exact tiles are computed for long selections only');
    const values = new Float32Array(rect.rows * rect.cols);
    const asked = this.bands.map(async (band, index) => {
      const row0 = Math.max(rect.row0, band.row0);
      const end = Math.min(rect.row0 + rect.rows, band.row0 + band.rows);
      if (end <= row0) return;
      const reply = await this.ask(index, { kind: 'tile', ...rect, row0, rows: end - row0 }, token);
      if (!(reply.ok && reply.kind === 'tile')) throw unexpected(reply);
      values.set(reply.values, (row0 - rect.row0) * rect.cols);
    });
    await Promise.all(asked);
    return { ...rect, values };
  }

  /** A file the CLI would write for the last analysis's request (or model run), made by the first worker. */
  async exportFile(format: 'json' | 'safetensors', request: AnalysisRequest, version: string, token: vscode.CancellationToken): Promise<Uint8Array> {
    const reply = await this.ask(0, { kind: 'exportFile', format, request, version }, token);
    if (reply.ok && reply.kind === 'file') return reply.bytes;
    throw unexpected(reply);
  }

  /** Ends the workers; everything still asked of them fails with `reason`. */
  stop(reason: Error = new CancelledError()): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
    this.bands = undefined;
    this.modelKey = undefined;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
  }

  /** Starts up to `count` workers; a second that cannot be started (no nested workers, say) is done without. */
  private startWorkers(count: number): number {
    for (let i = 0; i < count; i++) {
      try {
        this.workers.push(this.start());
      } catch (error) {
        if (i === 0) throw error;
        break;
      }
    }
    return this.workers.length;
  }

  private viewOf(reply: WorkerReply): AttentionView {
    if (reply.ok && reply.kind === 'view') return reply.view;
    throw unexpected(reply);
  }

  private ask(index: number, question: Question, token: vscode.CancellationToken, progress?: (done: number, total: number) => void, transfer?: ArrayBuffer[]): Promise<WorkerReply> {
    if (token.isCancellationRequested) return Promise.reject(new CancelledError());
    const worker = this.workers[index];
    if (!worker) return Promise.reject(new Error('there is no analysis to ask about'));
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const subscription = token.onCancellationRequested(() => this.stop(new CancelledError()));
      const settle = () => {
        subscription.dispose();
        this.pending.delete(id);
      };
      this.pending.set(id, {
        resolve: (reply) => (settle(), resolve(reply)),
        reject: (error) => (settle(), reject(error)),
        progress,
      });
      worker.post({ id, ...question } as WorkerRequest, transfer);
    });
  }

  private start(): WorkerPort {
    const worker = this.spawn();
    worker.onReply((reply) => {
      const pending = this.pending.get(reply.id);
      if ('done' in reply) pending?.progress?.(reply.done, reply.total);
      else pending?.resolve(reply);
    });
    worker.onError((error) => {
      if (this.workers.includes(worker)) this.stop(error);
    });
    return worker;
  }
}

function unexpected(reply: WorkerReply): Error {
  if (!reply.ok) return reply.inputError ? new InputError(reply.message) : new Error(reply.message);
  return new Error(`the attention worker answered "${reply.kind}" to another question`);
}
