/**
 * A model's run as the panel shows it: the display's units (pieces, special tokens hidden, words
 * merged), the weights over them, the thumbnails of the layer × head grid, the steps of a model's
 * layer and head, and the worker that does all of it from a tiny generated model folder.
 * Needs the module that `npm run build` compiles (src/common/kernels/wasmBinary.js).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayUnits, displayWeights, hasSubwords } from '../../src/common/models/view/displayUnits';
import { modelAnalysisView } from '../../src/common/models/view/modelAnalysisView';
import { modelSteps } from '../../src/common/models/view/modelSteps';
import { loadModelFolder } from '../../src/common/models/folder/modelFolder';
import { runModel } from '../../src/common/models/run/runModel';
import type { ModelToken } from '../../src/common/models/tokenizers';
import { parseAttentionView } from '../../src/common/protocol/attentionPanel';
import { parseStepsData } from '../../src/common/protocol/stepsData';
import { AttentionWorker } from '../../src/worker/answer';
import type { WorkerReply } from '../../src/common/protocol/worker';
import { tinyModelFiles, type TinyModelOptions } from '../support/models/tinyModel';

const piece = (text: string, start: number, end: number, special = false): ModelToken => ({ text, start, end, id: 0, special });

describe('display units', () => {
  // [CLS] at ##ten ##tion is all 我 去 [SEP]
  const text = 'attention is all 我去';
  const pieces = [piece('[CLS]', 0, 0, true), piece('at', 0, 2), piece('##ten', 2, 5), piece('##tion', 5, 9), piece('is', 10, 12), piece('all', 13, 16), piece('我', 17, 18), piece('去', 18, 19), piece('[SEP]', 19, 19, true)];

  it('keeps every piece as it is by default', () => {
    const units = displayUnits(text, pieces, { hideSpecial: false, mergeWords: false });
    assert.deepEqual(units.map((u) => u.token.text), pieces.map((p) => p.text));
  });

  it('merges the pieces of a word, but never two Chinese characters or a special token', () => {
    const units = displayUnits(text, pieces, { hideSpecial: false, mergeWords: true });
    assert.deepEqual(units.map((u) => u.token.text), ['[CLS]', 'attention', 'is', 'all', '我', '去', '[SEP]']);
    assert.deepEqual(units[1].pieces, [1, 2, 3]);
    assert.deepEqual([units[1].token.start, units[1].token.end], [0, 9]);
    assert.ok(hasSubwords(text, pieces));
    assert.ok(!hasSubwords(text, pieces.filter((_, i) => i !== 2 && i !== 3)));
  });

  it('merges GPT-2 byte pieces that cover the same character', () => {
    const bytes = [piece('é', 0, 1), piece('ĵ', 0, 1), piece('¶', 0, 1), piece('Ġbank', 2, 6)];
    const units = displayUnits('银 bank', bytes, { hideSpecial: false, mergeWords: true });
    assert.deepEqual(units.map((u) => u.token.text), ['银', 'Ġbank']);
  });

  it('hides special tokens, each remaining row renormalised to 1', () => {
    // 3 pieces: [CLS] a b; row sums 1.
    const w = Float32Array.from([0.5, 0.25, 0.25, 0.6, 0.2, 0.2, 0.1, 0.3, 0.6]);
    const units = displayUnits('a b', [piece('[CLS]', 0, 0, true), piece('a', 0, 1), piece('b', 2, 3)], { hideSpecial: true, mergeWords: false });
    const shown = displayWeights(w, 3, units);
    assert.deepEqual([...shown].map((x) => +x.toFixed(6)), [0.5, 0.5, 1 / 3, 2 / 3].map((x) => +x.toFixed(6)));
  });

  it('sums attention to a word over its pieces and averages attention from it', () => {
    // pieces x, y1, y2; word Y = y1 y2.
    const w = Float32Array.from([0.2, 0.3, 0.5, 0.1, 0.6, 0.3, 0.4, 0.4, 0.2]);
    const units = displayUnits('x yy', [piece('x', 0, 1), piece('y', 2, 3), piece('##y', 3, 4)], { hideSpecial: false, mergeWords: true });
    const shown = [...displayWeights(w, 3, units)];
    const expected = [0.2, 0.8, (0.1 + 0.4) / 2, (0.9 + 0.6) / 2];
    shown.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) < 1e-6, `${value} ≈ ${expected[i]}`));
  });
});

async function loaded(options: TinyModelOptions) {
  const files = tinyModelFiles(options);
  return loadModelFolder(`tiny-${options.type}`, async (name) => files[name]);
}

describe('a model run as the panel shows it', () => {
  it('gives the chosen layer\'s heads and a thumbnail of every head that the panel\'s parser accepts', async () => {
    const model = await loaded({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    const text = 'attention 我去了银行。';
    const run = runModel(model, text, { maxTokens: 64, keepLayerInputs: true });
    const input = { run, info: model.info, config: model.config, text, sourceName: 'a.md' };
    for (const display of [{ layer: 1, hideSpecial: false, mergeWords: false }, { layer: 0, hideSpecial: true, mergeWords: true }]) {
      const view = modelAnalysisView(input, display);
      const parsed = parseAttentionView(view);
      assert.ok(parsed, `the view of ${JSON.stringify(display)} passes the panel's checks`);
      assert.equal(parsed.model?.thumbnails.length, model.info.layers * model.info.heads);
      if (!display.mergeWords) {
        // As the model computed them: the layer's own weights.
        assert.deepEqual(view.weights, run.attention.weights[display.layer]);
        assert.equal(view.tokens[0].end - view.tokens[0].start, 0, '[CLS] covers no text');
      } else {
        assert.deepEqual(view.tokens.map((t) => t.text), ['attention', '我', '去', '了', '银', '行', '。']);
      }
    }
    assert.equal(modelAnalysisView(input, { layer: 99, hideSpecial: false, mergeWords: false }).model?.display.layer, model.info.layers - 1, 'a layer past the last is the last');
  });

  for (const type of ['bert', 'gpt2'] as const) {
    it(`makes a ${type} layer's steps, whose weights are the forward pass's`, async () => {
      const model = await loaded({ type, weights: 'bin', tokenizer: 'tokenizer.json' });
      const text = '我去了银行。';
      const run = runModel(model, text, { maxTokens: 64, keepLayerInputs: true });
      const n = run.attention.n;
      const steps = modelSteps(model.config, model.weights, run.attention.layerInputs![1], 1, 2);
      assert.ok(parseStepsData(steps, n, model.info.heads), 'the panel accepts the steps');
      const forward = run.attention.weights[1][2];
      for (let i = 0; i < n * n; i++) assert.ok(Math.abs(steps.head.weights.data[i] - forward[i]) < 1e-6, `weight ${i}`);
      if (type === 'gpt2') assert.equal(steps.head.scaled.data[1], -Infinity, 'GPT-2 is causal');
    });
  }
});

describe('the worker running a model', () => {
  it('loads the folder from bytes, shows another display without running again, and gives any head\'s steps', async () => {
    const worker = new AttentionWorker();
    const files = tinyModelFiles({ type: 'gpt2', weights: 'safetensors', tokenizer: 'vocab' });
    const request = { text: '我去了银行。', sourceName: 'a.md', config: { dModel: 8, heads: 2, dK: 4, seed: 42, mask: 'none' as const, positional: 'none' as const }, maxTokens: 64 };
    const layers: number[] = [];
    const first = (await worker.answer({ id: 1, kind: 'model', request, model: { key: 'k', name: 'tiny-gpt2', source: { kind: 'files', files } }, display: { layer: 1, hideSpecial: false, mergeWords: false } }, (p) => layers.push(p.done))) as WorkerReply;
    assert.ok(first.ok && first.kind === 'view', JSON.stringify(first));
    assert.deepEqual(layers, [1, 2], 'progress after each layer');
    assert.equal(first.view.model?.info.name, 'tiny-gpt2');
    const pieces = first.view.tokens.length;
    const merged = worker.answer({ id: 2, kind: 'modelDisplay', display: { layer: 0, hideSpecial: false, mergeWords: true } });
    assert.ok(merged.ok && merged.kind === 'view');
    assert.ok(merged.view.tokens.length < pieces, 'byte pieces merged into characters');
    assert.equal(merged.view.tokens.map((t) => t.text).join(''), '我去了银行。');
    const steps = worker.answer({ id: 3, kind: 'steps', head: 1, layer: 1 });
    assert.ok(steps.ok && steps.kind === 'steps' && steps.data.head.head === 1);
  });

  it('says clearly when the folder is not a model', async () => {
    const worker = new AttentionWorker();
    const request = { text: 'a', sourceName: 'a.md', config: { dModel: 8, heads: 2, dK: 4, seed: 42, mask: 'none' as const, positional: 'none' as const }, maxTokens: 64 };
    const reply = (await worker.answer({ id: 1, kind: 'model', request, model: { key: 'k', name: 'x', source: { kind: 'files', files: {} } }, display: { layer: 0, hideSpecial: false, mergeWords: false } })) as WorkerReply;
    assert.ok(!reply.ok);
    assert.match(reply.message, /config\.json/);
  });
});
