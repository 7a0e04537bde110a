/**
 * The attention pass split by heads across workers (both cores of a 2-core machine): pure
 * scheduling, no platform API. Each worker runs Kernels.multiHead on its share of the heads and
 * returns those heads' weights and its part of the output, Σ over its heads of Z_h · Wo_h; the
 * parts add up to the output. The platform's side (a Node worker thread, a web worker) only has
 * to carry a HeadsRequest over and a HeadsResult back.
 */
import { loadKernels, type Kernels, type LayerInputs } from './kernels';

export interface HeadsRequest {
  readonly inputs: LayerInputs;
  readonly causal: boolean;
  readonly heads: readonly number[];
  /** Arrays to write the weights of heads[i] into (Kernels.multiHead's `into`), handed back in the result. */
  readonly into?: readonly Float32Array[];
}

export interface HeadsResult {
  /** The weights (N × N) of request.heads[i] at index i. */
  readonly weights: readonly Float32Array[];
  /** N × dModel: Σ over the request's heads of Z_h · Wo_h. */
  readonly output: Float32Array;
}

/** Something that runs a share of the heads elsewhere (runHeads there, by message). */
export type HeadsWorker = (request: HeadsRequest) => Promise<HeadsResult>;

/** Heads 0 … heads−1 dealt into at most `parts` runs of consecutive heads, as even as can be. */
export function splitHeads(heads: number, parts: number): number[][] {
  const count = Math.max(1, Math.min(parts, heads));
  return Array.from({ length: count }, (_, p) => {
    const from = Math.floor((p * heads) / count);
    const to = Math.floor(((p + 1) * heads) / count);
    return Array.from({ length: to - from }, (_, i) => from + i);
  });
}

/**
 * The whole pass on the workers, one share of the heads each: every head's weights, in order, and
 * the output. With `into` (an N × N array per head), each worker writes its heads' weights there.
 */
export async function parallelAttention(
  inputs: LayerInputs,
  causal: boolean,
  workers: readonly HeadsWorker[],
  into?: readonly Float32Array[],
): Promise<{ weights: Float32Array[]; output: Float32Array }> {
  const shares = splitHeads(inputs.heads, workers.length);
  const results = await Promise.all(shares.map((heads, i) => workers[i]({ inputs, causal, heads, into: into && heads.map((h) => into[h]) })));
  const weights: Float32Array[] = [];
  shares.forEach((heads, i) => heads.forEach((h, j) => (weights[h] = results[i].weights[j])));
  const output = results[0].output;
  for (const part of results.slice(1)) for (let i = 0; i < output.length; i++) output[i] += part.output[i];
  return { weights, output };
}

/** A worker's side: its share of the heads on this thread's kernels. */
export function runHeads(request: HeadsRequest, kernels: Kernels = loadKernels()): HeadsResult {
  const weights: Float32Array[] = [];
  const output = kernels.multiHead(request.inputs, request.causal, (_, w) => weights.push(w), { heads: request.heads, into: request.into });
  return { weights, output };
}
