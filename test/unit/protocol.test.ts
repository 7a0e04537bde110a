/** The contracts' parsers: what each side accepts from the other, and what a saved state may hold. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/common/attention/analysis';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/common/attention/config';
import { parseAttentionView, parseHostMessage, parseWebviewMessage, parseWebviewState } from '../../src/common/protocol/attentionPanel';
import { chapterMessage, parseReaderHostMessage, parseReaderMessage, parseReaderState } from '../../src/common/protocol/reader';
import { parseChapter } from '../../src/common/chapter/sections';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';

const config = resolveConfig({ dModel: 8, heads: 2 });
const { view } = analyse({ text: '我去了银行。', sourceName: 'a.md', config, maxTokens: 16 });
const request = { text: '我去了银行。', sourceName: 'a.md', config, maxTokens: 4 };

describe('the attention panel contract', () => {
  it('accepts an analysis the engine made, its weights as float32 typed arrays (as VS Code revives them), not as JSON arrays', () => {
    assert.deepEqual(parseAttentionView(structuredClone(view)), view);
    assert.equal(parseAttentionView({ ...view, weights: view.weights.map((w) => Array.from(w)) }), undefined, 'JSON arrays of numbers');
    assert.equal(parseAttentionView({ ...view, weights: view.weights.map((w) => Float64Array.from(w)) }), undefined, 'float64');
    assert.ok(parseHostMessage({ type: 'analysis', analysisId: 1, view, notes: [{ id: 'a', title: 'T', markdown: 'm' }] }));
  });

  const broken: [string, unknown][] = [
    ['no heads', { ...view, config: { ...view.config, heads: 0 }, weights: [] }],
    ['fewer heads than the config', { ...view, weights: view.weights.slice(1) }],
    ['a negative weight', { ...view, weights: [view.weights[0].map((w, i) => (i === 0 ? -w : w)), view.weights[1]] }],
    ['a row that does not sum to 1', { ...view, weights: [view.weights[0].map((w) => w / 2), view.weights[1]] }],
    ['NaN weights', { ...view, weights: [view.weights[0].map(() => NaN), view.weights[1]] }],
    ['non-numeric offsets', { ...view, tokens: view.tokens.map((t) => ({ ...t, start: String(t.start) })) }],
    ['an offset past the text', { ...view, tokens: view.tokens.map((t) => ({ ...t, end: 99 })) }],
    ['no tokens', { ...view, tokens: [], weights: [[], []] }],
    ['a partial config', { ...view, config: { dModel: 8, heads: 2 } }],
    ['a config the core would refuse', { ...view, config: { ...view.config, dK: 0 } }],
    ['a NaN total', { ...view, totalTokens: NaN }],
  ];
  for (const [what, value] of broken) {
    it(`refuses an analysis with ${what}`, () => {
      assert.equal(parseAttentionView(value), undefined);
      assert.equal(parseHostMessage({ type: 'analysis', view: value, notes: [] }), undefined);
    });
  }

  it('refuses a NaN token count while computing, and messages of unknown types', () => {
    assert.equal(parseHostMessage({ type: 'computing', sourceName: 'a', tokenCount: NaN }), undefined);
    assert.equal(parseHostMessage({ type: 'script', code: 'alert(1)' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'openSection', sectionId: 3 }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'openSection', sectionId: 'x', extra: 1 }), { type: 'openSection', sectionId: 'x' });
  });

  it('restores a saved state with its request and total only when every part is valid', () => {
    assert.deepEqual(parseWebviewState({ selectedHead: 1, request, totalTokens: 40 }), { selectedHead: 1, request, totalTokens: 40 });
    assert.deepEqual(parseWebviewState({ selectedHead: 'average' }), { selectedHead: 'average' });
    const stale: unknown[] = [
      { selectedHead: 0, request: { ...request, config: { dModel: 512, heads: 0 } } },
      { selectedHead: 0, request: { ...request, config: { ...DEFAULT_CONFIG, dK: 'x' } } },
      { selectedHead: 0, request: { ...request, maxTokens: 0 } },
      { selectedHead: 0, request: { ...request, text: '   ' } },
      { selectedHead: -1, request },
      { selectedHead: 0, request, totalTokens: 'many' },
      'a string',
      null,
    ];
    for (const state of stale) assert.equal(parseWebviewState(state), undefined, JSON.stringify(state));
  });
});

describe('the reader contract', () => {
  it('sends the chapter and the glossary with their own ids, and the reader accepts it', () => {
    const message = chapterMessage(parseChapter('# Book\n\n## 自注意力\ntext\n'), GLOSSARY);
    assert.ok(message.type === 'chapter');
    assert.deepEqual(message.glossary.map((g) => g.id), GLOSSARY.map((g) => g.id));
    assert.deepEqual(message.sections.map((s) => [s.title, s.tryIt]), [['Book', false], ['自注意力', true]]);
    assert.deepEqual(parseReaderHostMessage(JSON.parse(JSON.stringify(message))), message);
  });

  it('refuses what is not one of its messages, and keeps only a valid saved section', () => {
    assert.equal(parseReaderHostMessage({ type: 'reveal', sectionId: 1 }), undefined);
    assert.equal(parseReaderHostMessage({ type: 'chapter', sections: [{ id: 1 }], glossary: [] }), undefined);
    assert.equal(parseReaderMessage({ type: 'visibleSection', sectionId: 'x'.repeat(1000) }), undefined);
    assert.deepEqual(parseReaderState({ sectionId: 7 }), {});
    assert.deepEqual(parseReaderState({ sectionId: 'a' }), { sectionId: 'a' });
  });
});

describe('the steps view in the attention panel contract', () => {
  it("accepts the page's requests for steps, recomputation and highlighting, and nothing malformed", () => {
    assert.deepEqual(parseWebviewMessage({ type: 'requestSteps', analysisId: 3, head: 1 }), { type: 'requestSteps', analysisId: 3, head: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'recompute', mask: 'causal', positional: 'sinusoidal' }), { type: 'recompute', mask: 'causal', positional: 'sinusoidal' });
    assert.deepEqual(parseWebviewMessage({ type: 'highlightToken', index: null }), { type: 'highlightToken', index: null });
    assert.deepEqual(parseWebviewMessage({ type: 'highlightToken', index: 2 }), { type: 'highlightToken', index: 2 });
    for (const bad of [
      { type: 'requestSteps', analysisId: -1, head: 0 },
      { type: 'requestSteps', analysisId: 1, head: 1.5 },
      { type: 'recompute', mask: 'random', positional: 'none' },
      { type: 'recompute', mask: 'none' },
      { type: 'highlightToken', index: '0' },
      { type: 'highlightToken' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('keeps the tab and the selected cell in the saved state, and refuses a stale one', () => {
    assert.deepEqual(parseWebviewState({ selectedHead: 'maximum', tab: 'steps', cell: { query: 1, key: 0 }, request }), { selectedHead: 'maximum', tab: 'steps', cell: { query: 1, key: 0 }, request });
    for (const stale of [
      { selectedHead: 0, tab: 'table' },
      { selectedHead: 0, cell: { query: -1, key: 0 } },
      { selectedHead: 0, cell: { query: 9, key: 0 }, request },
    ]) {
      assert.equal(parseWebviewState(stale), undefined, JSON.stringify(stale));
    }
  });

  it("checks the host's analysis, steps and reveal messages", () => {
    assert.equal(parseHostMessage({ type: 'analysis', view, notes: [] }), undefined, 'no analysis id');
    assert.equal(parseHostMessage({ type: 'analysis', analysisId: 1, view, notes: [], tab: 'other' }), undefined);
    assert.equal(parseHostMessage({ type: 'analysis', analysisId: 1, view, notes: [], guide: { steps: [] } }), undefined, 'a guide without its eight steps');
    assert.deepEqual(parseHostMessage({ type: 'reveal', tab: 'steps' }), { type: 'reveal', tab: 'steps' });
    assert.equal(parseHostMessage({ type: 'steps', analysisId: 1 }), undefined);
    assert.equal(parseHostMessage({ type: 'stepsFailed', analysisId: 1, message: 5 }), undefined);
  });
});
