/**
 * Compare Contexts in the real workbench: run from the palette with no editor, it compares the
 * chapter's "bank" in the English sentences the chapter translated, beside their translations
 * and the chapter's paragraph on 银行. The cosines it shows are those computed here from the
 * command line's own numbers for each sentence (its embeddings and its output after Wo), the
 * static ones are 1, and each sentence's attention row is the CLI's heads' average. Then the
 * attention panel's button compares the selected cell's word across the sentences of its document.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'playwright-core';
import { runCommand } from './support/commands';
import { openFile, selectWithFind } from './support/editor';
import { readmeScreenshots } from './support/readmeShots';
import { cspViolations, waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const ENGLISH = ['I went to the bank.', 'I sat on the bank of the river.', 'The road will bank to the right.'];
const TRANSLATIONS = ['我去了银行。', '我坐在河堤上。', '这条路将向右转弯。'];

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '9-compare-contexts-end' });

interface CliResult {
  readonly tokens: { text: string }[];
  readonly embeddings: number[][];
  readonly output: number[][];
  readonly heads: { weights: number[][] }[];
}

/** One sentence through the command line (default settings, as the workbench has them): an independent path to the engine's numbers. */
function cli(sentence: string): CliResult {
  return JSON.parse(execFileSync(process.execPath, [CLI, '--json', sentence], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => ((dot += x * b[i]), (aa += x * x), (bb += b[i] * b[i])));
  return dot / Math.sqrt(aa * bb);
}

async function tableTexts(panel: Frame, table: string): Promise<string[][]> {
  const rows = await panel.locator(`${table} tbody tr`).all();
  return Promise.all(rows.map((row) => row.locator('td').allTextContents()));
}

it('compares the chapter\'s "bank" in its English sentences: static cosines 1, contextual cosines and attention rows as the CLI computes them', async () => {
  const { page } = workbench;
  await runCommand(page, 'Attention Explorer: Compare Contexts');
  const panel = await waitForWebview(page, '.contexts .contextual-cosines table');
  await page.locator('.tab.active[aria-label^="Contexts: bank"]').waitFor();
  await workbench.screenshot('9-compare-contexts');

  assert.equal((await panel.locator('h1').textContent())?.includes('“bank”'), true, 'the heading names the word');
  assert.deepEqual((await panel.locator('.sentence .sentence-text').allTextContents()), ENGLISH, 'the English originals');
  assert.deepEqual((await panel.locator('.sentence mark').allTextContents()), ['bank', 'bank', 'bank'], 'the word marked in each');
  const translations = await panel.locator('.sentence .translation').allTextContents();
  TRANSLATIONS.forEach((zh, i) => assert.ok(translations[i].includes(zh), `S${i + 1} shows the chapter's ${zh}`));
  assert.match((await panel.locator('.example-note').textContent()) ?? '', /translation/, 'the view says why English');
  const passage = (await panel.locator('.passage').textContent()) ?? '';
  assert.match(passage, /“银行”一词在这三个句子中具有不同的含义/, 'the chapter\'s paragraph on 银行 is beside it');
  assert.match(passage, /word2vec/, 'and the one on word2vec');

  const runs = ENGLISH.map(cli);
  const at = runs.map((run) => run.tokens.findIndex((t) => t.text === 'bank'));
  const expected = (pick: (run: CliResult, i: number) => number[]) => runs.map((a, i) => runs.map((b, j) => cosine(pick(a, at[i]), pick(b, at[j])).toFixed(3)));
  const staticShown = await tableTexts(panel, '.static-cosines');
  assert.deepEqual(staticShown, expected((run, i) => run.embeddings[i]), 'static cosines from the CLI\'s embeddings');
  assert.deepEqual(staticShown, [['1.000', '1.000', '1.000'], ['1.000', '1.000', '1.000'], ['1.000', '1.000', '1.000']], 'the same static embedding everywhere');
  const contextualShown = await tableTexts(panel, '.contextual-cosines');
  assert.deepEqual(contextualShown, expected((run, i) => run.output[i]), 'contextual cosines from the CLI\'s output rows');
  assert.ok(contextualShown.flatMap((row, i) => row.filter((_, j) => j !== i)).every((c) => Number(c) < 0.999), `the contexts differ: ${JSON.stringify(contextualShown)}`);

  for (const [s, run] of runs.entries()) {
    const row = panel.locator(`.attention-row[data-sentence="${s}"]`);
    assert.deepEqual(await row.locator('.att-text').allTextContents(), run.tokens.map((t) => t.text), `S${s + 1}'s tokens, side by side`);
    const average = run.tokens.map((_, j) => run.heads.reduce((sum, head) => sum + head.weights[at[s]][j], 0) / run.heads.length);
    assert.deepEqual(await row.locator('.att-weight').allTextContents(), average.map((w) => w.toFixed(2)), `S${s + 1}: the heads' average row of "bank"`);
    assert.equal(await row.locator('.att-token.word').count(), 1, 'the word itself is outlined');
  }
  assert.equal(await panel.locator('canvas.strip').count(), 6, 'a static and a contextual strip per sentence');
  assert.deepEqual(await cspViolations(panel), [], 'the page keeps to its CSP');
  // The README shows the panel with room for its tables side by side and the attention rows below them.
  await runCommand(page, 'View: Close Primary Side Bar');
  await readmeScreenshots(workbench, 'compare-contexts');
  await panel.locator('.vectors').scrollIntoViewIfNeeded();
  await workbench.screenshot('9-compare-contexts-vectors');
});

it('compares the word of the attention panel\'s selected cell across the sentences of its document', async () => {
  const { page } = workbench;
  const sentence = 'We sat on the bank of the river and watched the boats.';
  await openFile(page, 'compare-contexts.md');
  await selectWithFind(page, sentence);
  await runCommand(page, 'Attention Explorer: Show Attention');
  const attention = await waitForWebview(page, '.analysis canvas.cells');
  const tokens = sentence.replace('.', ' .').split(' ');
  const canvas = attention.locator('canvas.cells');
  const box = await canvas.boundingBox();
  assert.ok(box);
  const bank = tokens.indexOf('bank');
  await canvas.click({ position: { x: ((bank + 0.5) / tokens.length) * box.width, y: ((bank + 0.5) / tokens.length) * box.height } });
  await attention.locator('vscode-button.compare-contexts').click();

  const panel = await waitForWebview(page, '.contexts .sentence-list li:nth-child(5)');
  await workbench.screenshot('9-compare-contexts-from-panel');
  assert.deepEqual(await panel.locator('.sentence .sentence-text').allTextContents(), [
    'I went to the bank to pay in a cheque.',
    'We sat on the bank of the river and watched the boats.',
    'The plane will bank to the left before it lands.',
    'You can bank on her to finish the job.',
    'The bank raised its interest rates again.',
  ], 'every sentence of the document with "bank"');
  assert.match((await panel.locator('.about').textContent()) ?? '', /compare-contexts\.md/);
  assert.equal(await panel.locator('.translation').count(), 0, 'a document\'s sentences have no translation');
  const shown = await tableTexts(panel, '.static-cosines');
  assert.ok(shown.flat().every((c) => c === '1.000'), `static: ${JSON.stringify(shown)}`);
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});

it('compares the word under the editor\'s cursor, 打, in the document\'s sentences, and says where it is only part of a longer word', async () => {
  const { page } = workbench;
  // Back to the document's tab (the attention panel's webview has the keyboard).
  await page.locator('.tab[aria-label^="compare-contexts.md"]').first().click();
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
  await selectWithFind(page, '打篮球');
  await page.keyboard.press('ArrowLeft'); // the cursor before 打, nothing selected
  await runCommand(page, 'Attention Explorer: Compare Contexts');
  const panel = await waitForWebview(page, '.contexts h1:has-text("“打”")');
  await workbench.screenshot('9-compare-contexts-chinese');
  assert.deepEqual(await panel.locator('.sentence .sentence-text').allTextContents(), ['他每天下午打篮球。', '下雨了，我们打车回家。', '他打了我一下。', '我给妈妈打电话。', '她打开了窗户。']);
  const notes = await panel.locator('.sentence .missing').allTextContents();
  assert.equal(notes.length, 2, `two sentences have 打 only inside a word: ${notes.join(' | ')}`);
  assert.ok(notes[0].includes('打电话') && notes[1].includes('打开'), notes.join(' | '));
  const shown = await tableTexts(panel, '.static-cosines');
  assert.deepEqual(shown.slice(0, 3).map((row) => row.slice(0, 3)), [['1.000', '1.000', '1.000'], ['1.000', '1.000', '1.000'], ['1.000', '1.000', '1.000']]);
  assert.deepEqual(shown[3], ['—', '—', '—', '—', '—'], 'no vectors where it is not a word');
  assert.equal(await panel.locator('.attention-row[data-sentence="3"] .att-weight', { hasText: '—' }).count(), await panel.locator('.attention-row[data-sentence="3"] .att-token').count(), 'its tokens shown, without weights');
});
