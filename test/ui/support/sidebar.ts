/** The activity bar and the tree views of a view container, as a person uses them with the mouse. */
import type { Locator, Page } from 'playwright-core';
import type { UiGlobals } from './uiGlobals';

/** Clicks the activity bar icon titled `title`; resolves once its side bar is showing. */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  await page.locator(`.activitybar .action-item .action-label[aria-label^="${title}"]`).first().click();
  await page.locator('.sidebar .composite.title', { hasText: title }).first().waitFor();
}

/** Resolves after the workbench has painted twice: the list re-renders its rows on a frame. */
function nextFrames(page: Page): Promise<void> {
  return page.evaluate(() => {
    const { requestAnimationFrame } = globalThis as unknown as UiGlobals;
    return new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });
}

/**
 * The row labelled `label` in the tree view titled `view`, scrolled fully into sight with the mouse
 * wheel the way a person would (the tree only renders the rows in sight).
 */
export async function treeRow(page: Page, view: string, label: string): Promise<Locator> {
  const pane = page.locator('.sidebar .pane', { has: page.locator(`.pane-header[aria-label^="${view}"]`) });
  const list = pane.locator('.monaco-list').first();
  await list.locator('.monaco-list-row').first().waitFor();
  const row = list.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
  for (let turns = 0; turns < 50; turns++) {
    const [listBox, rowBox] = await Promise.all([list.boundingBox(), row.isVisible().then((shown) => (shown ? row.boundingBox() : null))]);
    if (!listBox) throw new Error(`the ${view} view is not showing`);
    if (rowBox && rowBox.y >= listBox.y && rowBox.y + rowBox.height <= listBox.y + listBox.height) return row;
    await page.mouse.move(listBox.x + listBox.width / 2, listBox.y + listBox.height / 2);
    await page.mouse.wheel(0, rowBox && rowBox.y < listBox.y ? -60 : 60);
    await nextFrames(page);
  }
  throw new Error(`the ${view} view has no row "${label}"`);
}
