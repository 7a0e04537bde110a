/** Worker-thread entry: runs a panel's analysis off the Node extension host's main thread. */
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest } from '../common/protocol/worker';
import { AttentionWorker, transferable } from './answer';

const worker = new AttentionWorker();

parentPort?.on('message', (request: WorkerRequest) => {
  const reply = worker.answer(request, (progress) => parentPort?.postMessage(progress));
  parentPort?.postMessage(reply, transferable(reply));
});
