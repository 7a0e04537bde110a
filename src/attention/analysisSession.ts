/**
 * A panel's analysis, away from the extension host's main thread: one worker per panel, started
 * for each analysis and kept while it is shown, so the steps of any head come back in
 * milliseconds. Cancelling an analysis terminates its worker at once.
 */
import type * as vscode from 'vscode';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { InputError } from '../common/attention/analysis';
import type { StepsData } from '../common/attention/steps';
import type { WorkerProgress, WorkerReply, WorkerRequest } from '../common/protocol/worker';

/** A started worker, whichever kind (Node worker thread, web worker). */
export interface WorkerPort {
  post(request: WorkerRequest): void;
  onReply(listener: (reply: WorkerReply | WorkerProgress) => void): void;
  onError(listener: (error: Error) => void): void;
  terminate(): void;
}

export type SpawnWorker = () => WorkerPort;

export class CancelledError extends Error {
  constructor() {
    super('The analysis was cancelled.');
  }
}

type Pending = { resolve(reply: WorkerReply): void; reject(error: Error): void; progress?(done: number, total: number): void };

export class AnalysisSession {
  private worker?: WorkerPort;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly spawn: SpawnWorker) {}

  /** Computes a new analysis in a fresh worker (the previous one, and its work, is dropped). */
  async analyse(request: AnalysisRequest, token: vscode.CancellationToken, onHead?: (done: number, total: number) => void): Promise<AttentionView> {
    this.stop(new CancelledError());
    const reply = await this.ask({ kind: 'analyse', request }, token, onHead);
    if (reply.ok && reply.kind === 'analysis') return reply.view;
    throw unexpected(reply);
  }

  /** One head's intermediates of the last analysis. */
  async steps(head: number, token: vscode.CancellationToken): Promise<StepsData> {
    if (!this.worker) throw new Error('there is no analysis to show the steps of');
    const reply = await this.ask({ kind: 'steps', head }, token);
    if (reply.ok && reply.kind === 'steps') return reply.data;
    throw unexpected(reply);
  }

  /** Ends the worker; everything still asked of it fails with `reason`. */
  stop(reason: Error = new CancelledError()): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
  }

  private ask(
    question: { kind: 'analyse'; request: AnalysisRequest } | { kind: 'steps'; head: number },
    token: vscode.CancellationToken,
    progress?: (done: number, total: number) => void,
  ): Promise<WorkerReply> {
    if (token.isCancellationRequested) return Promise.reject(new CancelledError());
    const worker = (this.worker ??= this.start());
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
      worker.post({ id, ...question } as WorkerRequest);
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
      if (this.worker === worker) this.stop(error);
    });
    return worker;
  }
}

function unexpected(reply: WorkerReply): Error {
  if (!reply.ok) return reply.inputError ? new InputError(reply.message) : new Error(reply.message);
  return new Error(`the attention worker answered "${reply.kind}" to another question`);
}
