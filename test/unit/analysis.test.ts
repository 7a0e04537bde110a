import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, InputError, tokensToAnalyse } from '../../src/common/attention/analysis';
import { resolveConfig } from '../../src/common/attention/config';
import { countTokens } from '../../src/common/attention/tokenizer';

const config = resolveConfig({ dModel: 8, heads: 2 });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('tokensToAnalyse', () => {
  it('gives the first tokens and whether the text has more', () => {
    assert.equal(tokensToAnalyse(words(3), 3).more, false);
    const { tokens, more } = tokensToAnalyse(words(4), 3);
    assert.deepEqual(tokens.map((t) => t.text), ['word0', 'word1', 'word2']);
    assert.equal(more, true);
  });

  it('refuses a text with no tokens', () => {
    assert.throws(() => tokensToAnalyse(' \n\t', 10), InputError);
  });
});

describe('analyse', () => {
  it('says how many tokens the whole text has only when it analyses the first ones', () => {
    const whole = analyse({ text: words(10), sourceName: 'test', config, maxTokens: 10 }).view;
    assert.equal(whole.tokens.length, 10);
    assert.equal(whole.totalTokens, undefined);
    const first = analyse({ text: words(40), sourceName: 'test', config, maxTokens: 10 }).view;
    assert.equal(first.tokens.length, 10);
    assert.equal(first.totalTokens, 40);
  });

  it('counts the tokens of a 3.5 MB selection in linear time', (t) => {
    const line = '注意力机制为句子中的每个单词生成一个与上下文相关的词嵌入。The quick brown fox jumps over the lazy dog.\n';
    const text = line.repeat(40_000);
    const started = performance.now();
    const { view } = analyse({ text, sourceName: 'test', config, maxTokens: 64 });
    const ms = Math.round(performance.now() - started);
    t.diagnostic(`analyse, 3.5 MB, ${view.totalTokens} tokens counted: ${ms} ms`);
    assert.equal(view.tokens.length, 64);
    assert.equal(view.totalTokens, countTokens(line) * 40_000);
    assert.ok(ms < 30_000, `${ms} ms`);
  });
});
