import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averageHeads, combinedHeadsAt, maxHeads } from '../../src/common/attention/headAverage';
import { tokenize } from '../../src/common/attention/tokenizer';
import { shiftSpan, tokenAt } from '../../src/common/paint/paintGeometry';
import { layeredAlpha, PAINT_LEVELS, paintLevels } from '../../src/common/paint/paintLevels';

describe('paintLevels', () => {
  it('gives the largest weight every step and the others their share of it, rounded', () => {
    const painted = paintLevels([0.5, 0.25, 0.2, 0.05], () => true);
    assert.deepEqual(painted.map((token) => token.level), [PAINT_LEVELS, PAINT_LEVELS / 2, Math.round(PAINT_LEVELS * 0.4), Math.round(PAINT_LEVELS * 0.1)]);
    assert.deepEqual(painted.map((token) => token.weight), [0.5, 0.25, 0.2, 0.05]);
  });

  it('leaves out a weight that rounds to no step, and masked (zero) weights', () => {
    const painted = paintLevels([0, 0.9, 0.01, 0], () => true);
    assert.deepEqual(painted.map((token) => token.index), [1]);
  });

  it('measures against the largest weight of the tokens that have text, and never paints a special token', () => {
    // [CLS] (index 0) takes most of the row: the words are still told apart.
    const painted = paintLevels([0.8, 0.1, 0.05, 0.05], (i) => i !== 0);
    assert.deepEqual(painted.map((token) => [token.index, token.level]), [[1, PAINT_LEVELS], [2, PAINT_LEVELS / 2], [3, PAINT_LEVELS / 2]]);
  });

  it('paints nothing when every weight is zero or nothing has text', () => {
    assert.deepEqual(paintLevels([0, 0, 0], () => true), []);
    assert.deepEqual(paintLevels([0.5, 0.5], () => false), []);
  });

  it('orders the levels as the weights', () => {
    const weights = Array.from({ length: 50 }, (_, i) => Math.abs(Math.sin(i * 7.3)) / 10);
    const levels = new Map(paintLevels(weights, () => true).map((token) => [token.index, token.level]));
    for (let a = 0; a < weights.length; a++) {
      for (let b = 0; b < weights.length; b++) if (weights[a] > weights[b]) assert.ok((levels.get(a) ?? 0) >= (levels.get(b) ?? 0), `${a} over ${b}`);
    }
  });

  it('adds up the layers of a translucent colour to a stronger one, up to opaque', () => {
    assert.equal(layeredAlpha(0.16, 0), 0);
    assert.ok(Math.abs(layeredAlpha(0.16, 1) - 0.16) < 1e-12);
    assert.ok(Math.abs(layeredAlpha(0.5, 2) - 0.75) < 1e-12);
    for (let k = 1; k <= PAINT_LEVELS; k++) assert.ok(layeredAlpha(0.16, k) > layeredAlpha(0.16, k - 1));
    assert.equal(layeredAlpha(1, 3), 1);
  });
});

describe('tokenAt', () => {
  const text = 'The bank is by the river.';
  const tokens = tokenize(text);
  const index = (word: string) => tokens.findIndex((token) => token.text === word);

  it('finds the token under the cursor, or the one just before it at its end', () => {
    assert.equal(tokenAt(tokens, text.indexOf('bank')), index('bank'));
    assert.equal(tokenAt(tokens, text.indexOf('bank') + 2), index('bank'));
    assert.equal(tokenAt(tokens, text.indexOf('bank') + 4), index('bank'), 'right after the word');
    assert.equal(tokenAt(tokens, 0), 0);
  });

  it('takes the token that starts at the cursor over the one that ends there', () => {
    // "river." : the cursor between "river" and "." is on "."
    assert.equal(tokenAt(tokens, text.indexOf('.')), index('.'));
    assert.equal(tokenAt(tokens, text.length), index('.'));
  });

  it('finds none in the middle of a run of spaces, and none past the text', () => {
    const spaced = tokenize('a   b');
    assert.equal(tokenAt(spaced, 2), undefined);
    assert.equal(tokenAt(spaced, 9), undefined);
    assert.equal(tokenAt([], 0), undefined);
  });

  it('skips tokens without text (a model\'s special tokens)', () => {
    const withSpecial = [{ start: 0, end: 0 }, { start: 0, end: 3 }, { start: 4, end: 8 }, { start: 8, end: 8 }];
    assert.equal(tokenAt(withSpecial, 0), 1);
    assert.equal(tokenAt(withSpecial, 8), 2);
    assert.equal(tokenAt([{ start: 5, end: 5 }], 5), undefined);
  });

  it('reads offsets of CRLF text as VS Code counts them (the line break is two)', () => {
    const crlf = '第一行。\r\n银行在河边。';
    const crlfTokens = tokenize(crlf);
    const bank = crlf.indexOf('银行');
    assert.equal(bank, 6);
    assert.equal(crlfTokens[tokenAt(crlfTokens, bank)!].text, '银行');
    assert.equal(tokenAt(crlfTokens, crlf.indexOf('\n')), undefined, 'between \\r and \\n is no token');
  });
});

describe('shiftSpan', () => {
  const text = { start: 10, end: 20 };

  it('moves the text by an edit before it, in both directions', () => {
    assert.deepEqual(shiftSpan(text, [{ rangeOffset: 2, rangeLength: 0, textLength: 3 }]), { start: 13, end: 23 });
    assert.deepEqual(shiftSpan(text, [{ rangeOffset: 2, rangeLength: 5, textLength: 0 }]), { start: 5, end: 15 });
    // A CRLF typed before it is two characters.
    assert.deepEqual(shiftSpan(text, [{ rangeOffset: 0, rangeLength: 0, textLength: 2 }]), { start: 12, end: 22 });
  });

  it('keeps the text where it is for an edit after it', () => {
    assert.deepEqual(shiftSpan(text, [{ rangeOffset: 25, rangeLength: 3, textLength: 0 }]), text);
  });

  it('gives up on an edit inside the text or at either end of it', () => {
    assert.equal(shiftSpan(text, [{ rangeOffset: 15, rangeLength: 1, textLength: 1 }]), undefined);
    assert.equal(shiftSpan(text, [{ rangeOffset: 20, rangeLength: 0, textLength: 1 }]), undefined, 'typed right after the last word');
    assert.equal(shiftSpan(text, [{ rangeOffset: 10, rangeLength: 0, textLength: 1 }]), undefined, 'typed right before the first');
    assert.equal(shiftSpan(text, [{ rangeOffset: 5, rangeLength: 10, textLength: 0 }]), undefined, 'a deletion across its start');
  });

  it('adds up several edits of one change (multiple cursors), each against the text before them', () => {
    const edits = [
      { rangeOffset: 30, rangeLength: 0, textLength: 1 },
      { rangeOffset: 5, rangeLength: 0, textLength: 1 },
      { rangeOffset: 1, rangeLength: 0, textLength: 1 },
    ];
    assert.deepEqual(shiftSpan(text, edits), { start: 12, end: 22 });
    assert.equal(shiftSpan(text, [...edits, { rangeOffset: 12, rangeLength: 0, textLength: 1 }]), undefined);
  });
});

describe('combinedHeadsAt', () => {
  it('gives every cell exactly as averageHeads and maxHeads do (the numbers the panel shows)', () => {
    const heads = Array.from({ length: 7 }, (_, h) => Float32Array.from({ length: 36 }, (_, i) => Math.abs(Math.sin(h * 36 + i)) / 3));
    heads[2][5] = 0; // a masked cell in one head
    const average = averageHeads(heads);
    const maximum = maxHeads(heads);
    for (let i = 0; i < 36; i++) {
      assert.equal(combinedHeadsAt(heads, 'average', i), average[i]);
      assert.equal(combinedHeadsAt(heads, 'maximum', i), maximum[i]);
    }
  });
});
