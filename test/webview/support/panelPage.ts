/**
 * Serves the attention panel as VS Code would (the HTML from pageHtml.ts with its CSP and its strings
 * in the display language: English unless `/?lang=zh-cn`, or exactly the strings given to open(); plus
 * the built dist/webview bundle) from 127.0.0.1, and opens it in headless Chromium with a stand-in for
 * the host's side of the protocol: acquireVsCodeApi records posted messages and keeps setState's
 * state across reloads, like VS Code does for a panel.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { HostMessage } from '../../../src/common/protocol/attentionPanel';
import { ATTENTION_PANEL_STRINGS } from '../../../src/common/l10n/webviewStrings';
import { renderPanelHtml } from '../../../src/host/webview/pageHtml';
import type { PageCanvas, PageGlobals } from './pageGlobals';
import { localizedStrings } from './strings';
import { CHROMIUM_ARGS } from '../../../scripts/vscode/chromium.mjs';

const distDir = new URL('../../../dist/webview/', import.meta.url);
const ASSETS: Record<string, string> = {
  'main.js': 'text/javascript',
  'main.js.map': 'application/json',
  'styles.css': 'text/css',
  'styles.css.map': 'application/json',
};

/** The strings tests hand to open(), by the id the page's URL names them with. */
const givenStrings = new Map<string, Record<string, unknown>>();

export class PanelHarness {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<PanelHarness> {
    if (!existsSync(new URL('main.js', distDir))) throw new Error('dist/webview/main.js is missing: run `npm run build` first');
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      if (path === '/') {
        const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        // A fresh nonce per load, as the extension makes one per panel.
        const nonce = randomBytes(16).toString('base64');
        const lang = url.searchParams.get('lang') ?? 'en';
        const html = renderPanelHtml({
          cspSource: origin,
          nonce,
          scriptUri: `${origin}/dist/webview/main.js`,
          styleUri: `${origin}/dist/webview/styles.css`,
          lang,
          // Given strings are kept here, by id: all of a table's strings make too long a URL.
          strings: url.searchParams.has('strings') ? (givenStrings.get(url.searchParams.get('strings')!) as Record<string, string>) : localizedStrings(ATTENTION_PANEL_STRINGS, lang),
        });
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(html);
        return;
      }
      const file = path.startsWith('/dist/webview/') ? path.slice('/dist/webview/'.length) : '';
      if (ASSETS[file]) {
        response.writeHead(200, { 'content-type': ASSETS[file], 'cache-control': 'no-store' });
        response.end(readFileSync(new URL(file, distDir)));
        return;
      }
      // A webview has no favicon; answering keeps the browser's 404 out of the console errors.
      response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // launch() gives every run a fresh, temporary user-data-dir.
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS] });
    return new PanelHarness(server, origin, browser);
  }

  /**
   * `lang`: VS Code's display language, whose bundle the page's strings come from (default "en");
   * `strings`: what the page gets instead, as given (to try broken translations).
   */
  async open(options: { width?: number; height?: number; deviceScaleFactor?: number; lang?: string; strings?: Record<string, unknown> } = {}): Promise<PanelPage> {
    const context = await this.browser.newContext({
      viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
      deviceScaleFactor: options.deviceScaleFactor ?? 2,
    });
    const page = await context.newPage();
    const panel = new PanelPage(context, page);
    await page.addInitScript({ content: HOST_STAND_IN });
    const query = new URLSearchParams();
    if (options.lang) query.set('lang', options.lang);
    if (options.strings) {
      const id = String(givenStrings.size + 1);
      givenStrings.set(id, options.strings);
      query.set('strings', id);
    }
    await page.goto(`${this.origin}/${query.size > 0 ? `?${query}` : ''}`);
    await panel.waitForReady();
    return panel;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * Runs in the page before any of its scripts: the host's side of the webview API. A string, not a
 * function: the TypeScript loader would wrap a function's inner closures in helpers the page lacks.
 */
const HOST_STAND_IN = `(() => {
  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return {
      // VS Code clones what is posted: a JSON round trip keeps the test honest about what survives.
      postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => {
        const saved = sessionStorage.getItem('vscode-state');
        return saved === null ? undefined : JSON.parse(saved);
      },
      setState: (state) => sessionStorage.setItem('vscode-state', JSON.stringify(state)),
    };
  };
})();`;

export class PanelPage {
  /** Console errors, uncaught exceptions and dialogs: each is a failure of the panel. */
  readonly problems: string[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
    page.on('dialog', (dialog) => {
      this.problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }

  async waitForReady(): Promise<void> {
    try {
      await this.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => (m as { type?: string }).type === 'ready'), undefined, { timeout: 10_000 });
    } catch (error) {
      throw new Error(`the panel never posted 'ready' (${this.problems.join('; ') || 'no errors reported'})`, { cause: error });
    }
  }

  /**
   * Delivers a host message as a window `message` event, dispatched synchronously so the panel
   * has handled it before this resolves (the app listens for exactly that event).
   */
  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate((m) => {
      const page = globalThis as unknown as PageGlobals;
      page.dispatchEvent(new page.MessageEvent('message', { data: m }));
    }, message as unknown);
  }

  async posted(): Promise<unknown[]> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
  }

  /** What the webview last saved with setState (the stand-in keeps it in sessionStorage). */
  async savedState(): Promise<unknown> {
    return this.page.evaluate(() => JSON.parse((globalThis as unknown as PageGlobals).sessionStorage.getItem('vscode-state') ?? 'null'));
  }

  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations);
  }

  /**
   * The RGB of every cell, row-major, sampled a quarter into the cell: clear of the weight
   * printed at the centre of large cells and of the hairline at their edges.
   */
  async cellColors(n: number): Promise<[number, number, number][]> {
    return this.page.locator('canvas.cells').evaluate((element, count) => {
      const canvas = element as unknown as PageCanvas;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const colors: [number, number, number][] = [];
      for (let q = 0; q < count; q++) {
        for (let k = 0; k < count; k++) {
          const x = Math.floor(((k + 0.25) / count) * canvas.width);
          const y = Math.floor(((q + 0.25) / count) * canvas.height);
          const at = (y * canvas.width + x) * 4;
          colors.push([pixels[at], pixels[at + 1], pixels[at + 2]]);
        }
      }
      return colors;
    }, n);
  }

  /** Every pixel of the heatmap canvas, to compare two renderings. */
  async canvasPixels(): Promise<number[]> {
    return this.page.locator('canvas.cells').evaluate((element) => {
      const canvas = element as unknown as PageCanvas;
      return Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
    });
  }

  /** Moves the mouse to the centre of cell (query, key). */
  async hoverCell(query: number, key: number, n: number): Promise<void> {
    await this.page.locator('canvas.cells').scrollIntoViewIfNeeded();
    const box = await this.page.locator('canvas.cells').boundingBox();
    if (!box) throw new Error('the heatmap canvas is not visible');
    await this.page.mouse.move(box.x + ((key + 0.5) / n) * box.width, box.y + ((query + 0.5) / n) * box.height);
  }

  /** Applies a VS Code colour theme the way VS Code does: body class plus --vscode-* variables. */
  async setTheme(kind: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast', variables: Record<string, string>): Promise<void> {
    await this.page.evaluate(
      ([bodyClass, vars]) => {
        const page = globalThis as unknown as PageGlobals;
        for (const [name, value] of Object.entries(vars)) page.document.documentElement.style.setProperty(name, value);
        page.document.body.className = bodyClass;
      },
      [kind, variables] as const,
    );
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
