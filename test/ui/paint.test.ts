/**
 * Attention painted on the document, in the real workbench: Show Attention on a sentence, the
 * cursor on a token, and the editor's own decorations read back from its DOM (how many layers of
 * the paint colour cover each token, their opacity, where they lie) against weights computed
 * independently by the CLI. Then the status bar item's quick pick (attention to the token, Clear),
 * an edit that ends the paint, and a multi-line CRLF selection painted on the right characters.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { tokenize, type Token } from '../../src/common/attention/tokenizer';
import { PAINT_LEVELS } from '../../src/common/paint/paintLevels';
import { findCommand, runCommand } from './support/commands';
import { hoverWord, newUntitledWith, openFile, selectWithFind } from './support/editor';
import { readmeScreenshots } from './support/readmeShots';
import { waitForWebview } from './support/webview';
import { UI_TIMEOUT_MS, useWorkbench, type Workbench } from './support/workbench';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SENTENCE = 'The animal did not cross the street because it was too tired.';

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: 'paint-end' });

/** The heads' average of the CLI's weights (the panel's default head), N × N. */
function averageWeights(text: string): number[][] {
  const { heads } = JSON.parse(execFileSync(process.execPath, [CLI, '--json', text], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { heads: { weights: number[][] }[] };
  return heads[0].weights.map((row, q) => row.map((_, k) => heads.reduce((sum, head) => sum + head.weights[q][k], 0) / heads.length));
}

/** What the editor draws over one token. */
interface TokenPaint {
  /** How many overlays in the paint colour cover its middle. */
  readonly layers: number;
  /** The opacity they add up to. */
  readonly alpha: number;
  /** Whether it is outlined as the token the paint comes from. */
  readonly outlined: boolean;
  /** Where the token's characters are, and the paint's overlays over it (px). */
  readonly text: { readonly left: number; readonly right: number };
  readonly paint?: { readonly left: number; readonly right: number };
}

/**
 * Plain JavaScript run in the workbench (tsx's helpers do not exist there): for each token, given
 * as a line's text and columns in it, the paint overlays over it. The paint colours are the theme's,
 * resolved by the page itself from the CSS variables VS Code sets for contributed colours.
 */
const READ_PAINT = `(tokens) => {
  const probe = document.createElement('div');
  document.querySelector('.monaco-workbench').appendChild(probe);
  probe.style.background = 'var(--vscode-attentionExplorer-paintBackground)';
  probe.style.border = '1px solid var(--vscode-attentionExplorer-paintSourceBorder)';
  const paint = getComputedStyle(probe).backgroundColor;
  const border = getComputedStyle(probe).borderTopColor;
  probe.remove();
  const flat = (element) => element.textContent.replace(/\\u00a0/g, ' ');
  const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')];
  const overlays = [...document.querySelectorAll('.editor-instance .view-overlays .cdr')].map((element) => ({ box: element.getBoundingClientRect(), style: getComputedStyle(element) }));
  return tokens.map(({ line, start, end }) => {
    const element = lines.find((candidate) => flat(candidate) === line);
    if (!element) return undefined;
    const walker = document.createTreeWalker(element, 4);
    const range = document.createRange();
    let at = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (start >= at && start <= at + node.data.length) range.setStart(node, start - at);
      if (end >= at && end <= at + node.data.length) { range.setEnd(node, end - at); break; }
      at += node.data.length;
    }
    const text = range.getBoundingClientRect();
    const x = text.left + text.width / 2;
    const y = text.top + text.height / 2;
    const over = overlays.filter(({ box }) => box.left <= x && box.right >= x && box.top <= y && box.bottom >= y);
    const layers = over.filter(({ style }) => style.backgroundColor === paint);
    const alpha = 1 - layers.reduce((clear, { style }) => clear * (1 - Number((style.backgroundColor.match(/rgba?\\(([^)]*)\\)/)[1].split(',')[3] ?? '1'))), 1);
    const outlined = over.some(({ style }) => style.borderTopStyle === 'solid' && style.borderTopColor === border);
    const result = { layers: layers.length, alpha, outlined, text: { left: text.left, right: text.right } };
    if (layers.length > 0) result.paint = { left: Math.min(...layers.map(({ box }) => box.left)), right: Math.max(...layers.map(({ box }) => box.right)) };
    return result;
  });
}`;

/** A token of `text` (LF or CRLF) as the page finds it: its line's text and its columns there. */
function onLine(text: string, token: Token): { line: string; start: number; end: number } {
  const lineStart = Math.max(text.lastIndexOf('\n', token.start - 1) + 1, 0);
  const lineEnd = text.indexOf('\r\n', lineStart) >= 0 ? text.indexOf('\r\n', lineStart) : text.length;
  return { line: text.slice(lineStart, lineEnd), start: token.start - lineStart, end: token.end - lineStart };
}

async function readPaint(page: Page, text: string, tokens: readonly Token[]): Promise<TokenPaint[]> {
  const found = (await page.evaluate(`(${READ_PAINT})(${JSON.stringify(tokens.map((token) => onLine(text, token)))})`)) as (TokenPaint | undefined)[];
  assert.ok(found.every((paint) => paint !== undefined), 'every token\'s line is on screen');
  return found as TokenPaint[];
}

/** Waits until the paint comes from token `from` and has settled (two readings alike). */
async function paintFrom(page: Page, text: string, tokens: readonly Token[], from: number): Promise<TokenPaint[]> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let last = '';
  for (;;) {
    const paint = await readPaint(page, text, tokens);
    const reading = JSON.stringify(paint.map((token) => [token.layers, token.outlined]));
    if (paint[from].outlined && paint.filter((token) => token.outlined).length === 1 && reading === last) return paint;
    if (Date.now() > deadline) throw new Error(`the paint did not come from "${tokens[from].text}": ${reading}`);
    last = reading;
    await page.waitForTimeout(200);
  }
}

/** Each token painted as its weight says: ⌊8·w/max⌉ layers, more opaque for more weight, over its own characters. */
function assertPaintFollows(paint: readonly TokenPaint[], weights: readonly number[], tokens: readonly Token[], what: string): void {
  const max = Math.max(...weights);
  const shown = tokens.map((token, i) => `${token.text}: w ${weights[i].toFixed(4)} → ${paint[i].layers} layers, α ${paint[i].alpha.toFixed(3)}`).join('; ');
  for (const [i, token] of tokens.entries()) {
    // The CLI's weights are float64, the extension's float32: a weight at a step's edge may round either way.
    assert.ok(Math.abs(paint[i].layers - (PAINT_LEVELS * weights[i]) / max) <= 0.5 + 1e-3, `${what}: "${token.text}" has the layers of its weight (${shown})`);
    // The editor draws touching ranges of one decoration as one overlay: each starts and ends where a token does.
    const box = paint[i].paint;
    const boundary = (x: number) => paint.some((other) => Math.abs(other.text.left - x) < 1.5 || Math.abs(other.text.right - x) < 1.5);
    if (box) {
      const where = `paint ${box.left}–${box.right}, text ${paint[i].text.left}–${paint[i].text.right}`;
      assert.ok(box.left < paint[i].text.left + 1.5 && box.right > paint[i].text.right - 1.5 && boundary(box.left) && boundary(box.right), `${what}: "${token.text}" is painted over its own characters: ${where}`);
    }
    for (const [j] of tokens.entries()) {
      if (weights[i] > weights[j] + 1e-6) assert.ok(paint[i].alpha >= paint[j].alpha, `${what}: "${token.text}" is no paler than "${tokens[j].text}" (${shown})`);
    }
  }
  assert.equal(paint[weights.indexOf(max)].layers, PAINT_LEVELS, `${what}: the largest weight gets every layer`);
  assert.ok(new Set(paint.map((token) => token.layers)).size >= 3, `${what}: the tint tells weights apart (${shown})`);
}

/** The cursor at `offset` of the editor's first line, moved there with the keyboard. */
async function cursorTo(page: Page, offset: number): Promise<void> {
  await focusText(page);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
}

/** Clicks the paint's status bar item and picks the row reading `row`. */
async function pickFromStatusBar(page: Page, row: string, screenshot?: string): Promise<void> {
  await page.locator('.statusbar-item:has(.codicon-paintcan)').click();
  const widget = page.locator('.quick-input-widget');
  if (screenshot) {
    await widget.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await workbench.screenshot(screenshot);
  }
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().click();
  await widget.waitFor({ state: 'hidden' });
}

/** A click on the text (at the start of its first line on screen): the keyboard goes to the editor, after a quick pick or the panel. */
async function focusText(page: Page): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 } });
}

async function showAttention(page: Page): Promise<void> {
  await runCommand(page, 'Attention Explorer: Show Attention');
  await waitForWebview(page, '.analysis canvas.cells');
  await focusText(page);
}

it('paints the weights of the token under the cursor, from it and to it, says them on hover, clears on Clear, turns off and on, and ends at an edit', async () => {
  const { page } = workbench;
  const tokens = tokenize(SENTENCE);
  const weights = averageWeights(SENTENCE);
  const animal = tokens.findIndex((token) => token.text === 'animal');
  assert.deepEqual(tokens.map((token) => token.text).slice(0, 3), ['The', 'animal', 'did']);

  await newUntitledWith(page, SENTENCE);
  await showAttention(page);
  await cursorTo(page, tokens[animal].start);
  await page.locator('.statusbar-item', { hasText: 'built-in · average of heads · from "animal"' }).waitFor();
  const from = await paintFrom(page, SENTENCE, tokens, animal);
  assertPaintFollows(from, weights[animal], tokens, 'from "animal" (its row)');
  await workbench.screenshot('paint-from-animal');

  // The hover on a painted token says its weight.
  const street = tokens.findIndex((token) => token.text === 'street');
  const hover = await hoverWord(page, 'street', 'Attention from "animal" to "street"');
  const hoverText = (await hover.textContent()) ?? '';
  // The hover's text, spaces and all, is shown as written (VS Code keeps them as no-break spaces).
  const said = Number(/"street":\s(\d\.\d{4})/.exec(hoverText)?.[1]);
  assert.ok(Math.abs(said - weights[animal][street]) < 2e-4, `the hover's weight ${said} is the CLI's ${weights[animal][street]}: ${hoverText}`);
  await workbench.screenshot('paint-hover');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // Attention to "animal": its column.
  await pickFromStatusBar(page, 'To the token', 'paint-quick-pick');
  await page.locator('.statusbar-item', { hasText: 'average of heads · to "animal"' }).waitFor();
  const column = weights.map((row) => row[animal]);
  const to = await paintFrom(page, SENTENCE, tokens, animal);
  assertPaintFollows(to, column, tokens, 'to "animal" (its column)');
  assert.notDeepEqual(to.map((token) => token.layers), from.map((token) => token.layers), 'the column paints otherwise than the row');
  await workbench.screenshot('paint-to-animal');

  // Clear: nothing painted; the cursor on another token paints again.
  await pickFromStatusBar(page, 'Clear the Paint');
  await page.locator('.statusbar-item', { hasText: /average of heads · to\s*$/ }).waitFor();
  const cleared = await readPaint(page, SENTENCE, tokens);
  assert.deepEqual(cleared.map((token) => [token.layers, token.outlined]), tokens.map(() => [0, false]), 'Clear removes the paint');
  const street0 = tokens[street].start;
  await cursorTo(page, street0);
  await paintFrom(page, SENTENCE, tokens, street);

  // Painting off: nothing painted wherever the cursor goes; on again: the cursor's token is painted.
  await pickFromStatusBar(page, 'Turn Painting Off');
  await page.locator('.statusbar-item', { hasText: 'Attention paint off' }).waitFor();
  await cursorTo(page, tokens[animal].start);
  await page.waitForTimeout(500);
  assert.deepEqual((await readPaint(page, SENTENCE, tokens)).filter((token) => token.layers > 0 || token.outlined), [], 'painting off paints nothing');
  await pickFromStatusBar(page, 'Turn Painting On');
  await page.locator('.statusbar-item', { hasText: 'to "animal"' }).waitFor();
  await paintFrom(page, SENTENCE, tokens, animal);
  await cursorTo(page, street0);
  await paintFrom(page, SENTENCE, tokens, street);

  // An edit in the analysed text ends the paint: its tokens no longer name these characters.
  await page.keyboard.type('x');
  await page.locator('.statusbar-item', { hasText: 'Attention paint: the text was edited' }).waitFor();
  const edited = SENTENCE.slice(0, street0) + 'x' + SENTENCE.slice(street0);
  const after = await readPaint(page, edited, tokenize(edited));
  assert.deepEqual(after.filter((token) => token.layers > 0 || token.outlined), [], 'an edit clears the paint');
  await workbench.screenshot('paint-edited');
  await page.keyboard.press('Control+Z');
  await pickFromStatusBar(page, 'From the token');
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});

it('paints the right characters of a multi-line selection in a CRLF document', async () => {
  const { page } = workbench;
  const lines = ['河边的风很大。', '我去了银行取钱，', '然后沿着河边走回家。'];
  await newUntitledWith(page, lines.join('\n'));
  await (await findCommand(page, 'Change End of Line Sequence')).click();
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'CRLF' }).first().click();
  await widget.waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item', { hasText: /^CRLF$/ }).waitFor();
  const text = lines.join('\r\n');
  await page.keyboard.press('Control+A');
  await showAttention(page);

  const tokens = tokenize(text);
  const weights = averageWeights(text);
  // The cursor on 银行 of line 2: after a CRLF, two characters in VS Code's offsets.
  const target = tokens.findIndex((token) => token.text === '银行');
  assert.ok(target > 0, `银行 is a token: ${tokens.map((token) => token.text).join(' | ')}`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < tokens[target].start - (text.indexOf('\r\n') + 2); i++) await page.keyboard.press('ArrowRight');
  await page.locator('.statusbar-item', { hasText: 'from "银行"' }).waitFor();
  const paint = await paintFrom(page, text, tokens, target);
  assertPaintFollows(paint, weights[target], tokens, 'a CRLF document, from 银行 of line 2');
  assert.ok(paint.some((token, i) => token.layers > 0 && tokens[i].start < text.indexOf('\r\n')), 'tokens of the first line are painted too');
  assert.ok(paint.some((token, i) => token.layers > 0 && tokens[i].start > text.lastIndexOf('\r\n')), 'and of the last line');
  await workbench.screenshot('paint-crlf');
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});

it('paints the sample document (the README\'s screenshots)', async () => {
  const { page } = workbench;
  await openFile(page, 'paint-attention.md');
  await page.keyboard.press('Control+B'); // the side bar closed: room for the sentence (and for Find's count)
  await selectWithFind(page, SENTENCE);
  await showAttention(page);
  // Back to the sentence: Go to Line puts the cursor at its start, then to the end of "animal", word by word.
  const line = readFileSync(new URL('../../sample-workspace/paint-attention.md', import.meta.url), 'utf8').split('\n').indexOf(SENTENCE) + 1;
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.insertText(String(line));
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Control+ArrowRight');
  const item = page.locator('.statusbar-item', { hasText: 'built-in · average of heads · from "animal"' });
  await item.waitFor();
  await page.waitForTimeout(300); // the decorations are drawn on the next frame
  await page.mouse.move(20, 450);
  await readmeScreenshots(workbench, 'painted-document', async () => {
    await page.mouse.move(20, 450); // off the editor and its toolbar: no tooltip in the picture
    await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await item.waitFor();
  });
  assert.ok(await item.isVisible(), 'the paint\'s status bar item is on screen');
});
