/** Worker-thread entry: runs a panel's analysis off the Node extension host's main thread. */
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest } from '../common/protocol/worker';
import { AttentionWorker, transferable } from './answer';
import type { FolderReader } from './modelRuns';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** A model folder's file, read here so its bytes never pass through the extension host; undefined when absent. */
async function readFileAt(folder: string, name: string): Promise<Uint8Array | undefined> {
  try {
    const buffer = await readFile(join(folder, name));
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Bytes offset … offset + length − 1 of a file, in a buffer of their own (aligned for a Float32Array view). */
async function readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const { bytesRead } = await handle.read(bytes, done, length - done, offset + done);
      if (bytesRead === 0) throw new Error(`${path} ended at byte ${offset + done}, before byte ${offset + length}`);
      done += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

const folders: FolderReader = {
  read: readFileAt,
  ranged: (folder) => ({
    size: (name) => stat(join(folder, name)).then((s) => (s.isFile() ? s.size : undefined), (error) => (isMissing(error) ? undefined : Promise.reject(error))),
    read: (name, offset, length) => readRange(join(folder, name), offset, length),
  }),
};

const worker = new AttentionWorker(folders);
/** Requests are answered in the order they came, an asynchronous one (a model read) included. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const reply = await worker.answer(request, (progress) => parentPort?.postMessage(progress));
    parentPort?.postMessage(reply, transferable(reply));
  });
});
