/**
 * The VS Code workbench that scripts/vscode/run-ui-tests.mjs started (code-server with the extension
 * linked in), opened in a fresh headless Chromium as a person would open it, with a record of what
 * must never happen: dialogs, uncaught page errors, console errors and CSP violations in any frame.
 */
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/vscode/chromium.mjs';

/** Set by the runner: the workbench URL, with the sample workspace as its folder. */
const URL_VARIABLE = 'ATTENTION_EXPLORER_UI_URL';
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/ui/', import.meta.url));

/** The machine has two cores and may be busy: VS Code's own reactions get this long. */
export const UI_TIMEOUT_MS = 45_000;

/**
 * Runs in every frame before its scripts, webviews included, and records CSP violations in
 * `__uiCspViolations` (see uiGlobals.ts). VS Code writes a webview's HTML into its frame with
 * document.open(), which erases the window's listeners: the listener is added again after it.
 * Plain JavaScript in a string: tsx's helpers (e.g. __name) do not exist in the page.
 */
const CSP_RECORDER = `(() => {
  if (window.__uiCspViolations) return;
  const seen = (window.__uiCspViolations = []);
  const record = (event) => seen.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
  const listen = () => window.addEventListener('securitypolicyviolation', record, true);
  const open = Document.prototype.open;
  Document.prototype.open = function (...args) {
    const result = open.apply(this, args);
    listen();
    return result;
  };
  listen();
})();`;

/**
 * Makes the workbench run in another display language: VS Code's page takes it only from this
 * global, which code-server sets only with an installed language pack (none can be downloaded
 * here). Then `vscode.env.language` is that language, extensions get their package.nls.<lang>.json
 * and l10n bundle; VS Code's own UI stays English, having no translations of its own.
 */
const displayLanguageScript = (language: string) => `globalThis._VSCODE_NLS_LANGUAGE = ${JSON.stringify(language)};`;

export interface WorkbenchOptions {
  /** VS Code's display language, e.g. "zh-cn"; English when not given. */
  readonly displayLanguage?: string;
}

export class Workbench {
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly closeBrowser: () => Promise<void>,
  ) {}

  /** A fresh browser profile on the workbench, shown once the explorer lists the workspace. */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const url = process.env[URL_VARIABLE];
    if (!url) throw new Error(`${URL_VARIABLE} is not set: run the UI tests with \`node scripts/vscode/run-ui-tests.mjs\`.`);
    const browser = await launchChromium();
    const workbench = new Workbench(browser.page, browser.close);
    try {
      const { context, page } = browser;
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      await context.addInitScript({ content: CSP_RECORDER });
      if (options.displayLanguage) await context.addInitScript({ content: displayLanguageScript(options.displayLanguage) });
      page.on('dialog', (dialog) => {
        workbench.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => {});
      });
      page.on('pageerror', (error) => workbench.pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') workbench.consoleErrors.push(message.text());
      });
      await page.goto(url);
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
      return workbench;
    } catch (error) {
      await workbench.close();
      throw error;
    }
  }

  /** Console errors matching `pattern`, from the workbench or any webview. */
  consoleErrorsMatching(pattern: RegExp): string[] {
    return this.consoleErrors.filter((text) => pattern.test(text));
  }

  /** The whole workbench as a PNG in test-artifacts/ui/. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = `${ARTIFACTS}${name}.png`;
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.closeBrowser();
  }
}

/**
 * The hooks every UI test file needs: one workbench (its own Chromium profile) for the file; after
 * its tests, a final screenshot, `beforeClose` (tidying up), and closing the browser.
 */
export function useWorkbench(
  file: { started(workbench: Workbench): void; endScreenshot: string; beforeClose?: () => Promise<void> } & WorkbenchOptions,
): void {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await Workbench.open({ displayLanguage: file.displayLanguage });
    file.started(workbench);
  });
  after(async () => {
    await workbench?.screenshot(file.endScreenshot).catch(() => {});
    await file.beforeClose?.().catch(() => {});
    await workbench?.close();
  });
}
