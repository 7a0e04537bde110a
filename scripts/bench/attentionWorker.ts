/**
 * A Node worker thread for the benchmark's two-thread run: runs its share of the heads
 * (src/common/kernels/schedule.ts) and sends back their weights and its part of the output,
 * transferred, not copied. Also answers how big its kernels' memory grew.
 */
import { parentPort } from 'node:worker_threads';
import { loadKernels } from '../../src/common/kernels/kernels';
import { runHeads, type HeadsRequest } from '../../src/common/kernels/schedule';

const kernels = loadKernels();
parentPort?.on('message', (request: HeadsRequest) => {
  const result = runHeads(request, kernels);
  parentPort?.postMessage({ ...result, memoryBytes: kernels.memoryBytes() }, [...result.weights, result.output].map((a) => a.buffer as ArrayBuffer));
});
