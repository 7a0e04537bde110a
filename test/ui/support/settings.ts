/** Settings as a user changes them: in the user settings.json. */
import type { Page } from 'playwright-core';
import { runCommand } from './commands';

/**
 * Sets attentionExplorer.maxTokens in the user settings.json, as a user would (Preferences: Open
 * User Settings (JSON), a line after the opening brace, save), and closes it.
 */
export async function setMaxTokens(page: Page, value: number | undefined): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  // VS Code opens it as a tab or, in newer versions, in a modal editor: wait for its text either way.
  await page.locator('.monaco-editor.focused .view-line', { hasText: 'workbench.startupEditor' }).first().waitFor();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  if (value === undefined) {
    // Our line is the second: remove it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Shift+K');
  } else {
    await page.keyboard.press('Enter');
    // One input, like a paste: no auto-closed quotes.
    await page.keyboard.insertText(`"attentionExplorer.maxTokens": ${value},`);
  }
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(1000); // saved, and read again by the configuration service
  await page.keyboard.press('Control+W');
  await page.locator('.monaco-editor .view-line', { hasText: 'workbench.startupEditor' }).first().waitFor({ state: 'hidden' });
}
