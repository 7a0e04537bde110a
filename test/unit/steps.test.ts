/**
 * The steps view's data: one head's intermediates recomputed from the retained analysis are the
 * engine's own (bit for bit), what travels to the webview is checked for shape and values, and the
 * chapter's words and dimension lines come from the bundled chapter and the actual sizes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { computeAttention } from '../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../src/common/attention/config';
import { dimensionLines } from '../../src/common/attention/dimensionLines';
import { headSteps, retain } from '../../src/common/attention/steps';
import { tokenize } from '../../src/common/attention/tokenizer';
import { parseChapter } from '../../src/common/chapter/sections';
import { stepsGuide } from '../../src/common/chapter/stepsGuide';
import { parseStepsData } from '../../src/common/protocol/stepsData';
import { FAST_FROM_TOKENS } from '../../src/common/attention/longSelection';
import { AttentionWorker, transferable } from '../../src/worker/answer';
import { CHAPTER_STEPS } from '../fixtures/chapterExample';

const chapter = parseChapter(readFileSync(new URL('../../media/chapter.md', import.meta.url), 'utf8'));

function analysisOf(text: string, config: Partial<AttentionConfig>) {
  const resolved = resolveConfig(config);
  return computeAttention(tokenize(text, 256), resolved);
}

describe('the steps of one head', () => {
  for (const config of [{ dModel: 24, heads: 3 }, { dModel: 16, heads: 2, mask: 'causal' as const, positional: 'sinusoidal' as const }, {}]) {
    it(`are the engine's own numbers, recomputed from Q, K and V (${JSON.stringify(config)})`, () => {
      const result = analysisOf('我去了银行。我坐在河堤上。', config);
      const kept = retain(result);
      for (let h = 0; h < result.config.heads; h++) {
        const { head, layer } = headSteps(kept, h);
        const engine = result.heads[h];
        for (const name of ['wq', 'wk', 'wv', 'q', 'k', 'v', 'scores', 'scaled', 'weights', 'z'] as const) {
          assert.deepEqual(head[name].data, engine[name].data, `head ${h + 1}: ${name}`);
        }
        assert.equal(head.head, h);
        assert.equal(layer.output, result.output);
      }
    });
  }

  it('keeps no N × N matrix of any head in the retained analysis', () => {
    const kept = retain(analysisOf('我去了银行。', {}));
    for (const head of kept.heads) assert.deepEqual(Object.keys(head).sort(), ['k', 'q', 'v', 'wk', 'wq', 'wv', 'z']);
  });

  it('splits X into the static embeddings and the positional encoding, which add up to it', () => {
    const result = analysisOf('我去了银行。', { dModel: 16, heads: 2, positional: 'sinusoidal' });
    const { embeddings, positions, x } = result;
    assert.ok(positions);
    x.data.forEach((value, i) => assert.equal(value, embeddings.data[i] + positions.data[i]));
    assert.equal(positions.data[0 * 16 + 1], Math.cos(0), 'PE(0, 1) = cos 0 = 1');
    const off = analysisOf('我去了银行。', { dModel: 16, heads: 2 });
    assert.equal(off.positions, undefined);
    assert.deepEqual(off.x.data, off.embeddings.data);
    assert.deepEqual(off.embeddings.data, embeddings.data, 'the static embeddings do not depend on positions');
  });

  it('refuses a head the analysis does not have', () => {
    assert.throws(() => headSteps(retain(analysisOf('我去了银行。', { dModel: 8, heads: 2 })), 2), RangeError);
  });
});

describe('the worker', () => {
  it('answers the steps of a head of its last analysis, and says when there is none', () => {
    const worker = new AttentionWorker();
    const answer = worker.answer.bind(worker);
    const config = resolveConfig({ dModel: 8, heads: 2 });
    const before = answer({ id: 1, kind: 'steps', head: 0 });
    assert.ok(!before.ok && /no analysis/.test(before.message));
    const analysed = answer({ id: 2, kind: 'analyse', request: { text: '我去了银行。', sourceName: 'a', config, maxTokens: 16 }, share: { index: 0, count: 1 } });
    assert.ok(analysed.ok && analysed.kind === 'analysis');
    assert.equal(analysed.id, 2);
    const steps = answer({ id: 3, kind: 'steps', head: 1 });
    assert.ok(steps.ok && steps.kind === 'steps');
    assert.equal(steps.data.head.head, 1);
    assert.deepEqual(Float32Array.from(steps.data.head.weights.data), analysed.part.weights[1], "the steps are the analysis's own numbers");
    const missing = answer({ id: 4, kind: 'steps', head: 5 });
    assert.ok(!missing.ok && /no head 6/.test(missing.message));
  });
});

describe('the steps on the way to the webview', () => {
  const result = analysisOf('我去了银行。', { dModel: 8, heads: 2, mask: 'causal', positional: 'sinusoidal' });
  const n = result.tokens.length;
  const data = headSteps(retain(result), 1);
  const clone = () => structuredClone(data);

  it('accepts what the worker sends, -Infinity only where the mask put it', () => {
    assert.ok(parseStepsData(clone(), n, 2));
    assert.ok(data.head.scaled.data.includes(-Infinity));
  });

  const broken: [string, (d: ReturnType<typeof clone>) => unknown][] = [
    ['numbers as a plain array', (d) => ({ ...d, head: { ...d.head, q: { ...d.head.q, data: Array.from(d.head.q.data) } } })],
    ['an Int32Array', (d) => ({ ...d, layer: { ...d.layer, x: { ...d.layer.x, data: new Int32Array(d.layer.x.data) } } })],
    ['a matrix of the wrong shape', (d) => ({ ...d, head: { ...d.head, k: { rows: n, cols: 3, data: new Float64Array(n * 3) } } })],
    ['a NaN', (d) => (d.head.z.data[0] = NaN, d)],
    ['-Infinity outside the scaled scores', (d) => (d.head.scores.data[1] = -Infinity, d)],
    ['weights that are not a distribution', (d) => (d.head.weights.data[0] = 0.9, d)],
    ['a head out of range', (d) => ({ ...d, head: { ...d.head, head: 2 } })],
    ['a missing matrix', (d) => ({ ...d, layer: { ...d.layer, wo: undefined } })],
    ['positions of the wrong size', (d) => ({ ...d, layer: { ...d.layer, positions: { rows: 1, cols: 8, data: new Float64Array(8) } } })],
  ];
  for (const [name, spoil] of broken) {
    it(`refuses ${name}`, () => assert.equal(parseStepsData(spoil(clone()), n, 2), undefined));
  }

  it('refuses steps of an analysis with another number of tokens or heads', () => {
    assert.equal(parseStepsData(clone(), n + 1, 2), undefined);
    assert.equal(parseStepsData(clone(), n, 3), undefined);
  });
});

describe("the chapter's words for the steps", () => {
  const guide = stepsGuide(chapter);

  it('are the eight steps of 计算注意力的步骤, as the bundled chapter has them', () => {
    assert.ok(guide);
    assert.deepEqual(guide.steps.map((s) => s.text), CHAPTER_STEPS);
    assert.ok(guide.steps.every((s) => s.sectionTitle === '计算注意力的步骤'));
  });

  it('quote the chapter on multi-head attention, positions and masks, each with its section', () => {
    assert.equal(guide?.multiHead?.text, '多头注意力使用多个自注意力块而不仅仅是一个自注意力块。然而,每个头处理嵌入向量的不同部分。');
    assert.match(guide?.positions?.text ?? '', /位置编码/);
    assert.equal(guide?.positions?.sectionTitle, '自注意力');
    assert.match(guide?.mask?.text ?? '', /GPT-2解码器/);
    assert.equal(guide?.example?.sectionTitle, '自注意力的例子');
    for (const passage of [guide?.multiHead, guide?.positions, guide?.mask, guide?.example]) {
      assert.ok(chapter.some((s) => s.id === passage?.sectionId), `${passage?.sectionId} is a section`);
    }
  });

  it('are absent, not made up, when the chapter lacks its steps', () => {
    assert.equal(stepsGuide(parseChapter('# Book\n\n## 计算注意力的步骤\n\n- one\n- two\n')), undefined);
  });
});

describe('the dimension lines', () => {
  it("are written as the chapter writes them, for 4 tokens at the chapter's sizes", () => {
    assert.deepEqual(dimensionLines(4, resolveConfig({})), {
      projection: '4×512 ∗ 512×64 = 4×64',
      scores: '4×64 ∗ 64×4 = 4×4',
      square: '4×4',
      z: '4×4 ∗ 4×64 = 4×64',
      concat: '8 × 4×64 → 4×512',
      output: '4×512 ∗ 512×512 = 4×512',
    });
  });

  it('follow the actual sizes', () => {
    assert.equal(dimensionLines(7, resolveConfig({ dModel: 30, heads: 3 })).projection, '7×30 ∗ 30×10 = 7×10');
  });
});

describe('the worker on a selection the kernels compute', () => {
  const config = resolveConfig({ dModel: 18, heads: 3, mask: 'causal' });
  const text = Array.from({ length: FAST_FROM_TOKENS + 7 }, (_, i) => `w${i}`).join(' ');
  const request = { text, sourceName: 'long.md', config, maxTokens: 2048 };

  it('computes its share of the heads with the WebAssembly kernels, within 1e-5 of the reference, and any head\'s steps in float32', () => {
    const worker = new AttentionWorker();
    const answer = worker.answer.bind(worker);
    const progress: number[] = [];
    const reply = answer({ id: 1, kind: 'analyse', request, share: { index: 1, count: 2 } }, (p) => progress.push(p.done));
    assert.ok(reply.ok && reply.kind === 'analysis');
    const { part } = reply;
    const n = part.view.tokens.length;
    assert.equal(n, FAST_FROM_TOKENS + 7);
    assert.deepEqual(part.heads, [1, 2], 'the second of two shares of three heads');
    assert.deepEqual(progress, [1, 2]);
    const reference = computeAttention(part.view.tokens, config);
    part.weights.forEach((w, i) => {
      const h = part.heads[i];
      let worst = 0;
      for (let j = 0; j < w.length; j++) worst = Math.max(worst, Math.abs(w[j] - reference.heads[h].weights.data[j]));
      assert.ok(worst <= 1e-5, `head ${h + 1}: ${worst}`);
      assert.notDeepEqual(w, Float32Array.from(reference.heads[h].weights.data), 'not the reference rounded: the kernels computed it');
    });
    assert.equal(transferable(reply).length, 2, 'the weights own their buffers: handed over, not copied');
    const steps = answer({ id: 2, kind: 'steps', head: 0 });
    assert.ok(steps.ok && steps.kind === 'steps');
    const { head, layer } = steps.data;
    assert.ok(head.weights.data instanceof Float32Array, 'float32, as the heatmap\'s');
    for (const [name, mine, theirs] of [['weights', head.weights, reference.heads[0].weights], ['z', head.z, reference.heads[0].z], ['output', layer.output, reference.output]] as const) {
      let worst = 0;
      for (let j = 0; j < mine.data.length; j++) worst = Math.max(worst, Math.abs(mine.data[j] - theirs.data[j]) / Math.max(1, Math.abs(theirs.data[j])));
      assert.ok(worst <= 1e-5, `${name}: ${worst}`);
    }
    assert.ok(parseStepsData(structuredClone(steps.data), n, config.heads), 'and the webview accepts them');
  });
});
