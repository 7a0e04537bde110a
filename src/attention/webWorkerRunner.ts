/** The web extension host's runner (vscode.dev, github.dev): a web worker per analysis. */
import type * as vscode from 'vscode';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { runInWorker, type AnalysisRunner } from './analysisRunner';
import type { WorkerReply } from '../common/protocol/worker';

// The DOM's Worker, declared here: the project's tsconfig is for Node and web workers alike.
declare const Worker: new (url: string) => {
  postMessage(request: AnalysisRequest): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
};

export class WebWorkerRunner implements AnalysisRunner {
  /** `workerUrl`: the bundled worker script, as the extension host can fetch it. */
  constructor(private readonly workerUrl: string) {}

  run(request: AnalysisRequest, token: vscode.CancellationToken): Promise<AttentionView> {
    const worker = new Worker(this.workerUrl);
    return runInWorker(
      worker,
      (onReply, onError) => {
        worker.onmessage = (event) => onReply(event.data);
        worker.onerror = (event) => onError(new Error(event.message || 'the attention worker failed to start'));
      },
      request,
      token,
    );
  }
}
