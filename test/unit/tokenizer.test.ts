import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceAt, tokenize } from '../../src/common/attention/tokenizer';

/** Every token's offsets must slice its own text out of the input. */
function assertOffsets(text: string): void {
  for (const token of tokenize(text)) assert.equal(text.slice(token.start, token.end), token.text);
}

describe('tokenize', () => {
  it('splits Chinese, which has no spaces, into words and keeps punctuation', () => {
    const tokens = tokenize('我去了银行。');
    assert.equal(tokens.map((t) => t.text).join(''), '我去了银行。');
    assert.ok(tokens.some((t) => t.text === '银行'), '银行 is one token');
    assert.equal(tokens.at(-1)?.text, '。');
    assertOffsets('我去了银行。');
  });

  it('drops whitespace and keeps English words whole', () => {
    const tokens = tokenize('  The bank\tof the river.  ');
    assert.deepEqual(tokens.map((t) => t.text), ['The', 'bank', 'of', 'the', 'river', '.']);
    assert.deepEqual([tokens[1].start, tokens[1].end], [6, 10]);
  });

  it('handles mixed Chinese and English', () => {
    const text = '自注意力(self-attention)是LLM的核心。';
    const tokens = tokenize(text);
    assert.ok(tokens.some((t) => t.text === 'LLM'));
    assert.ok(tokens.some((t) => t.text === 'self'));
    assertOffsets(text);
  });

  it('keeps an emoji, even a multi-code-point one, whole with UTF-16 offsets', () => {
    const text = 'I ❤️ 👩‍👩‍👧 attention';
    const tokens = tokenize(text);
    const family = tokens.find((t) => t.text === '👩‍👩‍👧');
    assert.ok(family, 'the family emoji is one token');
    assert.equal(family.end - family.start, '👩‍👩‍👧'.length);
    assertOffsets(text);
  });

  it('keeps combining marks with their base letter', () => {
    const text = 'cafe\u0301 nai\u0308ve';
    assert.deepEqual(tokenize(text).map((t) => t.text), ['cafe\u0301', 'nai\u0308ve']);
  });

  it('tokenizes right-to-left text in logical order', () => {
    const text = 'שלום עולם مرحبا بالعالم';
    assert.deepEqual(tokenize(text).map((t) => t.text), ['שלום', 'עולם', 'مرحبا', 'بالعالم']);
    assertOffsets(text);
  });

  it('gives offsets that count CRLF as two code units', () => {
    const text = 'first line\r\nsecond 行\r\n';
    const tokens = tokenize(text);
    assert.deepEqual(tokens.map((t) => t.text), ['first', 'line', 'second', '行']);
    assert.equal(tokens[2].start, 12);
    assertOffsets(text);
  });

  it('returns no tokens for empty or whitespace-only text', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' \r\n\t　'), []);
  });
});

describe('sentenceAt', () => {
  const text = '我去了银行。我坐在河堤上。 This road turns right.';
  it('finds the sentence around an offset', () => {
    const s = sentenceAt(text, text.indexOf('河堤'));
    assert.equal(s && text.slice(s.start, s.end), '我坐在河堤上。');
    const e = sentenceAt(text, text.indexOf('road'));
    assert.equal(e && text.slice(e.start, e.end), 'This road turns right.');
  });
  it('finds the last sentence when the cursor is at the very end', () => {
    const s = sentenceAt(text, text.length);
    assert.equal(s && text.slice(s.start, s.end), 'This road turns right.');
  });
  it('finds nothing in whitespace-only text', () => {
    assert.equal(sentenceAt('   \n ', 2), undefined);
    assert.equal(sentenceAt('', 0), undefined);
  });
});
