/**
 * A reader whose VS Code speaks Chinese (display language zh-cn): the command palette lists Show
 * Attention under its Chinese title, and the attention panel it opens speaks Chinese too. The
 * expected strings are read from package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json, the files
 * VS Code itself reads; the chapter's text is the same in every language.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { ATTENTION_PANEL_STRINGS } from '../../src/common/l10n/webviewStrings';
import { tokenize } from '../../src/common/attention/tokenizer';
import { findCommand } from './support/commands';
import { openFile, selectWithFind } from './support/editor';
import { assertAxesShowTokens, cspViolations, waitForWebview } from './support/webview';
import { openWalkthrough } from './support/walkthrough';
import { useWorkbench, type Workbench } from './support/workbench';

const LANGUAGE = 'zh-cn';
const SENTENCE = '我去了银行。';
const readJson = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as Record<string, string>;
const NLS = readJson(`package.nls.${LANGUAGE}.json`);
const ENGLISH_NLS = readJson('package.nls.json');
const BUNDLE = readJson(`l10n/bundle.l10n.${LANGUAGE}.json`);
/** A panel string as the host hands it over in zh-cn, its {0}… filled in. */
const zh = (key: keyof typeof ATTENTION_PANEL_STRINGS, ...args: (string | number)[]) => {
  const translated = BUNDLE[ATTENTION_PANEL_STRINGS[key]];
  assert.ok(translated, `the zh-cn bundle translates ${key}`);
  return translated.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
};
const HAN = /\p{Script=Han}/u;

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '5-display-language-zh-cn-end', displayLanguage: LANGUAGE });

it('lists Show Attention in the command palette under its Chinese title, and its panel speaks Chinese', async () => {
  const { page } = workbench;
  await openFile(page, 'chinese-examples.md');
  await selectWithFind(page, SENTENCE);

  const category = NLS['command.category'];
  const title = `${category}: ${NLS['command.showAttention.title']}`;
  assert.match(title, HAN, `the zh-cn title is Chinese: ${title}`);
  assert.notEqual(title, `${ENGLISH_NLS['command.category']}: ${ENGLISH_NLS['command.showAttention.title']}`);
  // Typing the category, as a person looking for the extension's commands would.
  const row = await findCommand(page, title, category);
  await workbench.screenshot('5-display-language-zh-cn-palette');
  const label = (await row.getAttribute('aria-label')) ?? '';
  assert.ok(label === title || label.startsWith(`${title}, `), `the palette row reads "${title}": "${label}"`);
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

  const panel = await waitForWebview(page, '.analysis canvas.cells');
  await workbench.screenshot('5-display-language-zh-cn-panel');
  assert.equal(await panel.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang), LANGUAGE);
  const heads = 8; // attentionExplorer.heads, by default
  assert.equal(await panel.locator('.head-selector label').innerText(), zh('headLabel'));
  assert.equal(await panel.locator('#head-select').getAttribute('aria-label'), zh('headSelectLabel'));
  assert.equal((await panel.locator('#head-select vscode-option').first().textContent())?.trim(), zh('averageOfHeads', heads), 'the head selector starts at the average, in Chinese');
  assert.equal(await panel.locator('#mask-select').getAttribute('aria-label'), zh('maskToggleLabel'));
  assert.deepEqual(await panel.locator('.tab').allInnerTexts(), [zh('tabHeatmap'), zh('tabSteps')]);
  assert.equal(await panel.locator('.axis-key').innerText(), zh('axisKey'));
  assert.equal(await panel.locator('.axis-query').innerText(), zh('axisQuery'));
  assert.equal(await panel.locator('.legend-title').innerText(), zh('legendTitle'));
  assert.equal(await panel.locator('.notes-heading').innerText(), zh('notesHeading'));
  for (const text of [zh('headLabel'), zh('averageOfHeads', heads), zh('axisKey'), zh('tabSteps'), zh('maskToggleLabel')]) assert.match(text, HAN, `"${text}" is Chinese`);

  // The analysis itself is the same in every language.
  assert.equal(await panel.locator('.analysed-text').textContent(), SENTENCE);
  await assertAxesShowTokens(panel, tokenize(SENTENCE).map((token) => token.text));
  // The steps view speaks Chinese too; the chapter's sentences are the chapter's.
  await panel.locator('#tab-steps').click();
  await panel.locator('section[data-step="step-8"] figure.mv').waitFor();
  assert.equal(await panel.locator('.step-number').first().innerText(), zh('stepNumber', 1));
  assert.equal(await panel.locator('.step-text').first().innerText(), '对输入句子进行分词。');
  await workbench.screenshot('5-display-language-zh-cn-steps');
  assert.deepEqual(await cspViolations(panel), [], 'the page with its strings runs under the strict CSP');
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});

it('opens the walkthrough under its Chinese title, with Chinese steps', async () => {
  const { page } = workbench;
  const title = NLS['walkthrough.title'];
  assert.match(title, HAN);
  await openWalkthrough(workbench, title);
  const titles = (await page.locator('.gettingStartedSlideDetails .getting-started-step .step-title').allInnerTexts()).map((text) => text.trim());
  const expected = ['showAttention', 'steps', 'glossary', 'chapter', 'paint', 'compare', 'model'].map((id) => NLS[`walkthrough.${id}.title`]);
  assert.deepEqual(titles, expected);
  for (const text of expected) assert.match(text, HAN, `"${text}" is Chinese`);
  await workbench.screenshot('5-display-language-zh-cn-walkthrough');
});
