/** Web-worker entry: runs a panel's analysis off the web extension host's thread. */
import type { WorkerReply, WorkerRequest } from '../common/protocol/worker';
import { answer } from './answer';

declare const self: { onmessage: ((event: { data: WorkerRequest }) => void) | null; postMessage(reply: WorkerReply): void };

self.onmessage = ({ data: request }) => self.postMessage(answer(request));
