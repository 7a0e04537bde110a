/**
 * A new user opens the extension's walkthrough (Help → Welcome, "Open Walkthrough…") and finds the
 * seven first steps, each with its picture and a button; a step's button runs its command, and the
 * step is then ticked off. The titles are read from package.nls.json, the file VS Code reads.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { openWalkthrough } from './support/walkthrough';
import { waitForWebview } from './support/webview';
import { UI_TIMEOUT_MS, useWorkbench, type Workbench } from './support/workbench';

const NLS = JSON.parse(readFileSync(new URL('../../package.nls.json', import.meta.url), 'utf8')) as Record<string, string>;
const STEPS = ['showAttention', 'steps', 'glossary', 'chapter', 'paint', 'compare', 'model'];

let workbench: Workbench;

/**
 * The markup of the chosen step's picture. VS Code draws it in a webview that it replaces when the
 * step changes, so the frame found may still be the last step's, or go away while it is read: wait
 * for a picture other than `previous`.
 */
async function stepPicture(page: Page, previous: string | undefined): Promise<string> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    const frame = await waitForWebview(page, 'svg');
    const markup = await frame.locator('svg').first().evaluate((svg) => svg.outerHTML).catch(() => undefined);
    if (markup !== undefined && markup !== previous) return markup;
    if (Date.now() > deadline) throw new Error(`the picture did not change within ${UI_TIMEOUT_MS / 1000} s`);
    await page.waitForTimeout(250);
  }
}

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '9-walkthrough-end' });

it('opens the walkthrough with its seven steps, pictures and buttons; a button runs its step', async () => {
  const { page } = workbench;
  // The pictures are shown beside the steps only where the editor is wide enough: the side bar is closed.
  await page.keyboard.press('Control+B');
  await openWalkthrough(workbench, NLS['walkthrough.title']);
  const steps = page.locator('.gettingStartedSlideDetails .getting-started-step');
  await steps.first().waitFor();
  const titles = (await steps.locator('.step-title').allInnerTexts()).map((title) => title.trim());
  assert.deepEqual(titles, STEPS.map((id) => NLS[`walkthrough.${id}.title`]));
  await workbench.screenshot('9-walkthrough');

  // Each step, chosen, shows its description, and its own picture beside it (VS Code draws an SVG in a webview).
  let picture: string | undefined;
  for (const [i, id] of STEPS.entries()) {
    await steps.nth(i).locator('.step-title').click();
    const description = await steps.nth(i).innerText();
    assert.ok(description.includes(NLS[`walkthrough.${id}.description`].split('\n')[0].slice(0, 40)), `step ${id} shows its description`);
    picture = await stepPicture(page, picture);
    assert.ok(picture.split('<rect').length - 1 > 5, `step ${id} shows its picture`);
  }
  await workbench.screenshot('9-walkthrough-picture');

  // The first step's button analyses the chapter's sentences, and the step is then done.
  await steps.nth(0).locator('.step-title').click();
  const button = steps.nth(0).locator('.button-link, vscode-button, a.button-link, .monaco-button').filter({ hasText: "Try It on the Chapter's Sentences" }).first();
  await button.click();
  await waitForWebview(page, '.analysis canvas.cells');
  await workbench.screenshot('9-walkthrough-try-it');
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});
