/** Web-worker entry: runs one analysis off the web extension host's thread. */
import type { AnalysisRequest } from '../common/attention/analysisView';
import type { WorkerReply } from '../common/protocol/worker';
import { answer } from './answer';

declare const self: { onmessage: ((event: { data: AnalysisRequest }) => void) | null; postMessage(reply: WorkerReply): void };

self.onmessage = ({ data: request }) => self.postMessage(answer(request));
