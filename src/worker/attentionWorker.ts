/** Worker-thread entry: runs a panel's analysis off the Node extension host's main thread. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest } from '../common/protocol/worker';
import { AttentionWorker, transferable } from './answer';

/** A model folder's file, read here so its bytes never pass through the extension host; undefined when absent. */
async function readFileAt(folder: string, name: string): Promise<Uint8Array | undefined> {
  try {
    const buffer = await readFile(join(folder, name));
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const worker = new AttentionWorker(readFileAt);
/** Requests are answered in the order they came, an asynchronous one (a model read) included. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const reply = await worker.answer(request, (progress) => parentPort?.postMessage(progress));
    parentPort?.postMessage(reply, transferable(reply));
  });
});
