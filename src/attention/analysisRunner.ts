import type * as vscode from 'vscode';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { InputError } from '../common/attention/analysis';
import type { WorkerReply } from '../common/protocol/worker';

/** Runs one analysis away from the extension host's main thread; cancelling stops it. */
export interface AnalysisRunner {
  run(request: AnalysisRequest, token: vscode.CancellationToken): Promise<AttentionView>;
}

export class CancelledError extends Error {
  constructor() {
    super('The analysis was cancelled.');
  }
}

/** The worker-agnostic part: one worker per analysis, terminated when done or cancelled. */
export function runInWorker(
  worker: { postMessage(request: AnalysisRequest): void; terminate(): unknown },
  listen: (onReply: (reply: WorkerReply) => void, onError: (error: Error) => void) => void,
  request: AnalysisRequest,
  token: vscode.CancellationToken,
): Promise<AttentionView> {
  if (token.isCancellationRequested) {
    worker.terminate();
    return Promise.reject(new CancelledError());
  }
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      subscription.dispose();
      worker.terminate();
      settle();
    };
    const subscription = token.onCancellationRequested(() => finish(() => reject(new CancelledError())));
    listen(
      (reply) => finish(() => (reply.ok ? resolve(reply.view) : reject(reply.inputError ? new InputError(reply.message) : new Error(reply.message)))),
      (error) => finish(() => reject(error)),
    );
    worker.postMessage(request);
  });
}
