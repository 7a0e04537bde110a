/**
 * A long selection in the real workbench: the reader raises attentionExplorer.maxTokens in
 * settings.json, selects 1,024 words and runs Show Attention: every head's weights reach the page
 * whole (each posted as the worker handed it over, src/common/protocol/chunks.ts), and the tooltip's
 * weight is the command line's for that cell. Then 2,048 words: the panel paints all of it, zooms
 * in (the minimap appears), the exact weights of the view arrive from the workers and the tooltip
 * names the exact cell under the pointer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { readSafetensors } from '../../src/common/export/safetensors';
import { runCli } from './support/cli';
import { runCommand } from './support/commands';
import { newUntitledWith } from './support/editor';
import { setMaxTokens } from './support/settings';
import { waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';

const N = 2048;

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '6-long-selection-end' });

/** Every head's weights (N × N each) as the command line computes them for `text`. */
function cliWeights(text: string, maxTokens: number): Float32Array[] {
  const dir = mkdtempSync(join(tmpdir(), 'attention-long-'));
  try {
    const file = join(dir, 'weights.safetensors');
    runCli(['--max-tokens', String(maxTokens), '--out', file, '--tensors', 'heads.*.weights', text]);
    const { tensors } = readSafetensors(new Uint8Array(readFileSync(file)));
    return [...tensors.keys()].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).map((name) => Float32Array.from(tensors.get(name)!.data));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('paints 1,024 tokens with every head\'s weights whole on the page: the tooltip gives the command line\'s weight', async () => {
  const { page } = workbench;
  const n = 1024;
  await setMaxTokens(page, n);
  const text = Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  await newUntitledWith(page, text);
  await runCommand(page, 'Attention Explorer: Show Attention');
  const panel = await waitForWebview(page, '.analysis canvas.cells', 90_000);
  await panel.locator('.fact', { hasText: String(n) }).first().waitFor();
  const canvas = panel.locator('canvas.cells');
  await canvas.focus();
  // Head 1, as a reader picks it ("]" steps from the average through the maximum to the heads):
  // one head's weights differ more from cell to cell than their average.
  for (let i = 0; i < 2; i++) await page.keyboard.press(']');
  const head = await panel.locator('#head-select').evaluate((select) => (select as unknown as { value: string }).value);
  assert.equal(head, '0', 'head 1 is shown');
  for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  const weights = cliWeights(text, n)[0];
  const tooltip = panel.locator('.tooltip').first();
  const seen = new Set<string>();
  for (let i = 0; i < 16; i++) {
    const [x, y] = [12 + ((i * 37) % 300), 9 + ((i * 53) % 300)];
    await canvas.hover({ position: { x, y } });
    await tooltip.waitFor({ state: 'visible' });
    const [query, key] = await tooltip.locator('.tooltip-index').allInnerTexts();
    const [q, k] = [query, key].map((index) => Number(index.replace(/\D/g, '')) - 1);
    assert.deepEqual(await tooltip.locator('.tooltip-token').allInnerTexts(), [`w${q}`, `w${k}`]);
    const expected = weights[q * n + k];
    const shown = await tooltip.locator('.tooltip-weight').innerText();
    // Shown to 4 decimals.
    assert.ok(Math.abs(Number(shown) - expected) <= 5.1e-5, `cell (${q + 1}, ${k + 1}) of head 1: the tooltip says ${shown}, the command line ${expected}`);
    seen.add(shown);
  }
  assert.ok(seen.size >= 4, `the cells hovered show different weights: ${[...seen].join(', ')}`);
  await workbench.screenshot('6-long-selection-1024');
  await page.keyboard.press('Escape');
  // Back to the text, as a reader goes on: the next file opens beside the panel, not over it.
  await page.locator('.editor-instance .monaco-editor').first().click();
  await setMaxTokens(page, undefined);
});

it(`paints ${N} tokens, zooms in with a minimap, and the tooltip is exact`, async () => {
  const { page } = workbench;
  await setMaxTokens(page, N);
  const words = Array.from({ length: N }, (_, i) => `w${i}`);
  await newUntitledWith(page, words.join(' '));
  await runCommand(page, 'Attention Explorer: Show Attention');
  const panel = await waitForWebview(page, '.analysis canvas.cells', 90_000);
  // The panel may still show the analysis before: wait for this one's.
  await panel.locator('.fact', { hasText: String(N) }).first().waitFor({ timeout: 90_000 });
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
