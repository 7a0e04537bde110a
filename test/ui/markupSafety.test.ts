/**
 * Text that looks like HTML or script, selected and shown: the panel must show it as plain text,
 * run none of it, and break none of its Content-Security-Policy rules.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Frame } from 'playwright-core';
import { tokenize } from '../../src/common/attention/tokenizer';
import { runCommand } from './support/commands';
import { newUntitledWith, openFile, selectWithFind } from './support/editor';
import type { UiGlobals } from './support/uiGlobals';
import { assertAxesShowTokens, cspViolations, waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';

/** As it stands in sample-workspace/tricky.txt. */
const TRICKY_MARKUP = '<script>alert("xss")</script> <img src=x onerror=alert(1)>';
/** Every way in sets the canary, which no dialog-less sandbox would hide. */
const CANARY_MARKUP =
  '<img src=x onerror="window.__uiCanary=1;top.__uiCanary=1"><script>window.__uiCanary=2</script>' +
  '<a href="javascript:window.__uiCanary=3">click</a><svg onload="window.__uiCanary=4"></svg>';
/** What Chromium logs when a sandboxed frame's script tries to open a dialog. */
const BLOCKED_DIALOG = /Ignored call to '(alert|confirm|prompt)\(\)'/;
const CSP_ERROR = /Content Security Policy/i;

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '4-markup-as-text-end', beforeClose: () => discardUntitled() });

/**
 * Throws away the untitled editor: VS Code keeps a backup of unsaved text on the server and would
 * restore it in the next test file's window.
 */
async function discardUntitled(): Promise<void> {
  const tab = workbench.page.locator('.tab[data-resource-name^="Untitled-"]').first();
  if (!(await tab.isVisible())) return;
  await tab.click();
  await runCommand(workbench.page, 'View: Revert and Close Editor');
  await tab.waitFor({ state: 'detached' });
}

/** Runs Show Attention on the current selection; resolves with the panel once it shows `text`. */
async function showAttentionOf(text: string): Promise<Frame> {
  await runCommand(workbench.page, 'Attention Explorer: Show Attention');
  const panel = await waitForWebview(workbench.page, '.analysis canvas.cells');
  await panel.locator('.analysed-text', { hasText: text.slice(0, 20) }).waitFor();
  return panel;
}

/** The panel shows `text` only as text: quoted whole in the header, token by token in the labels. */
async function assertShownAsText(panel: Frame, text: string): Promise<void> {
  assert.equal(await panel.locator('.analysed-text').textContent(), text, 'the header quotes the selection character for character');
  await assertAxesShowTokens(panel, tokenize(text).map((token) => token.text));
  const injected = await panel.evaluate(() => {
    const { document } = globalThis as unknown as UiGlobals;
    // Where the text is shown (the notes are the chapter's own Markdown, which may hold links).
    const elements = ['.summary', '.heatmap'].flatMap((part) => ['img', 'svg', 'a', 'iframe', 'script'].map((tag) => `${part} ${tag}`));
    const scripts = Array.from(document.scripts).filter((script) => /__uiCanary|xss/.test(script.textContent ?? ''));
    return { elements: document.querySelectorAll(elements.join(', ')).length, scriptsFromText: scripts.length };
  });
  assert.deepEqual(injected, { elements: 0, scriptsFromText: 0 }, 'no element came from the text');
}

/** Nothing ran and the CSP was never broken, in the panel or anywhere in the workbench. */
async function assertNothingRan(panel: Frame): Promise<void> {
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
  assert.deepEqual(workbench.consoleErrorsMatching(BLOCKED_DIALOG), [], 'no script tried to open a dialog');
  assert.deepEqual(await cspViolations(panel), [], 'no CSP violation in the panel');
  assert.deepEqual(workbench.consoleErrorsMatching(CSP_ERROR), [], 'no CSP error in the console');
  for (const frame of workbench.page.frames()) {
    const canary = await frame.evaluate(() => (globalThis as unknown as UiGlobals).__uiCanary).catch(() => undefined);
    assert.equal(canary, undefined, `the canary stays unset in ${frame.url().slice(0, 80)}`);
  }
}

it('markup in a document is shown as plain text and never runs', async () => {
  await openFile(workbench.page, 'tricky.txt');
  await selectWithFind(workbench.page, TRICKY_MARKUP);
  const panel = await showAttentionOf(TRICKY_MARKUP);
  await workbench.screenshot('4-markup-as-text');
  await assertShownAsText(panel, TRICKY_MARKUP);
  await assertNothingRan(panel);
});

it('markup written to set a canary sets nothing, even when its labels are clicked', async () => {
  await newUntitledWith(workbench.page, CANARY_MARKUP);
  const panel = await showAttentionOf(CANARY_MARKUP);
  await assertShownAsText(panel, CANARY_MARKUP);
  // A person clicks around what looks like markup: the labels are text, not links.
  for (const label of await panel.locator('.col-labels .label').all()) await label.click();
  await workbench.screenshot('4-canary-markup');
  await assertNothingRan(panel);
});

it('the CSP watch sees a violation when one happens, so "none" above means none', async () => {
  const panel = await waitForWebview(workbench.page, '.analysis canvas.cells');
  const before = (await cspViolations(panel)).length;
  const reported = workbench.page.waitForEvent('console', { predicate: (message) => CSP_ERROR.test(message.text()) && message.text().includes('blocked.invalid') });
  // An image from a source the panel's CSP does not allow (img-src is only the extension's own).
  await panel.evaluate(() => {
    const { document } = globalThis as unknown as UiGlobals;
    const image = document.createElement('img');
    image.src = 'https://blocked.invalid/probe.png';
    document.body.append(image);
  });
  await panel.waitForFunction((count) => ((globalThis as unknown as UiGlobals).__uiCspViolations ?? []).length > count, before);
  assert.match((await cspViolations(panel)).at(-1) ?? '', /^img-src blocked https:\/\/blocked\.invalid\/probe\.png/, 'the panel\'s listener heard it');
  await reported; // and so did the console, which also covers violations while a page loads
});
