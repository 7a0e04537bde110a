/** Worker-thread entry: runs one analysis off the Node extension host's main thread. */
import { parentPort } from 'node:worker_threads';
import type { AnalysisRequest } from '../common/attention/analysisView';
import { answer } from './answer';

parentPort?.on('message', (request: AnalysisRequest) => parentPort?.postMessage(answer(request)));
