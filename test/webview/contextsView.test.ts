/**
 * The Compare Contexts page in real Chromium, under the panel's CSP: a result computed by the
 * built-in engine as the worker computes it, shown with its cosines, attention rows and notes;
 * document text (a sentence that looks like markup) shown as text; the strings in 简体中文; the
 * "Chapter example" button posting its message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/common/attention/config';
import { builtinContexts } from '../../src/common/contexts/builtinContexts';
import { CHAPTER_EXAMPLE_CONTEXTS } from '../../src/common/contexts/chapterExample';
import { CONTEXTS_STRINGS } from '../../src/common/l10n/webviewStrings';
import type { ContextsSubject } from '../../src/common/protocol/contexts';
import { mount, useComponentHarness } from './support/componentPage';

const harness = useComponentHarness(new URL('./fixtures/contextsViewPage.ts', import.meta.url), { strings: CONTEXTS_STRINGS, stylesheet: 'contexts-styles.css' });

function message(subject: ContextsSubject) {
  const result = builtinContexts({ word: subject.word, sentences: subject.sentences, config: DEFAULT_CONFIG, maxTokens: 256 });
  // As the page receives it: plain JSON.
  return JSON.parse(JSON.stringify({ type: 'contexts', subject, result, passage: { id: 'what', title: '什么是注意力机制?', markdown: '正如你所看到的,“银行”一词……\n\n- 我去了银行。' } }));
}

describe('the Compare Contexts page', () => {
  it('shows the cosines to three decimals, each sentence\'s attention row and the chapter\'s passage', async () => {
    const page = await harness().open({ theme: 'dark' });
    const sent = message({ word: 'bank', sentences: CHAPTER_EXAMPLE_CONTEXTS, example: true });
    assert.equal(await mount(page, sent), true, 'the page\'s parser accepts the worker\'s result');
    const cells = await page.locator('.contextual-cosines td').allTextContents();
    assert.deepEqual(cells, sent.result.contextualCosines.flat().map((c: number) => c.toFixed(3)));
    assert.deepEqual(await page.locator('.static-cosines td').allTextContents(), Array(9).fill('1.000'));
    assert.equal(await page.locator('.attention-row').count(), 3);
    assert.equal(await page.locator('.attention-row[data-sentence="1"] .att-token').count(), sent.result.sentences[1].tokens.length);
    assert.match((await page.locator('.passage').textContent()) ?? '', /“银行”一词/);
    assert.equal(await page.locator('vscode-button.example-button').count(), 0, 'the example needs no button back to itself');
    assert.equal(await page.locator('canvas.strip').count(), 6);
  });

  it('shows a sentence that looks like markup as text, notes a sentence without the word, and offers the chapter\'s example', async () => {
    const page = await harness().open({ theme: 'light' });
    const hostile = '<img src=x onerror="document.title=1">the bank';
    const sent = message({ word: 'bank', sentences: [{ text: hostile }, { text: 'An embankment.' }], example: false, sourceName: '<b>x</b>.md' });
    assert.equal(await mount(page, sent), true);
    assert.equal(await page.locator('img, b').count(), 0, 'no markup was made from document text');
    assert.equal(await page.locator('.sentence-text').first().textContent(), hostile);
    assert.match((await page.locator('.about').textContent()) ?? '', /<b>x<\/b>\.md/);
    assert.match((await page.locator('.sentence .missing').textContent()) ?? '', /only part of the token “embankment”/);
    assert.deepEqual(await page.locator('.static-cosines tbody tr:nth-child(2) td').allTextContents(), ['—', '—']);
    await page.locator('vscode-button.example-button').click();
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as { posted: unknown[] }).posted), [{ type: 'compareExample' }]);
  });

  it('speaks 简体中文 when VS Code does', async () => {
    const page = await harness().open({ lang: 'zh-cn' });
    await mount(page, message({ word: 'bank', sentences: CHAPTER_EXAMPLE_CONTEXTS, example: true }));
    assert.match((await page.locator('.static-cosines h2').textContent()) ?? '', /静态嵌入/);
    assert.match((await page.locator('.example-note').textContent()) ?? '', /译自一篇英文文章/);
  });
});
