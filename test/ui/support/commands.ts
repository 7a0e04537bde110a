/** The command palette, as a person uses it: F1, the command's title, a click on its row. */
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './workbench';

export async function runCommand(page: Page, title: string, typed = title): Promise<void> {
  const row = await findCommand(page, title, typed);
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * F1, `typed` into the palette, and the row titled exactly `title` (as its aria-label reads:
 * "Category: Title", maybe followed by ", <keybinding>"), once it is listed. The palette stays open.
 * The palette lists the commands known when it opens: right after the workbench appears, the
 * extensions' contributions may not be in yet, so a palette without the row is closed and opened again.
 */
export async function findCommand(page: Page, title: string, typed = title): Promise<Locator> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    await page.keyboard.press('F1');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('input').waitFor();
    await page.keyboard.insertText(typed);
    // The best match is not always first (e.g. "File: Compare New Untitled Text Files"): pick the
    // row titled exactly so.
    const row = widget.locator(`.quick-input-list .monaco-list-row:is([aria-label="${title}"], [aria-label^="${title}, "])`).first();
    const listed = await row.waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (listed) return row;
    if (Date.now() > deadline) throw new Error(`the command palette does not list "${title}"`);
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
  }
}
