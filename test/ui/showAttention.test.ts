/**
 * A reader opens a sample document, selects a sentence, runs "Attention Explorer: Show Attention"
 * from the command palette and reads the panel: a painted heatmap labelled with the sentence's
 * tokens, beside the chapter's notes.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { tokenize } from '../../src/common/attention/tokenizer';
import { runCommand } from './support/commands';
import { openFile, selectWithFind } from './support/editor';
import { assertAxesShowTokens, axisLabels, heatmapPixels, waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';
import { readmeScreenshots } from './support/readmeShots';

const SENTENCE = '我去了银行。';

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '1-show-attention-end' });

it('shows a painted heatmap of the selected sentence, labelled with its tokens, beside the chapter notes', async () => {
  const { page } = workbench;
  await openFile(page, 'chinese-examples.md');
  await selectWithFind(page, SENTENCE);
  await runCommand(page, 'Attention Explorer: Show Attention');

  const panel = await waitForWebview(page, '.analysis canvas.cells');
  await page.locator('.tab.active[aria-label^="Attention: chinese-examples.md"]').waitFor();
  await workbench.screenshot('1-show-attention');
  await readmeScreenshots(workbench, 'panel');

  assert.equal(await panel.locator('.analysed-text').textContent(), SENTENCE, 'the header quotes the selection');
  const tokens = tokenize(SENTENCE).map((token) => token.text);
  assert.ok(tokens.length >= 3, `the sentence has several tokens: ${tokens.join(' | ')}`);
  await assertAxesShowTokens(panel, tokens);
  assert.equal((await axisLabels(panel, 'row')).length, tokens.length, 'a short sentence has a label for every token');

  const pixels = await heatmapPixels(panel, tokens.length);
  assert.ok(pixels.width >= tokens.length * 8 && pixels.height === pixels.width, `a square canvas with room for its cells: ${pixels.width}×${pixels.height}`);
  assert.ok(
    pixels.cellCentres.every((colour) => colour.endsWith(',255')),
    `every cell is painted opaque: ${pixels.cellCentres.join(' ')}`,
  );
  assert.ok(new Set(pixels.cellCentres).size >= 3, `the cells are not one uniform colour: ${pixels.cellCentres.join(' ')}`);
  assert.ok(pixels.distinctColours >= 3, 'the canvas is not blank');
  const box = await panel.locator('canvas.cells').boundingBox();
  assert.ok(box && box.width > 50, 'the heatmap is on screen');

  const noteTitles = (await panel.locator('.notes .note-title > span:first-child').allTextContents()).map((title) => title.trim());
  assert.ok(noteTitles.includes('计算注意力的步骤'), `the notes include the chapter's steps of computing attention: ${noteTitles.join(', ')}`);
  const steps = panel.locator('.notes .note[data-section-id]', { hasText: '计算注意力的步骤' }).first();
  assert.ok(await steps.isVisible(), 'the steps note is shown');
  assert.ok(((await steps.textContent()) ?? '').length > 100, 'the note carries the chapter text, not just its title');
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});
