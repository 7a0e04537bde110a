/** Worker-thread entry: runs one analysis off the Node extension host's main thread. */
import { parentPort } from 'node:worker_threads';
import type { AnalysisRequest } from '../common/protocol/attentionPanel';
import { answer } from './workerReply';

parentPort?.on('message', (request: AnalysisRequest) => parentPort?.postMessage(answer(request)));
