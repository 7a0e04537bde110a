/** Worker-thread entry: runs one analysis off the extension host's main thread. */
import { parentPort } from 'node:worker_threads';
import { analyse, InputError } from '../common/analysis';
import type { AnalysisRequest } from '../common/protocol';
import type { WorkerReply } from './workerReply';

parentPort?.on('message', (request: AnalysisRequest) => {
  let reply: WorkerReply;
  try {
    reply = { ok: true, view: analyse(request).view };
  } catch (error) {
    reply = { ok: false, message: (error as Error).message, inputError: error instanceof InputError };
  }
  parentPort?.postMessage(reply);
});
