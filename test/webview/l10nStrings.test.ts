/** The webview side of localisation, without a browser: reading the host's strings and filling them in. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format, formatParts, resolveStrings } from '../../webview/src/shared/l10nFormat';

const ENGLISH = { head: 'Head {0}', notice: 'Showing the first {0} of {1} tokens.', plain: 'Weight' } as const;

describe('webview strings (webview/src/shared/l10nFormat.ts)', () => {
  it('takes the host’s strings by key', () => {
    const json = JSON.stringify({ head: '第 {0} 个头', notice: '仅显示 {1} 个标记中的前 {0} 个。', plain: '权重' });
    assert.deepEqual(resolveStrings(ENGLISH, json), { head: '第 {0} 个头', notice: '仅显示 {1} 个标记中的前 {0} 个。', plain: '权重' });
  });

  it('falls back to English per key: missing, not a string, empty, or other placeholders', () => {
    assert.deepEqual(resolveStrings(ENGLISH, JSON.stringify({ head: 7, notice: '前 {0} 个', plain: ' ' })), ENGLISH);
    assert.deepEqual(resolveStrings(ENGLISH, JSON.stringify({ head: '第 {0} 个头', extra: 'x' })), { ...ENGLISH, head: '第 {0} 个头' });
  });

  it('falls back to English entirely for no strings, bad JSON or JSON that is not an object', () => {
    for (const json of [undefined, null, '', '{', 'null', '"text"', '[1,2]', '42']) assert.deepEqual(resolveStrings(ENGLISH, json), ENGLISH, String(json));
  });

  it('ignores keys inherited from Object.prototype', () => {
    const table = { toString: 'To string', constructor: 'Builder' };
    assert.deepEqual(resolveStrings(table, '{}'), table);
  });

  it('fills in {0}, {1}… in the translation’s order, leaving a placeholder without an argument', () => {
    assert.equal(format('仅显示 {1} 个标记中的前 {0} 个。', [5, 11]), '仅显示 11 个标记中的前 5 个。');
    assert.equal(format('{0} and {0}, then {2}', ['a']), 'a and a, then {2}');
    assert.equal(format('no placeholders', [1]), 'no placeholders');
    assert.equal(format('{0}', ['$& $1 {1}']), '$& $1 {1}', 'an argument is inserted as it is, not as a pattern');
  });

  it('splits a string around its placeholders to put elements in it', () => {
    const element = { element: true };
    assert.deepEqual(formatParts('Go to section {0}', [element]), ['Go to section ', element]);
    assert.deepEqual(formatParts('转到“{0}”一节', [element]), ['转到“', element, '”一节']);
    assert.deepEqual(formatParts('{0}', ['x']), ['x']);
    assert.deepEqual(formatParts('{1} stays', ['x']), ['{1} stays']);
  });
});
