/**
 * The WebAssembly kernels in headless Chromium's web workers, the engine of VS Code for the Web's
 * extension host, through the benchmark's own page (scripts/bench/browserRuns.ts): the same text
 * and settings give the same output there as in Node, bit for bit, for the full pass and the
 * blockwise one, with and without the causal mask.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '../../src/common/attention/config';
import { layerInputs } from '../../src/common/kernels/fastAttention';
import { loadKernels } from '../../src/common/kernels/kernels';
import { LongAttention } from '../../src/common/kernels/longAttention';
import { benchTokens } from '../../scripts/bench/benchInputs';
import { installedChromium, startBrowserSession, type BrowserSession } from '../../scripts/bench/browserRuns';

const sha256 = (output: Float32Array) => createHash('sha256').update(new Uint8Array(output.buffer, output.byteOffset, output.byteLength)).digest('hex');

describe('the kernels in Chromium\'s web workers', () => {
  let session: BrowserSession;
  before(async () => {
    const chromium = installedChromium();
    assert.ok(chromium, 'no Chromium: set CHROMIUM_PATH or run scripts/ensure-chromium.sh');
    session = await startBrowserSession(chromium);
  });
  after(() => session?.close());

  for (const mask of ['none', 'causal'] as const) {
    it(`compute the same output as Node, bit for bit (300 tokens, mask ${mask})`, async () => {
      const inputs = layerInputs(benchTokens(300), resolveConfig({ mask }));
      const causal = mask === 'causal';
      const full = await session.bench.full(300, causal, 1, 1, true, false);
      assert.equal(full.sha256, sha256(loadKernels().multiHead(inputs, causal, () => {})));
      const blockwise = await session.bench.blockwise(300, causal, 1, 1);
      assert.equal(blockwise.sha256, sha256(new LongAttention(inputs, causal, { row0: 0, rows: 300 }).run().output));
      assert.equal(full.times.length, 1);
      assert.ok(full.times[0] > 0 && full.peakBytes > 300 * 300 * 8 * 4, `a pass of ${full.times[0]} ms holding ${full.peakBytes} bytes`);
    });
  }
});
