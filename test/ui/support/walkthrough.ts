/** The Welcome page's walkthroughs, as a person opens one. */
import type { Workbench } from './workbench';
import { findCommand } from './commands';

/** Welcome: Open Walkthrough…, then ours by its title. */
export async function openWalkthrough(workbench: Workbench, title: string): Promise<void> {
  const { page } = workbench;
  // The command asks which walkthrough in a Quick Pick of its own.
  await (await findCommand(page, 'Welcome: Open Walkthrough...', 'Open Walkthrough')).click();
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.insertText(title);
  // Enter, not a click: the row's hover (its description) can come up over the row and stay there
  // under the pointer, and a click then waits for it for ever (seen in CI).
  await widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.gettingStartedContainer .getting-started-category .category-title, .gettingStartedSlideDetails h2', { hasText: title }).first().waitFor();
}
