/** Web-worker entry: runs a panel's analysis off the web extension host's thread. */
import type { WorkerProgress, WorkerReply, WorkerRequest } from '../common/protocol/worker';
import { AttentionWorker, transferable } from './answer';

const worker = new AttentionWorker();
/** Requests are answered in the order they came, an asynchronous one (a model read) included. */
let queue: Promise<void> = Promise.resolve();

declare const self: { onmessage: ((event: { data: WorkerRequest }) => void) | null; postMessage(message: WorkerReply | WorkerProgress, transfer: ArrayBuffer[]): void };

self.onmessage = ({ data: request }) => {
  queue = queue.then(async () => {
    const reply = await worker.answer(request, (progress) => self.postMessage(progress, []));
    self.postMessage(reply, transferable(reply));
  });
};
