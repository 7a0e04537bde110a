/**
 * Engine benchmark: median milliseconds and GFLOP/s of one multi-head self-attention pass at the
 * chapter's defaults (d_model 512, 8 heads of 64), Q/K/V and Wo projections included, plus the
 * heap the result holds. Prints figures; asserts nothing.
 * Run: node --import tsx scripts/bench/attention.ts [N …]
 */
import { computeAttention } from '../../src/common/attention/attention';
import { resolveConfig } from '../../src/common/attention/config';
import type { Token } from '../../src/common/attention/tokenizer';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const config = resolveConfig();
const tokens = (n: number): Token[] => Array.from({ length: n }, (_, i) => ({ text: `t${i % 97}`, start: i, end: i + 1 }));

console.log(`d_model ${config.dModel}, ${config.heads} heads of d_k ${config.dK}; Node ${process.version}`);
console.log('N\tmedian ms\tGFLOP/s\tresult MiB');
for (const n of sizes.length ? sizes : [16, 64, 256, 512]) {
  const runs = n <= 64 ? 21 : n <= 256 ? 7 : 3;
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const result = computeAttention(tokens(n), config);
    times.push(performance.now() - started);
    bytes = result.heads.reduce((sum, h) => sum + [h.q, h.k, h.v, h.scores, h.scaled, h.weights, h.z].reduce((s, m) => s + m.data.byteLength, 0), 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  // Q/K/V projections 3·2·N·d·d, Q·Kᵀ and weights·V 2·2·N²·d, Wo 2·N·d·d.
  const flops = 8 * n * config.dModel * config.dModel + 4 * n * n * config.dModel;
  console.log(`${n}\t${median.toFixed(1)}\t${(flops / median / 1e6).toFixed(2)}\t${(bytes / 2 ** 20).toFixed(1)}`);
}
