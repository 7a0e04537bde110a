/**
 * The attention pass split by heads across workers (both cores of a 2-core machine): pure
 * scheduling, no platform API. Each worker runs Kernels.multiHead on a run of the heads at a time
 * and returns those heads' weights and their part of the output, Σ over them of Z_h · Wo_h; the
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

/**
 * Heads 0 … heads−1 in runs of consecutive heads, in the order the workers take them: first a run
 * for each worker of all but one of its even share, then the rest one head at a time. A worker
 * takes the next run as soon as it has finished its last, so one slowed down (on this 2-core VM,
 * by other work on its core: the same four heads took 150–220 ms from pass to pass) does less of
 * the work, and the pass ends at most a head after the other worker's last, not a share after.
 */
export function headRuns(heads: number, workers: number): number[][] {
  const count = Math.max(1, Math.min(workers, heads));
  // One worker takes every head in one run: there is nobody to balance against.
  const first = count === 1 ? heads : Math.max(1, Math.floor(heads / count) - 1);
  const runs: number[][] = [];
  let next = 0;
  for (let w = 0; w < count && next < heads; w++, next += first) runs.push(Array.from({ length: Math.min(first, heads - next) }, (_, i) => next + i));
  for (; next < heads; next++) runs.push([next]);
  return runs;
}

/**
 * The whole pass on the workers, run by run (headRuns), each worker taking the next run when it is
 * free: every head's weights, in order, and the output. The runs' parts of the output are added in
 * the runs' order, whichever worker computed each, so the output is the same on every pass. With
 * `into` (an N × N array per head), the workers write the weights there.
 */
export async function parallelAttention(
  inputs: LayerInputs,
  causal: boolean,
  workers: readonly HeadsWorker[],
  into?: readonly Float32Array[],
): Promise<{ weights: Float32Array[]; output: Float32Array }> {
  const runs = headRuns(inputs.heads, workers.length);
  const weights: Float32Array[] = [];
  const outputs: Float32Array[] = [];
  let taken = 0;
  const work = async (worker: HeadsWorker) => {
    while (taken < runs.length) {
      const index = taken++;
      const heads = runs[index];
      const result = await worker({ inputs, causal, heads, into: into && heads.map((h) => into[h]) });
      heads.forEach((h, j) => (weights[h] = result.weights[j]));
      outputs[index] = result.output;
    }
  };
  await Promise.all(workers.slice(0, runs.length).map(work));
  const output = outputs[0];
  for (const part of outputs.slice(1)) for (let i = 0; i < output.length; i++) output[i] += part[i];
  return { weights, output };
}

/** A worker's side: its share of the heads on this thread's kernels. */
export function runHeads(request: HeadsRequest, kernels: Kernels = loadKernels()): HeadsResult {
  const weights: Float32Array[] = [];
  const output = kernels.multiHead(request.inputs, request.causal, (_, w) => weights.push(w), { heads: request.heads, into: request.into });
  return { weights, output };
}
