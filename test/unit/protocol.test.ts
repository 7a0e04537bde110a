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
  it('accepts an analysis the engine made, through JSON as VS Code sends it', () => {
    assert.deepEqual(parseAttentionView(JSON.parse(JSON.stringify(view))), view);
    assert.ok(parseHostMessage({ type: 'analysis', view, notes: [{ id: 'a', title: 'T', markdown: 'm' }] }));
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
