/** The command palette, as a person uses it: F1, the command's title, a click on its row. */
import type { Page } from 'playwright-core';

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').waitFor();
  await page.keyboard.insertText(title);
  // The best match is not always first (e.g. "File: Compare New Untitled Text Files"): pick the
  // row titled exactly so; its label may go on with ", <keybinding>".
  const row = widget.locator(`.quick-input-list .monaco-list-row:is([aria-label="${title}"], [aria-label^="${title}, "])`).first();
  await row.click();
  await widget.waitFor({ state: 'hidden' });
}
