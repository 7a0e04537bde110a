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
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  await page.locator('.gettingStartedContainer .getting-started-category .category-title, .gettingStartedSlideDetails h2', { hasText: title }).first().waitFor();
}
