/** The benchmark's paired rounds: every implementation once a round, in a shuffled order; the ratios round by round. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { median, pairedRounds, roundOrder, roundRatios } from '../../scripts/bench/pairedRounds';

describe('paired rounds (npm run bench -- --paired)', () => {
  it('times each implementation once a round, in the order roundOrder gives, right after an untimed pass of its own', async () => {
    const calls: number[] = [];
    let call = 0;
    // A pass's ms is its call's number: the second of each pair is kept, in its implementation's column.
    const pass = (index: number) => async () => (calls.push(index), ++call);
    const times = await pairedRounds([pass(0), pass(1), pass(2)], 4);
    const orders = [0, 1, 2, 3].map((r) => roundOrder(r, 3));
    assert.deepEqual(calls, orders.flatMap((order) => order.flatMap((i) => [i, i])));
    assert.deepEqual(times, orders.map((order, r) => [0, 1, 2].map((i) => r * 6 + 2 * order.indexOf(i) + 2)));
  });

  it('shuffles the order from round to round, the same on every run: each implementation comes first and follows each other', () => {
    const orders = Array.from({ length: 40 }, (_, r) => roundOrder(r, 5));
    for (const order of orders) assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4]);
    assert.deepEqual(orders, Array.from({ length: 40 }, (_, r) => roundOrder(r, 5)));
    for (let i = 0; i < 5; i++) {
      assert.ok(orders.some((order) => order[0] === i), `${i} never first`);
      for (let j = 0; j < 5; j++) if (j !== i) assert.ok(orders.some((order) => order.indexOf(j) === order.indexOf(i) + 1), `${j} never right after ${i}`);
    }
  });

  it("compares each round's passes with each other, not medians taken at different times", () => {
    // A machine twice as slow in rounds 2 and 3: each round's ratio is still 1.4.
    const times = [[140, 100], [280, 200], [280, 200], [140, 100]];
    const { median: ratio, met, rounds } = roundRatios(times, 0, 1, 1.5);
    assert.equal(ratio, 1.4);
    assert.equal(met, 4);
    assert.equal(rounds, 4);
    assert.equal(roundRatios([[160, 100], [140, 100], [151, 100]], 0, 1, 1.5).met, 1);
  });

  it('takes the median of an odd and of an even count', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});
