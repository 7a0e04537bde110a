/**
 * A Node worker thread for the benchmark's two-thread runs. Up to 2,048 tokens: runs its share of
 * the heads (src/common/kernels/schedule.ts) and sends back their weights and its part of the
 * output. Over 2,048: runs LongAttention (src/common/kernels/longAttention.ts) on its band of
 * query rows and sends back the band's overviews, average, output rows and Z. Both transferred,
 * not copied, with the bytes its side held: for heads, its kernels' linear memory; for a band,
 * LongAttention's linear memory (a module instance of its own), what the LongAttention object
 * keeps (Q, K, each row's max and sum) and the arrays returned.
 */
import { parentPort } from 'node:worker_threads';
import { loadKernels, type LayerInputs } from '../../src/common/kernels/kernels';
import { LongAttention, type LongPart, type LongResult } from '../../src/common/kernels/longAttention';
import { runHeads, type HeadsRequest } from '../../src/common/kernels/schedule';
import { longArrays, longBytes } from './benchInputs';

/** A band of query rows of a long selection, blockwise. */
export interface BandRequest {
  readonly kind: 'band';
  readonly inputs: LayerInputs;
  readonly causal: boolean;
  readonly part: LongPart;
}

export type BandReply = LongResult & { readonly memoryBytes: number };

if (parentPort) {
  const port = parentPort;
  const kernels = loadKernels();
  port.on('message', (request: HeadsRequest | BandRequest) => {
    if ('kind' in request) {
      const attention = new LongAttention(request.inputs, request.causal, request.part);
      const result = attention.run();
      const reply: BandReply = { ...result, memoryBytes: longBytes(attention, result) };
      port.postMessage(reply, longArrays(result).map((a) => a.buffer as ArrayBuffer));
      return;
    }
    const result = runHeads(request, kernels);
    port.postMessage({ ...result, memoryBytes: kernels.memoryBytes() }, [...result.weights, result.output].map((a) => a.buffer as ArrayBuffer));
  });
}
