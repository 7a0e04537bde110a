/** The command palette, as a person uses it: F1, the command's title, a click on its row. */
import type { Locator, Page } from 'playwright-core';

export async function runCommand(page: Page, title: string, typed = title): Promise<void> {
  const row = await findCommand(page, title, typed);
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * F1, `typed` into the palette, and the row titled exactly `title` (as its aria-label reads:
 * "Category: Title", maybe followed by ", <keybinding>"), once it is listed. The palette stays open.
 */
export async function findCommand(page: Page, title: string, typed = title): Promise<Locator> {
  await page.keyboard.press('F1');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').waitFor();
  await page.keyboard.insertText(typed);
  // The best match is not always first (e.g. "File: Compare New Untitled Text Files"): pick the
  // row titled exactly so.
  const row = widget.locator(`.quick-input-list .monaco-list-row:is([aria-label="${title}"], [aria-label^="${title}, "])`).first();
  await row.waitFor();
  return row;
}
