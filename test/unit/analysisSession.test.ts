/**
 * The per-panel worker session, with a stand-in worker that answers as the real one does: replies
 * by id, progress before the reply, one worker for an analysis and its steps, Cancel terminates it
 * at once, and a crashed worker fails what was asked of it.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/common/attention/analysis';
import { resolveConfig } from '../../src/common/attention/config';
import type { WorkerProgress, WorkerReply, WorkerRequest } from '../../src/common/protocol/worker';
import { AttentionWorker } from '../../src/worker/answer';
import { FAST_FROM_TOKENS, FULL_MATRIX_MAX_TOKENS, FULL_VIEW_MAX_TOKENS, LONG_MAX_TOKENS, overviewBlock, overviewSize } from '../../src/common/attention/longSelection';
import { rowBand } from '../../src/common/attention/analysisParts';
import { layerInputs } from '../../src/common/kernels/fastAttention';
import { loadKernels } from '../../src/common/kernels/kernels';
import { computeAttention } from '../../src/common/attention/attention';
import { AnalysisSession, CancelledError, type WorkerPort } from '../../src/attention/analysisSession';

/** A CancellationToken and its source, without vscode. */
function cancellation() {
  const listeners: (() => void)[] = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested(listener: () => void) {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
  };
  return { token: token as never, cancel: () => ((token.isCancellationRequested = true), [...listeners].forEach((l) => l())) };
}

/** Answers with the real worker's code, asynchronously; `hold` keeps requests unanswered. */
class StandInWorker implements WorkerPort {
  terminated = false;
  readonly asked: WorkerRequest[] = [];
  hold = false;
  private readonly worker = new AttentionWorker();
  private reply?: (message: WorkerReply | WorkerProgress) => void;
  private error?: (error: Error) => void;
  post(request: WorkerRequest): void {
    this.asked.push(request);
    if (this.hold) return;
    setTimeout(() => {
      if (this.terminated) return;
      void Promise.resolve(this.worker.answer(request, (progress) => this.reply?.(progress))).then((reply) => this.reply?.(reply));
    });
  }
  onReply(listener: (message: WorkerReply | WorkerProgress) => void): void {
    this.reply = listener;
  }
  onError(listener: (error: Error) => void): void {
    this.error = listener;
  }
  terminate(): void {
    this.terminated = true;
  }
  crash(): void {
    this.error?.(new Error('the attention worker stopped (exit code 1)'));
  }
}

const request = { text: '我去了银行。', sourceName: 'a.md', config: resolveConfig({ dModel: 8, heads: 2 }), maxTokens: 16 };

describe('the analysis session', () => {
  it('answers an analysis with progress per head, then the steps of a head from the same worker', async () => {
    const workers: StandInWorker[] = [];
    const session = new AnalysisSession(() => (workers.push(new StandInWorker()), workers.at(-1)!));
    const progress: [number, number][] = [];
    const view = await session.analyse(request, 4, cancellation().token, (done, total) => progress.push([done, total]));
    assert.deepEqual(progress, [[1, 2], [2, 2]]);
    assert.equal(view.tokens.length, 4);
    const steps = await session.steps(1, cancellation().token);
    assert.equal(steps.head.head, 1);
    assert.equal(workers.length, 1, 'the steps come from the worker that holds the analysis');
    await session.analyse(request, 4, cancellation().token);
    assert.equal(workers.length, 2, 'a new analysis starts a fresh worker');
    assert.ok(workers[0].terminated, 'and ends the old one');
  });

  it('terminates the worker at once on Cancel, and the analysis fails as cancelled', async () => {
    const worker = new StandInWorker();
    worker.hold = true;
    const session = new AnalysisSession(() => worker);
    const { token, cancel } = cancellation();
    const running = session.analyse(request, 4, token);
    cancel();
    assert.ok(worker.terminated);
    await assert.rejects(running, CancelledError);
    await assert.rejects(session.steps(0, cancellation().token), /no analysis/);
  });

  it('fails what was asked when the worker crashes, and says an input error is one', async () => {
    const worker = new StandInWorker();
    worker.hold = true;
    const session = new AnalysisSession(() => worker);
    const running = session.analyse(request, 4, cancellation().token);
    worker.crash();
    await assert.rejects(running, /exit code 1/);
    const empty = new AnalysisSession(() => new StandInWorker());
    await assert.rejects(empty.analyse({ ...request, text: '   ' }, 0, cancellation().token), (error: Error) => error instanceof InputError && /no text/.test(error.message));
  });

  it('splits a selection the kernels compute across two workers, by heads, and puts the view back together', async () => {
    const workers: StandInWorker[] = [];
    const session = new AnalysisSession(() => (workers.push(new StandInWorker()), workers.at(-1)!), 2);
    const config = resolveConfig({ dModel: 18, heads: 3 });
    const text = Array.from({ length: FAST_FROM_TOKENS }, (_, i) => `w${i}`).join(' ');
    const progress: number[] = [];
    const view = await session.analyse({ text, sourceName: 'long.md', config, maxTokens: 2048 }, FAST_FROM_TOKENS, cancellation().token, (done) => progress.push(done));
    assert.equal(workers.length, 2);
    assert.deepEqual(workers.map((w) => w.asked.map((q) => q.kind === 'analyse' && q.share)), [[{ index: 0, count: 2 }], [{ index: 1, count: 2 }]]);
    assert.equal(view.weights.length, 3);
    assert.equal(progress.at(-1), 3, 'the progress ends at every head');
    const reference = computeAttention(view.tokens, config);
    view.weights.forEach((w, h) => {
      let worst = 0;
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i] - reference.heads[h].weights.data[i]));
      assert.ok(worst <= 1e-5, `head ${h + 1} in its place: ${worst}`);
    });
  });

  it('computes everything in one worker when a second cannot be started', async () => {
    let started = 0;
    const session = new AnalysisSession(() => {
      if (started++ > 0) throw new Error('nested workers are not available here');
      return new StandInWorker();
    }, 2);
    const config = resolveConfig({ dModel: 8, heads: 2 });
    const text = Array.from({ length: FAST_FROM_TOKENS }, (_, i) => `w${i}`).join(' ');
    const view = await session.analyse({ text, sourceName: 'a.md', config, maxTokens: 2048 }, FAST_FROM_TOKENS, cancellation().token);
    assert.equal(view.weights.length, 2);
    assert.ok(view.weights.every((w) => w.length === FAST_FROM_TOKENS ** 2));
  });

  it('uses one worker for a short selection, which the reference computes whole', async () => {
    const workers: StandInWorker[] = [];
    const session = new AnalysisSession(() => (workers.push(new StandInWorker()), workers.at(-1)!), 2);
    await session.analyse(request, 4, cancellation().token);
    assert.equal(workers.length, 1);
  });

  it('splits a long selection into bands of rows: the overview and exact tiles equal the full weights\' across the band edge', async () => {
    const workers: StandInWorker[] = [];
    const session = new AnalysisSession(() => (workers.push(new StandInWorker()), workers.at(-1)!), 2);
    const config = resolveConfig({ dModel: 16, heads: 2, mask: 'causal' });
    const n = FULL_MATRIX_MAX_TOKENS + 52;
    const text = Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const view = await session.analyse({ text, sourceName: 'long.md', config, maxTokens: LONG_MAX_TOKENS }, n, cancellation().token);
    assert.equal(workers.length, 2);
    const { block, size, average } = view.overview!;
    assert.equal(block, overviewBlock(n));
    // The full weights, by the kernels' whole-matrix pass, to check against.
    const full: Float32Array[] = [];
    loadKernels().multiHead(layerInputs(view.tokens, config), true, (_, w) => full.push(w));
    const mean = full[0].map((w, i) => (w + full[1][i]) / 2);
    const blockMax = (m: Float32Array, r: number, c: number) => {
      let top = 0;
      for (let i = r * block; i < Math.min(n, (r + 1) * block); i++) for (let j = c * block; j < Math.min(n, (c + 1) * block); j++) top = Math.max(top, m[i * n + j]);
      return top;
    };
    for (const r of [0, Math.floor(size / 2), size - 1]) {
      for (const c of [0, r]) {
        assert.ok(Math.abs(view.weights[1][r * size + c] - blockMax(full[1], r, c)) <= 1e-6, `head 2, block (${r}, ${c})`);
        assert.ok(Math.abs(average[r * size + c] - blockMax(mean, r, c)) <= 1e-6, `average, block (${r}, ${c})`);
      }
    }
    const bands = [0, 1].map((i) => rowBand(n, i, 2, true));
    const rect = { row0: bands[1].row0 - 3, rows: 6, col0: 100, cols: 50 };
    for (const head of [1, 'average'] as const) {
      const tile = await session.tile({ head, ...rect }, cancellation().token);
      for (let i = 0; i < rect.rows; i++) {
        for (let j = 0; j < rect.cols; j++) {
          const expected = (head === 'average' ? mean : full[1])[(rect.row0 + i) * n + rect.col0 + j];
          assert.ok(Math.abs(tile.values[i * rect.cols + j] - expected) <= 1e-6, `${head}: (${rect.row0 + i}, ${rect.col0 + j})`);
        }
      }
    }
    assert.deepEqual(workers.map((w) => w.asked.filter((q) => q.kind === 'tile').length), [2, 2], 'a tile across the band edge asks both workers');
    await assert.rejects(session.steps(0, cancellation().token), /steps view shows selections of up to 2048 tokens/);
  });

  it('sends an overview from 1,025 tokens on, and still answers the steps up to 2,048', async () => {
    const session = new AnalysisSession(() => new StandInWorker(), 2);
    const config = resolveConfig({ dModel: 16, heads: 2 });
    const n = FULL_VIEW_MAX_TOKENS + 1;
    const text = Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const view = await session.analyse({ text, sourceName: 'a.md', config, maxTokens: LONG_MAX_TOKENS }, n, cancellation().token);
    assert.equal(view.overview?.size, overviewSize(n));
    const steps = await session.steps(1, cancellation().token);
    assert.equal(steps.head.weights.rows, n);
    const tile = await session.tile({ head: 1, row0: n - 2, rows: 2, col0: 0, cols: n }, cancellation().token);
    // The steps' weights and the tile's are the same float32 numbers, from two computations (whole, blockwise).
    for (let j = 0; j < n; j++) assert.ok(Math.abs(tile.values[n + j] - steps.head.weights.data[(n - 1) * n + j]) <= 1e-6);
  });
});

