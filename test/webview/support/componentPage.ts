/**
 * Browser-tests one webview component on its own, on a page served as VS Code would serve it: the
 * HTML of src/host/webview/pageHtml.ts with its CSP and a fresh nonce, the page's strings in a
 * display language, the built dist/webview/styles.css (`npm run build`), and, as the one script, a
 * test entry bundled in memory with esbuild. The entry (a module under test/webview/fixtures/)
 * imports the component and defines `window.mount(data)`, which builds it from JSON data.
 *
 *   const harness = await startComponentHarness(new URL('../fixtures/myPage.ts', import.meta.url));
 *   const page = await harness.open({ theme: 'dark', deviceScaleFactor: 2, viewport: { width: 800, height: 600 } });
 *   await mount(page, { rows: 4 });           // window.mount(data) in the page; returns its (JSON) result
 *   const px = await canvasPixels(page, 'canvas.cells');   // { width, height, data } in device pixels
 *   await closePage(page);                    // asserts nothing; see problemsOf / cspViolationsOf
 *   await harness.close();
 *
 * Or, in a node:test file, `useComponentHarness(entry)` does start/close and, after each test, closes
 * the pages opened and fails the test on console errors, uncaught exceptions, dialogs or CSP violations.
 * Themes are those of ./themes.ts: the body class and --vscode-* variables, applied before mount.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { after, afterEach, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ATTENTION_PANEL_STRINGS, type StringTable } from '../../../src/common/l10n/webviewStrings';
import { renderPanelHtml } from '../../../src/host/webview/pageHtml';
import { CHROMIUM_ARGS } from '../../../scripts/vscode/chromium.mjs';
import { localizedStrings } from './strings';
import { THEMES, type Theme } from './themes';

export type ThemeName = 'light' | 'dark' | 'high-contrast';

export interface OpenOptions {
  /** A theme of ./themes.ts by name, or a Theme; default 'light'. */
  readonly theme?: ThemeName | Theme;
  /** Default 1. */
  readonly deviceScaleFactor?: number;
  /** CSS pixels; default 1000 × 700. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** VS Code's display language, whose l10n bundle the strings come from; default 'en'. */
  readonly lang?: string;
}

export interface ComponentHarness {
  /** http://127.0.0.1:port */
  readonly origin: string;
  /** A new page (own browser context) with the entry loaded and the theme applied; nothing mounted yet. */
  open(options?: OpenOptions): Promise<Page>;
  /** Closes every page, the browser and the server. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The page's string table (English originals); default the attention panel's. */
  readonly strings?: StringTable;
  /** The page's built stylesheet in dist/webview/; default the attention panel's styles.css. */
  readonly stylesheet?: string;
}

export interface CanvasPixels {
  readonly width: number;
  readonly height: number;
  /** RGBA bytes, row-major, device pixels. */
  readonly data: readonly number[];
}

const STYLES = new URL('../../../dist/webview/styles.css', import.meta.url);

/** Per page: console errors, uncaught exceptions and dialogs, each a failure of the component. */
const problems = new WeakMap<Page, string[]>();

export async function startComponentHarness(entry: URL, options: HarnessOptions = {}): Promise<ComponentHarness> {
  const styles = options.stylesheet ? new URL(options.stylesheet, STYLES) : STYLES;
  if (!existsSync(styles)) throw new Error(`dist/webview/${options.stylesheet ?? 'styles.css'} is missing: run \`npm run build\` first`);
  const bundle = await esbuild.build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].contents;
  const table = options.strings ?? ATTENTION_PANEL_STRINGS;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname === '/') {
      const lang = url.searchParams.get('lang') ?? 'en';
      const html = renderPanelHtml({
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: `${origin}/entry.js`,
        styleUri: `${origin}/styles.css`,
        lang,
        strings: localizedStrings(table, lang),
        title: 'Component',
      });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    } else if (url.pathname === '/entry.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(script);
    } else if (url.pathname === '/styles.css') {
      // Read per request: a rebuild between runs of a watching test shows up without a restart.
      response.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'no-store' }).end(readFileSync(styles));
    } else {
      response.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS] });
  } catch (error) {
    server.close();
    throw new Error(`Chromium did not start (set CHROMIUM_PATH, or run scripts/ensure-chromium.sh): ${(error as Error).message}`, { cause: error });
  }

  return {
    origin,
    async open(open: OpenOptions = {}): Promise<Page> {
      const context = await browser.newContext({
        viewport: open.viewport ?? { width: 1000, height: 700 },
        deviceScaleFactor: open.deviceScaleFactor ?? 1,
      });
      const page = await context.newPage();
      const found: string[] = [];
      problems.set(page, found);
      page.on('console', (message) => {
        if (message.type() === 'error') found.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => found.push(`uncaught: ${error.message}`));
      page.on('dialog', (dialog) => {
        found.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.addInitScript({ content: CSP_RECORDER });
      await page.goto(`${origin}/?lang=${encodeURIComponent(open.lang ?? 'en')}`);
      try {
        await page.waitForFunction(() => typeof (globalThis as unknown as MountGlobals).mount === 'function', undefined, { timeout: 10_000 });
      } catch (error) {
        throw new Error(`the entry never defined window.mount (${found.join('; ') || 'no errors reported'})`, { cause: error });
      }
      await setTheme(page, open.theme ?? 'light');
      return page;
    },
    async close(): Promise<void> {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A string, not a function: the TypeScript loader would wrap a function's closures in helpers the page lacks. */
const CSP_RECORDER = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
})();`;

interface MountGlobals {
  mount(data: unknown): unknown;
  __cspViolations: string[];
  document: {
    body: { className: string };
    documentElement: { style: { setProperty(name: string, value: string): void } };
    querySelector(selector: string): unknown;
  };
}

/** Calls the entry's `window.mount(data)`; resolves to what it returns (awaited, JSON-cloned). */
export async function mount<T = unknown>(page: Page, data: unknown): Promise<T> {
  return (await page.evaluate((d) => (globalThis as unknown as MountGlobals).mount(d), data)) as T;
}

/** Applies a theme the way VS Code does: the body class plus --vscode-* variables on <html>. */
export async function setTheme(page: Page, theme: ThemeName | Theme): Promise<void> {
  const chosen = typeof theme === 'string' ? THEMES.find((candidate) => candidate.name === theme) : theme;
  if (!chosen) throw new Error(`no theme named ${String(theme)}`);
  await page.evaluate(
    ([bodyClass, variables]) => {
      const page = globalThis as unknown as MountGlobals;
      for (const [name, value] of Object.entries(variables)) page.document.documentElement.style.setProperty(name, value);
      page.document.body.className = bodyClass;
    },
    [chosen.bodyClass, chosen.variables] as const,
  );
}

/** The pixels of the first canvas matching `selector` (optionally a region of it, device pixels). */
export async function canvasPixels(page: Page, selector: string, region?: { x: number; y: number; width: number; height: number }): Promise<CanvasPixels> {
  return page.locator(selector).first().evaluate((element, r) => {
    const canvas = element as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
    };
    const box = r ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
    return { width: box.width, height: box.height, data: Array.from(canvas.getContext('2d').getImageData(box.x, box.y, box.width, box.height).data) };
  }, region);
}

/** The RGB at (x, y) of pixels read by canvasPixels. */
export function pixelAt(pixels: CanvasPixels, x: number, y: number): [number, number, number] {
  const at = (Math.floor(y) * pixels.width + Math.floor(x)) * 4;
  return [pixels.data[at], pixels.data[at + 1], pixels.data[at + 2]];
}

/** Console errors, uncaught exceptions and dialogs seen on the page so far. */
export function problemsOf(page: Page): readonly string[] {
  return problems.get(page) ?? [];
}

export async function cspViolationsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as MountGlobals).__cspViolations);
}

/** Closes the page and its browser context. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/**
 * node:test hooks for a file: one harness for the file (`harness()` returns it inside tests), and
 * after each test every page opened through it closed, failing the test on CSP violations, console
 * errors, uncaught exceptions or dialogs.
 */
export function useComponentHarness(entry: URL, options?: HarnessOptions): () => ComponentHarness {
  let started: ComponentHarness | undefined;
  const opened: Page[] = [];
  before(async () => {
    const inner = await startComponentHarness(entry, options);
    started = {
      origin: inner.origin,
      open: async (openOptions) => {
        const page = await inner.open(openOptions);
        opened.push(page);
        return page;
      },
      close: () => inner.close(),
    };
  });
  after(async () => {
    await started?.close();
  });
  afterEach(async () => {
    const pages = opened.splice(0);
    const found: string[] = [];
    for (const page of pages) {
      if (!page.isClosed()) found.push(...(await cspViolationsOf(page)).map((v) => `CSP violation: ${v}`));
      found.push(...problemsOf(page));
      await closePage(page);
    }
    assert.deepEqual(found, [], 'no CSP violations, console errors, uncaught exceptions or dialogs');
  });
  return () => {
    if (!started) throw new Error('the component harness has not started (call harness() inside a test)');
    return started;
  };
}
