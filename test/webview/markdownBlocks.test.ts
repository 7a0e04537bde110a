import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlocks } from '../../webview/src/shared/markdownBlocks';

describe('note Markdown blocks', () => {
  it('reads headings, paragraphs, bullet lists (the book\'s • too) and numbered lists', () => {
    const blocks = parseBlocks(['## 计算注意力的步骤', '', '计算注意力矩阵的步骤如下:', '', '  • 对输入句子进行分词。', '- 为每个标记生成一个嵌入向量。', '', '3. Q×Kᵀ', '4. softmax'].join('\n'));
    assert.deepEqual(blocks, [
      { kind: 'heading', level: 2, text: '计算注意力的步骤' },
      { kind: 'paragraph', text: '计算注意力矩阵的步骤如下:' },
      { kind: 'list', ordered: false, start: 1, items: ['对输入句子进行分词。', '为每个标记生成一个嵌入向量。'] },
      { kind: 'list', ordered: true, start: 3, items: ['Q×Kᵀ', 'softmax'] },
    ]);
  });

  it('joins wrapped lines with a space, but not between Chinese characters', () => {
    assert.deepEqual(parseBlocks('scaled dot-product\nattention\n\n自注意力\n机制'), [
      { kind: 'paragraph', text: 'scaled dot-product attention' },
      { kind: 'paragraph', text: '自注意力机制' },
    ]);
  });

  it('keeps fenced code as it is, and a trailing # that is part of a heading', () => {
    assert.deepEqual(parseBlocks('```\nZ = softmax(QKᵀ/√d_k)·V\n  - not a list\n```\n# C#'), [
      { kind: 'code', text: 'Z = softmax(QKᵀ/√d_k)·V\n  - not a list' },
      { kind: 'heading', level: 1, text: 'C#' },
    ]);
  });

  it('treats HTML as plain text in a paragraph', () => {
    assert.deepEqual(parseBlocks('<script>alert(1)</script>'), [{ kind: 'paragraph', text: '<script>alert(1)</script>' }]);
  });
});
