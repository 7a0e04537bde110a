/**
 * Compare Contexts: the cosine table, where a word is among a sentence's tokens, which word and
 * sentences a document gives, the built-in engine's and a model's vectors, and the panel's parsers.
 * Needs the module that `npm run build` compiles (src/common/kernels/wasmBinary.js) for the model.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/common/attention/analysis';
import { DEFAULT_CONFIG } from '../../src/common/attention/config';
import { tokenize } from '../../src/common/attention/tokenizer';
import { CHAPTER_EXAMPLE_SENTENCES } from '../../src/common/chapter/examples';
import { parseChapter } from '../../src/common/chapter/sections';
import { builtinContexts } from '../../src/common/contexts/builtinContexts';
import { CHAPTER_EXAMPLE_CONTEXTS, CHAPTER_EXAMPLE_WORD, CHAPTER_PASSAGE_WORD } from '../../src/common/contexts/chapterExample';
import type { ContextsRequest } from '../../src/common/contexts/contexts';
import { findWord } from '../../src/common/contexts/findWord';
import { modelContexts } from '../../src/common/contexts/modelContexts';
import { MAX_CONTEXT_SENTENCES, selectedWord, sentencesWith, wordAt } from '../../src/common/contexts/sentences';
import { cosine, cosineTable, meanRows } from '../../src/common/contexts/vectors';
import { loadModelFolder } from '../../src/common/models/folder/modelFolder';
import { parseContextsHostMessage, parseContextsMessage, parseContextsState, parseResult, type ContextsSubject } from '../../src/common/protocol/contexts';
import { readFileSync } from 'node:fs';
import { tinyModelFiles } from '../support/models/tinyModel';

const close = (actual: number | null, expected: number, tolerance = 1e-12) => assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

describe('cosine similarity', () => {
  it('is 1 for the same direction, 0 for orthogonal vectors, −1 for opposite ones, null without a direction', () => {
    close(cosine([1, 2, 3], [2, 4, 6]), 1);
    close(cosine([1, 0], [0, 5]), 0);
    close(cosine([1, -2], [-1, 2]), -1);
    close(cosine([3, 4], [4, 3]), 24 / 25);
    assert.equal(cosine([0, 0], [1, 1]), null);
    assert.equal(cosine([1], [1, 2]), null);
  });

  it('tabulates every pair: symmetric, 1 on the diagonal, null for a sentence without a vector', () => {
    const table = cosineTable([[1, 0], [1, 1], undefined, [0, -2]]);
    assert.equal(table.length, 4);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.equal(table[i][j], table[j][i]);
    assert.deepEqual([table[0][0], table[1][1], table[3][3]], [1, 1, 1]);
    close(table[0][1], Math.SQRT1_2, 1e-15);
    close(table[1][3], -Math.SQRT1_2, 1e-15);
    assert.deepEqual(table[2], [null, null, null, null]);
  });

  it('takes the mean of the rows asked for', () => {
    assert.deepEqual(meanRows([1, 2, 3, 4, 5, 6], 2, [0, 2]), [3, 4]);
  });
});

describe('the word among a sentence\'s tokens', () => {
  const find = (text: string, word: string) => findWord(text, tokenize(text), word);

  it('is the first occurrence whose characters the tokens cover exactly', () => {
    assert.deepEqual(find('I sat on the bank of the river.', 'bank'), { tokens: [4], start: 13, end: 17 });
    assert.deepEqual(find('An embankment, then the bank.', 'bank'), { tokens: [5], start: 24, end: 28 });
    assert.deepEqual(find('I went to New York.', 'New York'), { tokens: [3, 4], start: 10, end: 18 });
  });

  it('is not a part of a longer token (行 in 银行), and says so', () => {
    assert.deepEqual(find('我去了银行。', '行'), { missing: { reason: 'insideToken', token: '银行' } });
    assert.deepEqual(find('An embankment.', 'bank'), { missing: { reason: 'insideToken', token: 'embankment' } });
    const tokens = tokenize('我去了银行。');
    assert.deepEqual(find('我去了银行。', '银行'), { tokens: [tokens.findIndex((t) => t.text === '银行')], start: 3, end: 5 });
  });

  it('is absent when the sentence does not have it', () => {
    assert.deepEqual(find('The road will turn.', 'bank'), { missing: { reason: 'absent' } });
  });
});

describe('the word and sentences a document gives', () => {
  it('takes a short selection without a sentence end as the word', () => {
    assert.equal(selectedWord('  bank '), 'bank');
    assert.equal(selectedWord('银行'), '银行');
    assert.equal(selectedWord('the bank.'), undefined);
    assert.equal(selectedWord('我去了银行。'), undefined);
    assert.equal(selectedWord('a\nb'), undefined);
    assert.equal(selectedWord('...'), undefined);
    assert.equal(selectedWord('x'.repeat(41)), undefined);
  });

  it('takes the engine\'s word under the cursor: a dictionary word in Chinese, not the whole run of characters', () => {
    assert.equal(wordAt('我去了银行。', 4), '银行');
    assert.equal(wordAt('I went to the bank.', 15), 'bank');
    assert.equal(wordAt('I went to the bank.', 18), 'bank', 'just after the word');
    assert.equal(wordAt('I went to the bank.', 6), 'went');
    assert.equal(wordAt('a  b', 2), undefined);
  });

  it('finds every sentence that contains it, at most MAX_CONTEXT_SENTENCES, and counts them all', () => {
    const text = '# Banks\n\nI went to the bank. It was closed! I sat on the bank of the river.\n\n我去了银行。银行关门了。';
    assert.deepEqual(sentencesWith(text, 'bank'), { sentences: ['I went to the bank.', 'I sat on the bank of the river.'], total: 2 });
    assert.deepEqual(sentencesWith(text, '银行').sentences, ['我去了银行。', '银行关门了。']);
    const wrapped = 'We sat on the\nbank of the river.\n# A heading with bank\n- a bank in a list\n\n我去了\n银行。';
    assert.deepEqual(sentencesWith(wrapped, 'bank').sentences, ['We sat on the bank of the river.', '# A heading with bank', '- a bank in a list'], 'a paragraph\'s lines are one text; headings and list items are not');
    assert.deepEqual(sentencesWith(wrapped, '银行').sentences, ['我去了 银行。']);
    const many = Array.from({ length: 15 }, (_, i) => `Sentence ${i} has the bank.`).join(' ');
    const capped = sentencesWith(many, 'bank');
    assert.equal(capped.sentences.length, MAX_CONTEXT_SENTENCES);
    assert.equal(capped.total, 15);
  });
});

const request = (sentences = CHAPTER_EXAMPLE_CONTEXTS, word = CHAPTER_EXAMPLE_WORD): ContextsRequest => ({ word, sentences, config: DEFAULT_CONFIG, maxTokens: 256 });

describe('the built-in engine\'s contexts', () => {
  const result = builtinContexts(request());

  it('gives "bank" the same static embedding in each of the chapter\'s sentences, and different contextual outputs', () => {
    assert.deepEqual(result.staticCosines, [[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    for (let i = 0; i < 3; i++) {
      assert.equal(result.contextualCosines[i][i], 1);
      for (let j = 0; j < 3; j++) if (i !== j) assert.ok((result.contextualCosines[i][j] ?? 1) < 0.999, `S${i + 1}, S${j + 1}: ${result.contextualCosines[i][j]}`);
    }
  });

  it('takes the embedding, the output after Wo and the heads\' average row of the word\'s token, as Show Attention computes them', () => {
    const sentence = result.sentences[1];
    const { result: analysed } = analyse({ text: sentence.text, sourceName: 's', config: DEFAULT_CONFIG, maxTokens: 256 });
    const i = sentence.wordTokens![0];
    const d = DEFAULT_CONFIG.dModel;
    assert.equal(sentence.tokens[i].text, 'bank');
    assert.deepEqual(sentence.staticVector, Array.from(analysed.embeddings.data.subarray(i * d, (i + 1) * d)));
    assert.deepEqual(sentence.contextual, Array.from(analysed.output.data.subarray(i * d, (i + 1) * d)));
    const n = sentence.tokens.length;
    sentence.attention!.forEach((w, j) => close(w, analysed.heads.reduce((sum, h) => sum + h.weights.data[i * n + j], 0) / analysed.heads.length, 1e-15));
    close(sentence.attention!.reduce((a, b) => a + b, 0), 1, 1e-12);
  });

  it('notes a sentence whose tokens do not have the word, and leaves its cells empty', () => {
    const mixed = builtinContexts(request([{ text: '我去了银行。' }, { text: '行人很多。' }, { text: '一行字。' }], '行'));
    assert.deepEqual(mixed.sentences[0].missing, { reason: 'insideToken', token: '银行' });
    assert.equal(mixed.sentences[0].staticVector, undefined);
    assert.deepEqual(mixed.staticCosines[0], [null, null, null]);
  });

  it('is what the panel accepts, and the panel refuses a result that does not fit what was asked', () => {
    const subject: ContextsSubject = { word: 'bank', sentences: CHAPTER_EXAMPLE_CONTEXTS, example: true };
    const message = parseContextsHostMessage(JSON.parse(JSON.stringify({ type: 'contexts', subject, result })));
    assert.ok(message && message.type === 'contexts');
    assert.equal(message.result.sentences[2].translation, CHAPTER_EXAMPLE_SENTENCES[2]);
    /** A copy of the result as the page receives it (plain JSON), changed. */
    type Mutable = { word: string; contextualCosines: number[][]; sentences: { attention: number[]; contextual: number[]; tokens: { end: number }[] }[] };
    const tamper = (change: (r: Mutable) => void) => {
      const copy = JSON.parse(JSON.stringify(result)) as Mutable;
      change(copy);
      return parseResult(copy, subject);
    };
    assert.ok(tamper(() => undefined));
    assert.equal(tamper((r) => (r.contextualCosines[0][1] = 1.5)), undefined, 'a cosine above 1');
    assert.equal(tamper((r) => r.sentences[0].attention.pop()), undefined, 'an attention row of the wrong length');
    assert.equal(tamper((r) => (r.sentences[0].attention[0] += 0.5)), undefined, 'a row that is not a distribution');
    assert.equal(tamper((r) => r.sentences[1].contextual.pop()), undefined, 'vectors of different widths');
    assert.equal(tamper((r) => (r.sentences[0].tokens[0].end = 999)), undefined, 'a token outside its sentence');
    assert.equal(tamper((r) => (r.word = 'river')), undefined, 'another word');
  });
});

describe('the panel\'s messages and saved state', () => {
  it('keeps a valid subject and refuses a damaged one', () => {
    const subject = { word: 'bank', sentences: [{ text: 'I went to the bank.', translation: '我去了银行。' }], example: true };
    assert.deepEqual(parseContextsState({ subject }), { subject });
    assert.equal(parseContextsState({ subject: { ...subject, word: '' } }), undefined);
    assert.equal(parseContextsState({ subject: { ...subject, sentences: [] } }), undefined);
    assert.equal(parseContextsState({ subject: { ...subject, sentences: Array(MAX_CONTEXT_SENTENCES + 1).fill({ text: 'a bank' }) } }), undefined);
    assert.equal(parseContextsState({ subject: { ...subject, total: 1 } }), undefined, 'a total no larger than what is shown');
    assert.equal(parseContextsState('bank'), undefined);
  });

  it('parses the page\'s messages', () => {
    assert.deepEqual(parseContextsMessage({ type: 'openSection', sectionId: 'x' }), { type: 'openSection', sectionId: 'x' });
    assert.deepEqual(parseContextsMessage({ type: 'compareExample' }), { type: 'compareExample' });
    assert.equal(parseContextsMessage({ type: 'openSection', sectionId: 3 }), undefined);
  });
});

describe('the chapter\'s example', () => {
  it('has its translations in the chapter, and the chapter a section with the paragraph on 银行 and word2vec\'s "bank"', () => {
    const markdown = readFileSync(new URL('../../media/chapter.md', import.meta.url), 'utf8');
    const section = parseChapter(markdown).find((s) => s.body.includes(CHAPTER_PASSAGE_WORD));
    assert.ok(section, 'a section mentions 银行');
    for (const sentence of CHAPTER_EXAMPLE_CONTEXTS) assert.ok(section.body.includes(sentence.translation!), sentence.translation);
    assert.match(section.body, /“银行”一词在这三个句子中具有不同的含义/);
    assert.match(section.body, /word2vec[^\n]*“bank”/);
  });
});

describe('a model\'s contexts', () => {
  for (const type of ['bert', 'gpt2'] as const) {
    it(`${type}: the same pieces give the same static embedding; the last hidden states and the last layer's rows differ (GPT-2's with other words before it)`, async () => {
      const files = tinyModelFiles({ type, weights: 'safetensors', tokenizer: 'vocab' });
      const model = await loadModelFolder(`tiny-${type}`, async (name) => files[name]);
      // GPT-2 is causal: "bank" needs other words before it to get another output.
      const sentences = [{ text: 'the bank.' }, { text: 'of the river the bank.' }, { text: '我去了银行。' }];
      const result = modelContexts(model, request(sentences, 'bank'));
      assert.equal(result.engine.kind, 'model');
      close(result.staticCosines[0][1], 1, 1e-6);
      assert.ok((result.contextualCosines[0][1] ?? 1) < 0.9999, `${result.contextualCosines[0][1]}`);
      assert.equal(result.sentences[2].missing?.reason, 'absent');
      for (const sentence of result.sentences.slice(0, 2)) {
        assert.equal(sentence.staticVector!.length, model.config.hiddenSize);
        assert.equal(sentence.attention!.length, sentence.tokens.length, 'a weight per word, special tokens left out');
        close(sentence.attention!.reduce((a, b) => a + b, 0), 1, 1e-5);
        assert.ok(!sentence.tokens.some((t) => t.text === '[CLS]' || t.text === '[SEP]'), 'no special token');
      }
      const chinese = modelContexts(model, request([{ text: '我去了银行。' }, { text: '我坐在河堤上。' }], '银行'));
      assert.ok(chinese.sentences[0].wordTokens && chinese.sentences[0].wordTokens.length >= 1, 'found among the words');
      assert.equal(chinese.sentences[1].missing?.reason, 'absent');
    });
  }
});
