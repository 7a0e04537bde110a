/**
 * A pretrained model in the real workbench, as a reader uses it: a (tiny, generated) BERT in the
 * Hugging Face cache is picked in Choose Model…'s list, Show Attention runs it; the panel names the
 * model, shows the layer × head grid, a click on another layer's head shows that layer, and the
 * special-token and word toggles change the heatmap's axes. Screenshots 8-model-*.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { writeModelFolder } from '../support/models/writeModelFolder';
import { tinyModelFiles } from '../support/models/tinyModel';
import { findCommand, runCommand } from './support/commands';
import { newUntitledWith } from './support/editor';
import { axisLabels, waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';

const LAYERS = 3;
const HEADS = 4;
let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '8-model-end' });

it('runs a model chosen from the Hugging Face cache: label, grid, layers, special tokens and words', async () => {
  const { page } = workbench;
  const cache = process.env.HF_HUB_CACHE;
  assert.ok(cache, 'the UI runner gives the tests a Hugging Face cache of their own');
  writeModelFolder(join(cache, 'models--test-org--tiny-bert', 'snapshots', '0123abcd'), tinyModelFiles({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab', layers: LAYERS, heads: HEADS }));

  // Choose Model…: the cached model is offered, with its sizes.
  await (await findCommand(page, 'Attention Explorer: Choose Model…', 'Choose Model')).click();
  const widget = page.locator('.quick-input-widget');
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'test-org/tiny-bert' });
  await row.waitFor();
  assert.match(await row.innerText(), /BERT · 3 layers × 4 heads/);
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Built-in engine' }).waitFor();
  await workbench.screenshot('8-model-choose');
  await row.click();
  await page.locator('.notifications-toasts', { hasText: 'now runs test-org/tiny-bert' }).waitFor();

  await newUntitledWith(page, 'attention 我去了银行。');
  await page.keyboard.press('Control+A');
  await runCommand(page, 'Attention Explorer: Show Attention');
  const panel = await waitForWebview(page, '.model-grid');
  assert.match(await panel.locator('.engine-label').innerText(), /test-org\/tiny-bert/);
  assert.equal(await panel.locator('.model-grid-cell').count(), LAYERS * (HEADS + 1), 'a cell per layer and head, and each layer\'s average');
  const tokens = (await axisLabels(panel, 'col')).map((label) => label.text);
  assert.deepEqual([tokens[0], tokens[tokens.length - 1]], ['[CLS]', '[SEP]']);
  assert.ok(tokens.includes('##ten'), `the pieces of "attention": ${tokens.join(' ')}`);
  await workbench.screenshot('8-model-panel');

  // Another layer's head, from the grid.
  await panel.locator('tr[data-layer="2"] .model-grid-cell').nth(1).click();
  await panel.locator('tr[data-layer="2"] .model-grid-cell[aria-selected="true"]').waitFor();

  // Special tokens hidden, then the pieces merged into words.
  await panel.locator('#hide-special-toggle').click();
  await waitForAxis(panel, (labels) => !labels.includes('[CLS]'));
  await panel.locator('#merge-words-toggle').click();
  const words = await waitForAxis(panel, (labels) => labels.includes('attention'));
  assert.deepEqual(words, ['attention', '我', '去', '了', '银', '行', '。']);
  assert.ok(await panel.locator('tr[data-layer="2"] .model-grid-cell[aria-selected="true"]').count() === 1, 'still layer 3');
  await workbench.screenshot('8-model-words');

  await (await findCommand(page, 'Attention Explorer: Choose Model…', 'Choose Model')).click();
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Built-in engine' }).click();
  await page.locator('.notifications-toasts', { hasText: 'now runs the built-in engine' }).waitFor();
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});

async function waitForAxis(panel: Awaited<ReturnType<typeof waitForWebview>>, done: (labels: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const labels = (await axisLabels(panel, 'col').catch(() => [])).map((label) => label.text);
    if (done(labels)) return labels;
    if (Date.now() > deadline) throw new Error(`the heatmap's columns did not change as expected: ${labels.join(' ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
