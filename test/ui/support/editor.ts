/** What a person does in the text editor: open a file, select text, hover a word. */
import type { Locator, Page } from 'playwright-core';
import { runCommand } from './commands';
import type { UiElement, UiGlobals } from './uiGlobals';
import { UI_TIMEOUT_MS } from './workbench';

/** The status bar's "(N selected)" once the editor's selection is `length` characters long. */
export async function waitForSelectionLength(page: Page, length: number): Promise<void> {
  await page.locator('.statusbar-item', { hasText: `(${length} selected)` }).first().waitFor();
}

/** Quick Open (Ctrl+P), the file's name, Enter: resolves once its tab is the active one. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.insertText(name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

/**
 * Selects the first occurrence of `text` the way a person would without the mouse: Find (Ctrl+F)
 * selects the match as you type, Escape closes the widget and leaves the match selected.
 */
export async function selectWithFind(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+F');
  const widget = page.locator('.editor-instance .find-widget.visible');
  await widget.waitFor();
  await page.keyboard.press('Control+A'); // replace whatever Find seeded from the cursor
  // Typed key by key: after a single insertText the editor ignores Escape, as if still composing.
  await page.keyboard.type(text);
  await widget.locator('.matchesCount', { hasText: /^1 of / }).waitFor();
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden' });
  await waitForSelectionLength(page, text.length);
}

/** A new untitled editor holding `text`, all of it selected. */
export async function newUntitledWith(page: Page, text: string): Promise<void> {
  await runCommand(page, 'File: New Untitled Text File');
  // Each editor group has an active tab: with an untitled one already open beside, either may match.
  await page.locator('.tab.active[data-resource-name^="Untitled-"]').first().waitFor();
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
  // Inserted as one input (like a paste), so the editor's auto-closing of quotes and brackets
  // does not change it.
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+A');
  await waitForSelectionLength(page, text.length);
}

/** Where the editor draws `word` on screen (its first occurrence on a visible line). */
async function wordBox(page: Page, word: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const line = page.locator('.editor-instance .view-line', { hasText: word }).first();
  await line.waitFor();
  const box = await line.evaluate((element, wanted) => {
    const { document } = globalThis as unknown as UiGlobals;
    const texts = document.createTreeWalker(element as unknown as UiElement, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height };
    }
    return undefined;
  }, word);
  if (!box) throw new Error(`"${word}" is split across the editor's text spans; pick a word drawn in one piece`);
  return box;
}

/**
 * Rests the mouse on `word` until the editor shows a hover containing `expected`. The pointer is
 * moved off and back on each round: the hover provider may register only once the extension has
 * activated, and the editor asks again only on a fresh mouse move.
 */
export async function hoverWord(page: Page, word: string, expected: string): Promise<Locator> {
  const hover = page.locator('.monaco-hover', { hasText: expected }).filter({ visible: true }).first();
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    const box = await wordBox(page, word);
    await page.mouse.move(box.x - 40, box.y + box.height * 3);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const shown = await hover.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (shown) return hover;
    if (Date.now() > deadline) throw new Error(`no hover with "${expected}" appeared over "${word}"`);
  }
}
