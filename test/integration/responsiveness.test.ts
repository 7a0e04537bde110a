/**
 * A long selection in a real extension host: the host stays responsive while the worker computes
 * and while the weights travel to the panel (as binary).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { computeAttention } from '../../src/common/attention/attention';
import { hasOverview, LONG_MAX_TOKENS, overviewBlock, overviewSize } from '../../src/common/attention/longSelection';
import { openText, select, showAttention, withSettings } from './support';

/** The longest the host's event loop waited past a 10 ms timer while `body` ran. */
async function maxEventLoopLag<T>(body: () => Promise<T>): Promise<{ result: T; lagMs: number }> {
  let lagMs = 0;
  const started = performance.now();
  let expected = started + 10;
  const spikes: string[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - expected > 20) spikes.push(`${(expected - started).toFixed(0)}+${(now - expected).toFixed(0)}`);
    lagMs = Math.max(lagMs, now - expected);
    expected = now + 10;
  }, 10);
  try {
    return { result: await body(), lagMs };
  } finally {
    console.error(`[lag spikes] total ${(performance.now() - started).toFixed(0)} ms: ${spikes.join(' ')}`);
    clearInterval(timer);
  }
}

/** `count` distinct words: one token each. */
const words = (count: number) => Array.from({ length: count }, (_, i) => `w${i}`).join(' ');

describe('Long selections', function () {
  this.timeout(120_000);

  // At 2,048 tokens the weights of 8 heads are 128 MiB of float32: posted at once, VS Code's copy of
  // them blocked the host for 0.4–0.6 s; in 1 MiB chunks (src/common/protocol/chunks.ts) it is
  // not. The target is 50 ms; on a 2-core machine whose other core computes the analysis the host
  // can wait that long for a core alone, so the test fails at what a user would feel as a freeze,
  // 250 ms, and logs the figure (test-artifacts/vscode.log, "[lag]").
  for (const n of [1024, 2048]) {
    it(`analyses ${n} tokens without blocking the extension host (a freeze fails it)`, async () => {
      const editor = await openText(words(n));
      select(editor, editor.document.getText());
      const { result: view, lagMs } = await withSettings({ maxTokens: 2048 }, () => maxEventLoopLag(() => showAttention()));
      console.error(`[lag] ${n} tokens: shown in the panel; the host's event loop lagged at most ${lagMs.toFixed(1)} ms`);
      assert.equal(view?.tokens.length, n);
      assert.equal(view?.weights.length, 8);
      // Up to 1,024 tokens every head's weights whole; beyond, an overview of each (exact tiles on zoom).
      const side = hasOverview(n) ? overviewSize(n) : n;
      assert.ok(view?.weights.every((w) => w instanceof Float32Array && w.length === side * side));
      if (n === 1024) {
        // Computed by the WebAssembly kernels (513 tokens and more): the reference engine's weights to 1e-5.
        const reference = computeAttention(view!.tokens, view!.config);
        view!.weights.forEach((w, h) => {
          let worst = 0;
          const expected = reference.heads[h].weights.data;
          for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i] - expected[i]));
          assert.ok(worst <= 1e-5, `head ${h + 1} is off the reference by ${worst}`);
        });
        assert.notDeepEqual(view!.weights[0], Float32Array.from(reference.heads[0].weights.data), 'the kernels ran: not the reference rounded');
      }
      assert.ok(lagMs <= 250, `the host was blocked for ${lagMs.toFixed(1)} ms`);
    });
  }

  it('tells the cost of a long selection first, then computes it blockwise: an overview of every head, the host not blocked', async () => {
    const n = 4096;
    const editor = await openText(words(n));
    select(editor, editor.document.getText());
    await withSettings({ maxTokens: LONG_MAX_TOKENS }, async () => {
      assert.equal(await showAttention({ long: false }), undefined, 'declined: nothing computed');
      const { result: view, lagMs } = await maxEventLoopLag(() => showAttention({ long: true }));
      console.error(`[lag] ${n} tokens, blockwise: shown in the panel in ${view?.elapsedMs} ms; the host's event loop lagged at most ${lagMs.toFixed(1)} ms`);
      assert.equal(view?.tokens.length, n);
      const overview = view!.overview!;
      assert.equal(overview.block, overviewBlock(n));
      assert.equal(overview.size, overviewSize(n));
      for (const matrix of [...view!.weights, overview.average]) {
        assert.equal(matrix.length, overview.size ** 2);
        for (let r = 0; r < overview.size; r++) {
          // Each row's weights sum to 1, so the largest of a block of rows is at least 1/N, and none is over 1.
          const rowMax = Math.max(...matrix.subarray(r * overview.size, (r + 1) * overview.size));
          assert.ok(rowMax >= 1 / n && rowMax <= 1, `block row ${r}: ${rowMax}`);
        }
      }
      assert.ok(lagMs <= 250, `the host was blocked for ${lagMs.toFixed(1)} ms`);
    });
  });

  it('stops a long analysis at once with "Cancel the Analysis"', async () => {
    const editor = await openText(words(LONG_MAX_TOKENS));
    select(editor, editor.document.getText());
    await withSettings({ maxTokens: LONG_MAX_TOKENS }, async () => {
      const running = showAttention({ long: true });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const asked = performance.now();
      assert.equal(await vscode.commands.executeCommand('attentionExplorer.cancelAnalysis'), true, 'an analysis was running');
      assert.equal(await running, undefined);
      const stoppedMs = performance.now() - asked;
      console.error(`[cancel] ${LONG_MAX_TOKENS} tokens: stopped ${stoppedMs.toFixed(0)} ms after Cancel`);
      assert.ok(stoppedMs < 1000, `stopped only after ${stoppedMs.toFixed(0)} ms`);
      assert.equal(await vscode.commands.executeCommand('attentionExplorer.cancelAnalysis'), false, 'nothing left running');
    });
  });
});

