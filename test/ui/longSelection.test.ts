/**
 * A long selection in the real workbench: the reader raises attentionExplorer.maxTokens to 2,048
 * in settings.json, selects 2,048 words and runs Show Attention; the panel paints all of it,
 * zooms in (the minimap appears), the exact weights of the view arrive from the workers and the
 * tooltip names the exact cell under the pointer. Then
 * 4,096 words, past what is kept whole: the cost is told in a dialog first, the heatmap is an
 * overview of blocks, and zooming in brings the exact weights from the workers.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { runCommand } from './support/commands';
import { newUntitledWith } from './support/editor';
import { waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';

const N = 2048;

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '6-long-selection-end' });

/**
 * Sets attentionExplorer.maxTokens in the user settings.json, as a user would (Preferences: Open
 * User Settings (JSON), a line after the opening brace, save), and closes it.
 */
async function setMaxTokens(page: Page, value: number | undefined): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  // VS Code opens it as a tab or, in newer versions, in a modal editor: wait for its text either way.
  await page.locator('.monaco-editor.focused .view-line', { hasText: 'workbench.startupEditor' }).first().waitFor();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  if (value === undefined) {
    // Our line is the second: remove it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Shift+K');
  } else {
    await page.keyboard.press('Enter');
    // One input, like a paste: no auto-closed quotes.
    await page.keyboard.insertText(`"attentionExplorer.maxTokens": ${value},`);
  }
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(1000); // saved, and read again by the configuration service
  await page.keyboard.press('Control+W');
  await page.locator('.monaco-editor .view-line', { hasText: 'workbench.startupEditor' }).first().waitFor({ state: 'hidden' });
}

it(`paints ${N} tokens, zooms in with a minimap, and the tooltip is exact`, async () => {
  const { page } = workbench;
  await setMaxTokens(page, N);
  const words = Array.from({ length: N }, (_, i) => `w${i}`);
  await newUntitledWith(page, words.join(' '));
  await runCommand(page, 'Attention Explorer: Show Attention');
  const panel = await waitForWebview(page, '.analysis canvas.cells', 90_000);
  const facts = await panel.locator('.fact').allInnerTexts();
  assert.ok(facts.some((f) => f.replace(/\s+/g, ' ').includes(`${N}`)), `the header counts ${N} tokens: ${facts.join(' | ')}`);
  const painted = await panel.locator('canvas.cells').evaluate((element) => {
    const canvas = element as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<string>();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return { width: canvas.width, colours: colours.size };
  });
  assert.ok(painted.colours >= 3, `the whole matrix is painted (${painted.colours} colours)`);
  await workbench.screenshot('6-long-selection-fit');

  const canvas = panel.locator('canvas.cells');
  await canvas.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('+');
  await panel.locator('.minimap').waitFor({ state: 'visible' });
  // Past 1,024 tokens the page has an overview: the exact weights of the view come from the workers.
  await page.waitForTimeout(500);
  await panel.locator('.heatmap-tile-status').filter({ hasText: /loading/ }).waitFor({ state: 'hidden', timeout: 30_000 });
  await canvas.hover({ position: { x: 5, y: 5 } });
  const tooltip = panel.locator('.tooltip').first();
  await tooltip.waitFor({ state: 'visible' });
  const tokens = await tooltip.locator('.tooltip-token').allInnerTexts();
  assert.equal(tokens.length, 2);
  for (const token of tokens) assert.match(token, /^w\d+$/, `the tooltip names a token of the text: ${tokens.join(', ')}`);
  const weight = Number(await tooltip.locator('.tooltip-weight').innerText());
  assert.ok(weight > 0 && weight < 1, `an exact weight: ${weight}`);
  await workbench.screenshot('6-long-selection-zoomed');
  await page.keyboard.press('Escape');
  await setMaxTokens(page, undefined);
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});

it('tells the cost of 4,096 tokens first, paints their overview, and zoomed in shows exact weights', async () => {
  const { page } = workbench;
  const n = 4096;
  // The last test's text and panel go first: a fresh start, as a user's next document would be.
  await runCommand(page, 'View: Focus First Editor Group');
  await runCommand(page, 'View: Revert and Close Editor');
  await runCommand(page, 'View: Close All Editors');
  await setMaxTokens(page, n);
  await newUntitledWith(page, Array.from({ length: n }, (_, i) => `w${i}`).join(' '));
  await runCommand(page, 'Attention Explorer: Show Attention');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible' });
  const said = (await dialog.innerText()).replace(/\s+/g, ' ');
  assert.match(said, /4,096 tokens is a long selection/);
  assert.match(said, /× 10⁹ multiply-adds, roughly \d+ s/, `the cost is told: ${said}`);
  await workbench.screenshot('6-long-selection-cost');
  await dialog.getByRole('button', { name: 'Compute' }).click();

  const panel = await waitForWebview(page, '.analysis canvas.cells', 120_000);
  assert.match(await panel.locator('.notice.long-selection').innerText(), /4,096 tokens · overview of 512 × 512 blocks of 8 × 8/);
  const canvas = panel.locator('canvas.cells');
  await canvas.hover({ position: { x: 20, y: 20 } });
  const tooltip = panel.locator('.tooltip').first();
  await tooltip.locator('.tooltip-block').waitFor({ state: 'visible' });
  await workbench.screenshot('6-long-selection-overview');

  await canvas.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('+');
  // The exact weights of the view come from the workers (asked 100 ms after the zoom stops), then the tooltip names one cell.
  await page.waitForTimeout(500);
  await panel.locator('.heatmap-tile-status').filter({ hasText: /loading/ }).waitFor({ state: 'hidden', timeout: 30_000 });
  await canvas.hover({ position: { x: 6, y: 6 } });
  await tooltip.locator('.tooltip-token').first().waitFor({ state: 'visible', timeout: 10_000 });
  const tokens = await tooltip.locator('.tooltip-token').allInnerTexts();
  assert.equal(tokens.length, 2, 'one query and one key: an exact cell, not a block');
  const weight = Number(await tooltip.locator('.tooltip-weight').innerText());
  assert.ok(weight > 0 && weight < 1, `an exact weight: ${weight}`);
  await workbench.screenshot('6-long-selection-exact');
  await page.keyboard.press('Escape');
  await setMaxTokens(page, undefined);
  assert.deepEqual(workbench.dialogs, [], 'no browser dialog opened');
});
