/**
 * The worked example in the real workbench: a reader selects 我去了银行。, runs Show Attention,
 * opens the Steps tab and walks through the chapter's eight steps: the dimension lines for the
 * default config, a cell's arithmetic against the CLI's own numbers for the same text, the token
 * highlighted in the editor, and the causal mask switched in the panel. Screenshots of every step.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'playwright-core';
import { BANK_DIMENSION_LINES, BANK_SENTENCE, CHAPTER_STEPS } from '../fixtures/chapterExample';
import { runCommand } from './support/commands';
import { openFile, selectWithFind } from './support/editor';
import type { UiGlobals } from './support/uiGlobals';
import { waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';
import { readmeScreenshots } from './support/readmeShots';

const SENTENCE = BANK_SENTENCE;
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '5-steps-view-end' });

interface CliHead {
  readonly scores: number[][];
  readonly scaled: (number | null)[][];
  readonly weights: number[][];
}

/** The same analysis through the command line: an independent path to the engine's numbers. */
function cliAnalysis(...flags: string[]): { tokens: { text: string }[]; heads: CliHead[] } {
  return JSON.parse(execFileSync(process.execPath, [CLI, '--json', ...flags, SENTENCE], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

async function cardValue(panel: Frame, scope: string, name: string): Promise<number> {
  return Number(await panel.locator(`${scope} [role="group"] [data-name="${name}"]`).first().getAttribute('data-value'));
}

it("walks through the chapter's eight steps for 我去了银行。 with the engine's numbers, a cell's arithmetic and the causal mask", async () => {
  const { page } = workbench;
  await openFile(page, 'chinese-examples.md');
  await selectWithFind(page, SENTENCE);
  await runCommand(page, 'Attention Explorer: Show Attention');
  let panel = await waitForWebview(page, '.analysis canvas.cells');
  await panel.locator('#tab-steps').click();
  await panel.locator('section[data-step="step-8"] figure.mv').waitFor();

  const steps = (await panel.locator('.step .step-text').allInnerTexts()).slice(0, 8);
  assert.deepEqual(steps, CHAPTER_STEPS);
  assert.deepEqual(await panel.locator('.dimension-line').allInnerTexts(), BANK_DIMENSION_LINES);
  // Each step as the reader sees it: scrolled to the top of the panel, in the whole workbench.
  for (const [i, step] of (await panel.locator('section.step').all()).entries()) {
    await step.evaluate((element) => (element as unknown as { scrollIntoView(options: { block: string }): void }).scrollIntoView({ block: 'start' }));
    await workbench.screenshot(`5-step-${i + 1}`);
  }

  // Hovering a token of step 1 highlights it in the editor.
  const before = await page.locator('.editor-instance .view-overlays .cdr').count();
  await panel.locator('.token-chip').nth(3).hover();
  await page.waitForFunction((count) => (globalThis as unknown as UiGlobals).document.querySelectorAll('.editor-instance .view-overlays .cdr').length > count, before, { timeout: 10_000 });
  await workbench.screenshot('5-steps-token-highlighted');
  await panel.locator('.steps-intro').hover();

  // A cell of step 7: query 银行 (3), key 去了 (2), chosen with the keyboard; head 1.
  const weights = panel.locator('section[data-step="step-7"] canvas.mv-canvas');
  await weights.focus();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'Enter']) await page.keyboard.press(key);
  const scope = 'section[data-step="step-7"] .arithmetic-slot';
  await panel.locator(`${scope} [role="group"]`).waitFor();
  await panel.locator(scope).scrollIntoViewIfNeeded();
  await workbench.screenshot('5-steps-cell-arithmetic');
  await readmeScreenshots(workbench, 'steps-view');
  const cli = cliAnalysis();
  assert.deepEqual(cli.tokens.map((t) => t.text), ['我', '去了', '银行', '。']);
  const head = cli.heads[0];
  assert.equal(await cardValue(panel, scope, 'score'), head.scores[2][1], 'Σ q·k, as the CLI computes it');
  assert.equal(await cardValue(panel, scope, 'scaled'), head.scaled[2][1]);
  assert.equal(await cardValue(panel, scope, 'weight'), head.weights[2][1]);
  const [numerator, denominator] = [await cardValue(panel, scope, 'numerator'), await cardValue(panel, scope, 'denominator')];
  assert.equal(numerator / denominator, head.weights[2][1], 'exp(scaled − max) / Σ row is the weight');

  // The causal mask, switched in the panel: zeros above the diagonal, −∞ before softmax.
  await panel.locator('#mask-select').click();
  await panel.getByRole('option', { name: 'Causal (GPT-style)', exact: true }).click();
  panel = await waitForWebview(page, '.fact dd:text-is("causal")');
  await panel.locator('section[data-step="step-7"] figure.mv').waitFor();
  const causal = cliAnalysis('--mask', 'causal').heads[0];
  const table = async (step: string) => {
    const figure = panel.locator(`section[data-step="${step}"] figure.mv`).first();
    await figure.locator('.mv-table-toggle').click();
    return figure.locator('table.mv-table tbody tr').evaluateAll((rows) => rows.map((row) => Array.from((row as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('td')).map((td) => td.textContent ?? '')));
  };
  const shownWeights = await table('step-7');
  const shownScaled = await table('step-6');
  for (let i = 0; i < 4; i++) {
    for (let j = i + 1; j < 4; j++) {
      assert.equal(shownWeights[i][j], '0', `weight (${i + 1}, ${j + 1}) above the diagonal is 0`);
      assert.equal(shownScaled[i][j], '−∞', `scaled (${i + 1}, ${j + 1}) is −∞ before softmax`);
      assert.equal(causal.weights[i][j], 0);
    }
  }
  assert.equal(shownWeights[0][0], '1', 'the first token can only attend to itself');
  await panel.locator('section[data-step="step-7"]').scrollIntoViewIfNeeded();
  await workbench.screenshot('5-steps-causal');
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});
