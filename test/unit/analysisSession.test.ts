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
import { answer } from '../../src/worker/answer';
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
  private reply?: (message: WorkerReply | WorkerProgress) => void;
  private error?: (error: Error) => void;
  post(request: WorkerRequest): void {
    this.asked.push(request);
    if (this.hold) return;
    setTimeout(() => {
      if (this.terminated) return;
      const reply = answer(request, (progress) => this.reply?.(progress));
      this.reply?.(reply);
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
    const view = await session.analyse(request, cancellation().token, (done, total) => progress.push([done, total]));
    assert.deepEqual(progress, [[1, 2], [2, 2]]);
    assert.equal(view.tokens.length, 4);
    const steps = await session.steps(1, cancellation().token);
    assert.equal(steps.head.head, 1);
    assert.equal(workers.length, 1, 'the steps come from the worker that holds the analysis');
    await session.analyse(request, cancellation().token);
    assert.equal(workers.length, 2, 'a new analysis starts a fresh worker');
    assert.ok(workers[0].terminated, 'and ends the old one');
  });

  it('terminates the worker at once on Cancel, and the analysis fails as cancelled', async () => {
    const worker = new StandInWorker();
    worker.hold = true;
    const session = new AnalysisSession(() => worker);
    const { token, cancel } = cancellation();
    const running = session.analyse(request, token);
    cancel();
    assert.ok(worker.terminated);
    await assert.rejects(running, CancelledError);
    await assert.rejects(session.steps(0, cancellation().token), /no analysis/);
  });

  it('fails what was asked when the worker crashes, and says an input error is one', async () => {
    const worker = new StandInWorker();
    worker.hold = true;
    const session = new AnalysisSession(() => worker);
    const running = session.analyse(request, cancellation().token);
    worker.crash();
    await assert.rejects(running, /exit code 1/);
    const empty = new AnalysisSession(() => new StandInWorker());
    await assert.rejects(empty.analyse({ ...request, text: '   ' }, cancellation().token), (error: Error) => error instanceof InputError && /no text/.test(error.message));
  });
});
