/** The Node extension host's workers: worker threads running dist/attentionWorker.js. */
import { Worker } from 'node:worker_threads';
import type { WorkerProgress, WorkerReply } from '../common/protocol/worker';
import type { SpawnWorker } from './analysisSession';

export function nodeWorkers(workerPath: string): SpawnWorker {
  return () => {
    const worker = new Worker(workerPath);
    return {
      post: (request) => worker.postMessage(request),
      onReply: (listener) => worker.on('message', (reply: WorkerReply | WorkerProgress) => listener(reply)),
      onError: (listener) => {
        worker.on('error', listener);
        worker.on('exit', (code) => listener(new Error(`the attention worker stopped (exit code ${code})`)));
      },
      terminate: () => void worker.terminate(),
    };
  };
}
