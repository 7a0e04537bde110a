/**
 * The README's screenshots, made by the UI tests so they always show the extension as it is: the
 * workbench as it stands, in VS Code's default dark and light themes, saved as
 * test-artifacts/ui/readme/<name>-dark.png and <name>-light.png. When the UI tests pass, their
 * runner copies them into docs/screenshots/, which the README shows (test/unit/readme.test.ts
 * checks that every one it shows is there).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { findCommand } from './commands';
import { ARTIFACTS, type Workbench } from './workbench';

export const README_SHOTS = `${ARTIFACTS}readme/`;

const THEMES = { dark: 'Dark Modern', light: 'Light Modern' } as const;

/** Chooses a colour theme as a person does: Preferences: Color Theme, its name, Enter. */
export async function chooseColorTheme(page: Page, theme: keyof typeof THEMES): Promise<void> {
  const row = await findCommand(page, 'Preferences: Color Theme');
  await row.click();
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').waitFor();
  await page.keyboard.insertText(THEMES[theme]);
  await widget.locator(`.quick-input-list .monaco-list-row[aria-label^="${THEMES[theme]}"]`).first().waitFor();
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
  await page.locator(theme === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').first().waitFor();
  await page.waitForTimeout(500); // webviews repaint their canvases with the new colours
}

/**
 * Screenshots `name` in dark, then light, and goes back to the theme the workbench had, so the
 * tests after it see the theme they expect. `prepare`, if given, runs after each theme change
 * (a hover that the theme change closed, say).
 */
export async function readmeScreenshots(workbench: Workbench, name: string, prepare?: () => Promise<void>): Promise<void> {
  const { page } = workbench;
  mkdirSync(README_SHOTS, { recursive: true });
  const wasDark = await page.locator('.monaco-workbench.vs-dark').count() > 0;
  for (const theme of ['dark', 'light'] as const) {
    await chooseColorTheme(page, theme);
    await prepare?.();
    await page.screenshot({ path: `${README_SHOTS}${name}-${theme}.png` });
  }
  if (wasDark) await chooseColorTheme(page, 'dark');
}
