/** The Node extension host's workers: worker threads running dist/attentionWorker.js. */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerProgress, WorkerReply } from '../common/protocol/worker';
import { MAX_PARALLELISM, type WorkerPool } from './analysisSession';

export function nodeWorkers(workerPath: string): WorkerPool {
  const spawn: WorkerPool['spawn'] = () => {
    const worker = new Worker(workerPath);
    return {
      post: (request, transfer) => worker.postMessage(request, transfer ?? []),
      onReply: (listener) => worker.on('message', (reply: WorkerReply | WorkerProgress) => listener(reply)),
      onError: (listener) => {
        worker.on('error', listener);
        worker.on('exit', (code) => listener(new Error(`the attention worker stopped (exit code ${code})`)));
      },
      terminate: () => void worker.terminate(),
    };
  };
  const statFile: WorkerPool['statFile'] = (path) =>
    stat(path).then(
      (s) => (s.isFile() ? { size: s.size, mtime: s.mtimeMs } : undefined),
      () => undefined,
    );
  return { spawn, parallelism: Math.max(1, Math.min(MAX_PARALLELISM, availableParallelism())), readsFiles: true, statFile };
}
