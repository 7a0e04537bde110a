/** The web extension host's workers (vscode.dev, github.dev): web workers running dist/web/attentionWorker.js. */
import type { WorkerProgress, WorkerReply, WorkerRequest } from '../common/protocol/worker';
import { MAX_PARALLELISM, type WorkerPool } from './analysisSession';

// The DOM's Worker, declared here: the project's tsconfig is for Node and web workers alike.
declare const Worker: new (url: string) => {
  postMessage(request: WorkerRequest, transfer: ArrayBuffer[]): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerReply | WorkerProgress }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
};

declare const navigator: { readonly hardwareConcurrency?: number } | undefined;

/** `workerUrl`: the bundled worker script, as the extension host can fetch it. */
export function webWorkers(workerUrl: string): WorkerPool {
  const spawn: WorkerPool['spawn'] = () => {
    const worker = new Worker(workerUrl);
    return {
      post: (request, transfer) => worker.postMessage(request, transfer ?? []),
      onReply: (listener) => (worker.onmessage = (event) => listener(event.data)),
      onError: (listener) => (worker.onerror = (event) => listener(new Error(event.message || 'the attention worker failed to start'))),
      terminate: () => worker.terminate(),
    };
  };
  const cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
  return { spawn, parallelism: Math.max(1, Math.min(MAX_PARALLELISM, cores)), readsFiles: false };
}
