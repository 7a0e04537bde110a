/**
 * A long selection in the real workbench: 4,096 words, past the 2,048 tokens whose matrices can be
 * made. The cost is told in a dialog first; the heatmap is an overview of blocks; zooming in brings
 * the exact weights of the view from the workers, and the tooltip names one cell.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCommand } from './support/commands';
import { newUntitledWith } from './support/editor';
import { setMaxTokens } from './support/settings';
import { waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '7-long-blockwise-end' });

it('tells the cost of 4,096 tokens first, paints their overview, and zoomed in shows exact weights', async () => {
  const { page } = workbench;
  const n = 4096;
  await setMaxTokens(page, n);
  await newUntitledWith(page, Array.from({ length: n }, (_, i) => `w${i}`).join(' '));
  await runCommand(page, 'Attention Explorer: Show Attention');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible' });
  const said = (await dialog.innerText()).replace(/\s+/g, ' ');
  assert.match(said, /4,096 tokens is a long selection/);
  assert.match(said, /× 10⁹ multiply-adds, roughly \d+ s/, `the cost is told: ${said}`);
  await workbench.screenshot('7-long-blockwise-cost');
  await dialog.getByRole('button', { name: 'Compute' }).click();

  const panel = await waitForWebview(page, '.analysis canvas.cells', 120_000);
  assert.match(await panel.locator('.notice.long-selection').innerText(), /4,096 tokens · overview of 512 × 512 blocks of 8 × 8/);
  const canvas = panel.locator('canvas.cells');
  await canvas.hover({ position: { x: 20, y: 20 } });
  const tooltip = panel.locator('.tooltip').first();
  await tooltip.locator('.tooltip-block').waitFor({ state: 'visible' });
  await workbench.screenshot('7-long-blockwise-overview');

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
  await workbench.screenshot('7-long-blockwise-exact');
  await page.keyboard.press('Escape');
  await setMaxTokens(page, undefined);
  assert.deepEqual(workbench.dialogs, [], 'no browser dialog opened');
});
