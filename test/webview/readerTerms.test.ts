/** Which words of the chapter's text the reader links, with the real glossary: the hover matcher's rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import { createTermScanner } from '../../webview/src/reader/termScanner';

const scan = createTermScanner(GLOSSARY);
const found = (text: string) => scan(text).map(({ entry, start, end }) => [text.slice(start, end), entry.term]);

describe('reader term scanner', () => {
  it('takes the longest term: 自注意力 and 自注意力机制 are self-attention, not attention', () => {
    assert.deepEqual(found('自注意力试图确定句子中的单词如何彼此相互关联。'), [['自注意力', '自注意力']]);
    assert.deepEqual(found('在其自注意力机制方面'), [['自注意力机制', '自注意力']]);
    assert.deepEqual(found('多头注意力使用多个自注意力块'), [
      ['多头注意力', '多头注意力'],
      ['自注意力', '自注意力'],
    ]);
  });

  it('matches Latin terms whatever their case, on word boundaries only', () => {
    assert.deepEqual(found('什么是LLMS?'), [['LLMS', '大型语言模型']]);
    assert.deepEqual(found('Self-Attention is attentional'), [['Self-Attention', '自注意力']]);
    assert.deepEqual(found('GPT-2与BERT中的注意力'), [
      ['GPT-2', 'GPT-2'],
      ['BERT', 'BERT'],
      ['注意力', '注意力'],
    ]);
    assert.deepEqual(found('ROBERTa and BERTology'), []);
  });

  it('gives UTF-16 offsets that cut the text exactly, without overlaps, left to right', () => {
    const text = '变压器架构使用缩放的点积机制来计算注意力。softmax() 函数';
    const occurrences = scan(text);
    assert.deepEqual(
      occurrences.map((o) => text.slice(o.start, o.end)),
      ['变压器架构', '缩放的点积', '注意力', 'softmax'],
    );
    occurrences.slice(1).forEach((o, i) => assert.ok(o.start >= occurrences[i].end));
  });

  it('finds nothing in text without terms, and refuses an alias of two entries', () => {
    assert.deepEqual(scan('今天天气很好。'), []);
    assert.deepEqual(scan(''), []);
    const entry = { id: 'a', term: 'A', aliases: ['same'], definition: 'd', sectionId: 's' };
    assert.throws(() => createTermScanner([entry, { ...entry, id: 'b', term: 'B' }]), /belongs to both/);
  });
});
