/**
 * A long selection in the real workbench: the reader raises attentionExplorer.maxTokens to 2,048
 * in settings.json, selects 2,048 words and runs Show Attention; the panel paints all of it,
 * zooms in (the minimap appears), the exact weights of the view arrive from the workers and the
 * tooltip names the exact cell under the pointer.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCommand } from './support/commands';
import { newUntitledWith } from './support/editor';
import { setMaxTokens } from './support/settings';
import { waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';

const N = 2048;

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '6-long-selection-end' });

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
