import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { luminance, viridis, weightColor, type Rgb } from '../../webview/src/attention/colorScale';

const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as unknown as Rgb;
const near = (actual: Rgb, expected: Rgb, tolerance: number) =>
  assert.ok(actual.every((c, i) => Math.abs(c - expected[i]) <= tolerance), `${actual} is within ${tolerance} of ${expected}`);

describe('viridis colour scale', () => {
  it("matches matplotlib's viridis at its ends, middle and quarters", () => {
    // matplotlib's viridis(0), (0.25), (0.5), (0.75), (1).
    near(viridis(0), hex('#440154'), 4);
    near(viridis(0.25), hex('#3b528b'), 4);
    near(viridis(0.5), hex('#21918c'), 4);
    near(viridis(0.75), hex('#5ec962'), 4);
    near(viridis(1), hex('#fde725'), 4);
  });

  it('gets lighter along the scale, so a larger weight is a lighter cell even in grey scale', () => {
    const levels = Array.from({ length: 256 }, (_, i) => luminance(viridis(i / 255)));
    // 8-bit rounding may dip a neighbour by one level of one channel; four steps apart it always rises.
    for (let i = 4; i < 256; i++) {
      assert.ok(levels[i] > levels[i - 4], `luminance rises from step ${i - 4} to ${i}`);
      assert.ok(levels[i] > levels[i - 1] - 1e-3, `no visible dip at step ${i}`);
    }
    assert.ok(levels[255] / levels[0] > 20, 'the ends differ as much as black text and a white page');
  });

  it('scales weights from 0 to the largest one shown, clamping outliers', () => {
    assert.deepEqual(weightColor(0.04, 0.04), viridis(1));
    assert.deepEqual(weightColor(0, 0.04), viridis(0));
    near(weightColor(0.02, 0.04), viridis(0.5), 1);
    assert.deepEqual(weightColor(2, 1), viridis(1));
    assert.deepEqual(weightColor(0.3, 0), viridis(0), 'an all-zero matrix does not divide by zero');
  });
});
