import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import { createGlossaryMatcher } from '../../src/common/glossary/glossaryMatcher';

const matcher = createGlossaryMatcher(GLOSSARY);

/** What a hover at `character` finds: the entry's term and the highlighted text, or undefined. */
function hover(line: string, character: number): [string, string] | undefined {
  const hit = matcher.match(line, character);
  return hit && [hit.entry.term, line.slice(hit.start, hit.end)];
}

/** Position of the first `needle` in `line` (plus `offset`), failing loudly when absent. */
function at(line: string, needle: string, offset = 0): number {
  const index = line.indexOf(needle);
  assert.ok(index >= 0, `${needle} in ${line}`);
  return index + offset;
}

describe('glossary matcher', () => {
  it('prefers the longest term covering the position: 多头注意力 over 自注意力 over 注意力', () => {
    const line = '多头注意力使用多个自注意力块,注意力是关键';
    for (let i = 0; i < 5; i++) assert.deepEqual(hover(line, i), ['多头注意力', '多头注意力']);
    assert.deepEqual(hover(line, at(line, '自注意力')), ['自注意力', '自注意力']);
    assert.deepEqual(hover(line, at(line, '自注意力', 3)), ['自注意力', '自注意力']);
    assert.deepEqual(hover(line, at(line, ',注意力', 1)), ['注意力', '注意力']);
    assert.deepEqual(hover('缩放的点积机制', 3), ['缩放点积', '缩放的点积'], '缩放的点积 beats 点积');
  });

  it('finds a term on its first and its last character', () => {
    const line = '我们讨论位置编码的作用';
    const start = at(line, '位置编码');
    assert.deepEqual(hover(line, start), ['位置编码', '位置编码']);
    assert.deepEqual(hover(line, start + 3), ['位置编码', '位置编码']);
    assert.equal(hover(line, start - 1), undefined, 'the character before is not part of it');
    assert.equal(hover(line, start + 5), undefined, 'nor the one after the character after');
  });

  it('finds a term at the start and at the end of a line, and just past the end', () => {
    const line = 'softmax 把分数变成权重 word2vec';
    assert.deepEqual(hover(line, 0), ['softmax', 'softmax']);
    assert.deepEqual(hover(line, line.length - 1), ['word2vec', 'word2vec']);
    // The pointer on the right half of the last character: VS Code asks for the position after it.
    assert.deepEqual(hover(line, line.length), ['word2vec', 'word2vec']);
    assert.deepEqual(hover('注意力幻觉', 3), ['幻觉', '幻觉'], 'the term under the position beats a longer one ending there');
  });

  it('matches Latin aliases only on word boundaries', () => {
    assert.deepEqual(hover('Attention is all you need', 3), ['注意力', 'Attention']);
    assert.equal(hover('an attentional lapse', 5), undefined, '"attentional" is another word');
    assert.equal(hover('DistilBERT answers questions', 7), undefined, 'no BERT inside DistilBERT');
    assert.deepEqual(hover('Two GANs and two VAEs', 6), ['生成对抗网络', 'GANs']);
    assert.deepEqual(hover('Two GANs and two VAEs', 18), ['变分自编码器', 'VAEs']);
    assert.deepEqual(hover('Most LLMs hallucinate', 8), ['大型语言模型', 'LLMs']);
    assert.deepEqual(hover('ChatGPT-3 is not GPT-3', 6), ['ChatGPT', 'ChatGPT-3'], 'GPT-3 inside ChatGPT-3 is not GPT-3');
    assert.deepEqual(hover('ChatGPT-3 is not GPT-3', 19), ['GPT-3', 'GPT-3']);
    assert.equal(hover('GPT-35 turbo', 2), undefined, 'a digit continues the word');
    assert.deepEqual(hover('self-attention layers', 8), ['自注意力', 'self-attention'], 'the hyphenated alias beats "attention"');
  });

  it('matches Latin letters whatever their case', () => {
    assert.deepEqual(hover('ATTENTION', 0), ['注意力', 'ATTENTION']);
    assert.deepEqual(hover('Apply SoftMax here', 8), ['softmax', 'SoftMax']);
    assert.deepEqual(hover('什么是LLMS?', 4), ['大型语言模型', 'LLMS']);
    assert.deepEqual(hover('hugging face hub', 9), ['Hugging Face', 'hugging face']);
  });

  it('matches in Chinese without spaces and in mixed text, with UTF-16 offsets', () => {
    const line = '自注意力(self-attention)是LLM的核心,GANs也用到注意力';
    assert.deepEqual(hover(line, 1), ['自注意力', '自注意力']);
    assert.deepEqual(hover(line, at(line, 'attention')), ['自注意力', 'self-attention']);
    assert.deepEqual(hover(line, at(line, 'LLM', 2)), ['大型语言模型', 'LLM'], 'a CJK neighbour is a boundary');
    assert.deepEqual(hover(line, at(line, 'GANs')), ['生成对抗网络', 'GANs']);
    assert.deepEqual(hover(line, line.length - 2), ['注意力', '注意力']);
    const emoji = '👩‍👩‍👧 幻觉';
    const hit = matcher.match(emoji, emoji.length - 1);
    assert.deepEqual(hit && [hit.start, hit.end], [emoji.length - 2, emoji.length]);
  });

  it('finds nothing where there is no term, or off the line', () => {
    assert.equal(hover('The weather is nice today.', 5), undefined);
    assert.equal(hover('今天天气很好', 2), undefined);
    assert.equal(hover('', 0), undefined);
    assert.equal(hover('注意力', -1), undefined);
    assert.equal(hover('注意力', 4), undefined);
  });

  it('finds a term in the middle of a very long line', () => {
    const filler = 'x '.repeat(500_000);
    const line = `${filler}多头注意力${filler}`;
    const hit = matcher.match(line, filler.length + 2);
    assert.deepEqual(hit && [hit.entry.term, hit.start, hit.end], ['多头注意力', filler.length, filler.length + 5]);
  });
});
