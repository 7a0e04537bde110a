/** The heads of a pass shared out to workers as they become free (src/common/kernels/schedule.ts). */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../src/common/attention/config';
import { tokenize } from '../../src/common/attention/tokenizer';
import { layerInputs } from '../../src/common/kernels/fastAttention';
import { loadKernels } from '../../src/common/kernels/kernels';
import { headRuns, parallelAttention, runHeads, type HeadsWorker } from '../../src/common/kernels/schedule';

/** A worker on this thread that waits `delayMs` before each run, and records the heads it computed. */
function slowWorker(delayMs: number, did: number[]): HeadsWorker {
  return async (request) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    did.push(...request.heads);
    return runHeads(request);
  };
}

describe('heads shared out to workers', () => {
  it('gives each worker a run of all but one of its share first, then the rest one head at a time', () => {
    assert.deepEqual(headRuns(8, 2), [[0, 1, 2], [3, 4, 5], [6], [7]]);
    assert.deepEqual(headRuns(12, 2), [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10], [11]]);
    assert.deepEqual(headRuns(8, 1), [[0, 1, 2, 3, 4, 5, 6, 7]]);
    assert.deepEqual(headRuns(3, 4), [[0], [1], [2]]);
    assert.deepEqual(headRuns(1, 2), [[0]]);
  });

  it('lets the faster worker take the heads left, and gives the same numbers whichever worker was slow', async () => {
    const config = resolveConfig({ dModel: 32, heads: 8, dK: 4 });
    const inputs = layerInputs(tokenize('The bank of the river flooded after the storm, so the bank closed early.'), config);
    const alone: Float32Array[] = [];
    const whole = loadKernels().multiHead(inputs, false, (_, w) => alone.push(w));

    const slowFirst = [[], []] as number[][];
    const a = await parallelAttention(inputs, false, [slowWorker(300, slowFirst[0]), slowWorker(0, slowFirst[1])]);
    const slowSecond = [[], []] as number[][];
    const b = await parallelAttention(inputs, false, [slowWorker(0, slowSecond[0]), slowWorker(300, slowSecond[1])]);

    assert.deepEqual(slowFirst, [[0, 1, 2], [3, 4, 5, 6, 7]]);
    assert.deepEqual(slowSecond, [[0, 1, 2, 6, 7], [3, 4, 5]]);
    // Each head's weights do not depend on the heads computed beside it.
    assert.deepEqual(a.weights, alone);
    assert.deepEqual(b.weights, alone);
    // The runs' parts are added in the runs' order: the same output bit for bit.
    assert.deepEqual(a.output, b.output);
    const largest = Math.max(...whole.map(Math.abs));
    a.output.forEach((value, i) => assert.ok(Math.abs(value - whole[i]) <= 1e-5 * largest, `output[${i}] = ${value}, one thread ${whole[i]}`));
  });
});
