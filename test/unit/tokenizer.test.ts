import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTokens, SEGMENT_WINDOW, sentenceAt, tokenize, type Token } from '../../src/common/attention/tokenizer';

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

/** What `tokenize` gave before it segmented in windows: the whole text at once, the reference. */
function tokenizeWhole(text: string): Token[] {
  const tokens: Token[] = [];
  for (const { segment, index } of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) {
    if (!/^\s+$/u.test(segment)) tokens.push({ text: segment, start: index, end: index + segment.length });
  }
  return tokens;
}

/** Offsets slice each token's text out of the input, in order, without overlaps. */
function assertInOrder(text: string, tokens: Token[]): void {
  let end = 0;
  for (const token of tokens) {
    assert.equal(text.slice(token.start, token.end), token.text);
    assert.ok(token.start >= end && token.end > token.start, `token at ${token.start} follows the one ending at ${end}`);
    end = token.end;
  }
}

/** A deterministic PRNG (mulberry32), so a failing text can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const VARIED_TEXTS: Record<string, string> = {
  'Chinese without spaces': '注意力机制为句子中的每个单词生成一个与上下文相关的词嵌入。我去了银行。我坐在河堤上。这条路将向右转弯。自注意力是变压器的核心，它让每个词都能看到其他词！为什么？因为上下文很重要；“引号”也是。',
  English: 'The quick brown fox jumps over the lazy dog. Mr. Smith paid $3.50 for e.g. a cup of tea at 10:30 a.m., didn\'t he? "Yes," she said — it\'s 1,000,000.5 times better.\n',
  mixed: '自注意力(self-attention)是LLM的核心。GPT-4和BERT都用Transformer。日本語のテキストもカタカナとひらがなで書かれています。한국어 텍스트도 있습니다. ',
  'emoji and ZWJ sequences': 'I ❤️ 👩‍👩‍👧 attention 🇺🇸🇬🇧🇫🇷 👍🏽 🏳️‍🌈 done. ',
  'combining marks': 'cafe\u0301 nai\u0308ve Z\u0351\u0352\u0353algo\u0301\u0302 a\u20dd ',
  'RTL Arabic and Hebrew': 'שלום עולם مرحبا بالعالم. مرحبًا، كيف حالك؟ ',
  CRLF: 'first line\r\nsecond 行\r\n\r\nthird\tline\r\n',
  'Thai, spaces only between phrases': 'ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ แต่มีการเว้นวรรคระหว่างประโยค ',
};

describe('tokenize in windows', () => {
  // Windows far smaller than the default put a cut in every sentence; runs of word characters
  // up to half a window (the longest here: 27) are still cut only where the whole text breaks.
  const windows = [64, 100, 257, SEGMENT_WINDOW];

  for (const [name, sample] of Object.entries(VARIED_TEXTS)) {
    it(`gives the tokens of the whole text at once: ${name}`, () => {
      for (const text of [sample, sample.repeat(7), sample.repeat(60)]) {
        const whole = tokenizeWhole(text);
        for (const window of windows) assert.deepEqual(tokenize(text, Infinity, window), whole, `window ${window}, ${text.length} code units`);
      }
    });
  }

  it('gives the tokens of the whole text at once on random mixtures of scripts, marks and lone surrogates', () => {
    const next = random(7);
    const pieces = ['abc', ' ', '\n', '\r\n', '.', ',', "'", '1', '我去了银行', '。', '\u0301', '\u200d', '👩', '🇺', '\ufe0f', 'ש', 'م', 'カタ', 'ไทย', '\ud800', '\udc00', '\t', '\u00a0', '\u3000', 'ab.cd', '3.14'];
    for (let trial = 0; trial < 100; trial++) {
      let text = '';
      for (let i = 50 + Math.floor(next() * 800); i > 0; i--) text += pieces[Math.floor(next() * pieces.length)];
      const whole = tokenizeWhole(text);
      for (const window of [64, SEGMENT_WINDOW]) assert.deepEqual(tokenize(text, Infinity, window), whole, `trial ${trial}, window ${window}`);
    }
  });

  it('makes progress with right offsets through runs without whitespace longer than a window', () => {
    const base64 = Array.from({ length: 5000 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 37) % 64]).join('');
    const runs = ['a'.repeat(5000), base64, 'x'.repeat(3000) + ' ok', 'a' + '\u0301'.repeat(3000) + ' b', '👩‍'.repeat(2000), '😀'.repeat(3000), '我'.repeat(5000)];
    for (const text of runs) {
      for (const window of [64, SEGMENT_WINDOW]) {
        const tokens = tokenize(text, Infinity, window);
        assertInOrder(text, tokens);
        assert.equal(tokens.map((t) => t.text).join(''), text.replace(/\s/gu, ''), 'no code unit lost or repeated');
      }
    }
  });

  it('stops at the limit with the first tokens of the whole text', () => {
    const text = VARIED_TEXTS.mixed.repeat(100);
    assert.deepEqual(tokenize(text, 500), tokenizeWhole(text).slice(0, 500));
    assert.deepEqual(tokenize(text, 0), []);
  });

  it('counts the tokens it would return', () => {
    for (const text of [...Object.values(VARIED_TEXTS), Object.values(VARIED_TEXTS).join('').repeat(40), '', ' \n ']) {
      assert.equal(countTokens(text), tokenize(text).length);
    }
  });
});

describe('tokenize on huge texts', () => {
  // Correctness, not a benchmark: the bounds are generous; the times are printed for the record.
  const line = '注意力机制为句子中的每个单词生成一个与上下文相关的词嵌入。The quick brown fox jumps over the lazy dog.\n';
  const repeatTo = (length: number) => line.repeat(Math.ceil(length / line.length)).slice(0, length);

  function timed<T>(work: () => T): { value: T; ms: number } {
    const started = performance.now();
    const value = work();
    return { value, ms: Math.round(performance.now() - started) };
  }

  it('tokenizes 160,000 characters in time linear in them (whole-text segmentation: 13 s or more on Node 20)', (t) => {
    const text = repeatTo(160_000);
    const { value, ms } = timed(() => tokenize(text));
    t.diagnostic(`tokenize, 160,000 characters, ${value.length} tokens: ${ms} ms`);
    assert.equal(value.length, countTokens(text));
    assert.ok(ms < 5_000, `${ms} ms`);
  });

  it('stops at the limit on 10 MB at the cost of the tokens returned', (t) => {
    const text = repeatTo(10_000_000);
    const { value, ms } = timed(() => tokenize(text, 2049));
    t.diagnostic(`tokenize(10 MB, 2049): ${ms} ms`);
    assert.equal(value.length, 2049);
    assert.ok(ms < 1_000, `${ms} ms`);
  });

  it('counts the tokens of 2 MB in linear time', (t) => {
    const lines = Math.ceil(2_000_000 / line.length);
    const text = line.repeat(lines);
    const { value, ms } = timed(() => countTokens(text));
    t.diagnostic(`countTokens(2 MB) = ${value}: ${ms} ms`);
    assert.equal(value, countTokens(line) * lines);
    assert.ok(ms < 15_000, `${ms} ms`);
  });

  it('finds the sentence around an offset in a 10 MB paragraph quickly', (t) => {
    const text = repeatTo(10_000_000);
    const offset = text.lastIndexOf('The quick');
    const { value, ms } = timed(() => sentenceAt(text, offset));
    t.diagnostic(`sentenceAt(10 MB): ${ms} ms`);
    assert.equal(value && text.slice(value.start, value.end), 'The quick brown fox jumps over the lazy dog.');
    assert.ok(ms < 5_000, `${ms} ms`);
  });
});
