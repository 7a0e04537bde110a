/** The Node extension host's runner: a worker thread per analysis. */
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { runInWorker, type AnalysisRunner } from './analysisRunner';
import type { WorkerReply } from '../common/protocol/worker';

export class NodeWorkerRunner implements AnalysisRunner {
  constructor(private readonly workerPath: string) {}

  run(request: AnalysisRequest, token: vscode.CancellationToken): Promise<AttentionView> {
    const worker = new Worker(this.workerPath);
    return runInWorker(
      worker,
      (onReply, onError) => {
        worker.once('message', (reply: WorkerReply) => onReply(reply));
        worker.once('error', onError);
      },
      request,
      token,
    );
  }
}
