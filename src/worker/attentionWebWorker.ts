/** Web-worker entry: runs one analysis off the web extension host's thread. */
import type { AnalysisRequest } from '../common/protocol/attentionPanel';
import { answer, type WorkerReply } from './workerReply';

declare const self: { onmessage: ((event: { data: AnalysisRequest }) => void) | null; postMessage(reply: WorkerReply): void };

self.onmessage = ({ data: request }) => self.postMessage(answer(request));
