/**
 * The benchmark's wasm rows in headless Chromium, the engine of VS Code for the Web's extension
 * host: its V8 is neither Node's, and the extension's workers there are web workers without
 * SharedArrayBuffer. Bundles scripts/bench/browserPage.ts and browserWorker.ts with esbuild in
 * memory, serves them on 127.0.0.1 and times the passes through window.bench. Uses a Chromium that
 * is already installed (CHROMIUM_PATH, or Debian's /usr/bin/chromium, which `npm test` installs);
 * without one there are no browser rows.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../vscode/chromium.mjs';
import type { BrowserBench, BrowserTiming } from './browserPage';

/** The Chromium to run the rows in, if one is installed. */
export function installedChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path): path is string => !!path && existsSync(path));
}

export interface BrowserRow {
  readonly threads: 1 | 2;
  readonly n: number;
  readonly algorithm: 'full' | 'full-fresh' | 'blockwise';
  readonly timing: BrowserTiming;
}

/** A page of headless Chromium with window.bench loaded, and its web workers. */
export interface BrowserSession {
  /** "Chromium 156.0…" */
  readonly browser: string;
  readonly bench: BrowserBench;
  close(): Promise<void>;
}

export async function startBrowserSession(executablePath: string): Promise<BrowserSession> {
  const built = await esbuild.build({
    entryPoints: { page: 'scripts/bench/browserPage.ts', worker: 'scripts/bench/browserWorker.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: 'out',
    logLevel: 'silent',
  });
  const files = new Map(built.outputFiles.map((f) => [`/${f.path.split('/').pop()}`, f.text]));
  files.set('/', '<!doctype html><meta charset="utf-8"><title>Attention Explorer benchmark</title><script src="/page.js"></script>');
  const server = createServer((request, response) => {
    const body = files.get(request.url ?? '');
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': request.url === '/' ? 'text/html' : 'text/javascript' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] }).catch((error: Error) => {
    server.close();
    throw error;
  });
  const close = async () => {
    await browser.close();
    server.close();
  };
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'bench' in globalThis);
    const call = async (name: keyof BrowserBench, args: unknown[]): Promise<BrowserTiming> => {
      const timing = await page.evaluate(([name, args]) => (globalThis as unknown as { bench: Record<string, (...a: unknown[]) => Promise<BrowserTiming>> }).bench[name](...args), [name, args] as const);
      if (errors.length) throw new Error(`the benchmark page failed: ${errors.join('; ')}`);
      return timing;
    };
    const bench: BrowserBench = {
      full: (...args) => call('full', args),
      blockwise: (...args) => call('blockwise', args),
    };
    return { browser: `Chromium ${browser.version()}`, bench, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Every row at each N: up to `fullMax` tokens the full pass (into the last pass's arrays, and
 * fresh), on one and two threads, `runs` passes after a warm-up; beyond, the blockwise pass,
 * `longRuns` passes.
 */
export async function browserRows(executablePath: string, sizes: readonly number[], fullMax: number, runs: number, longRuns: number, causal: boolean): Promise<{ browser: string; rows: BrowserRow[] }> {
  const { browser, bench, close } = await startBrowserSession(executablePath);
  try {
    const rows: BrowserRow[] = [];
    for (const n of sizes) {
      for (const threads of [1, 2] as const) {
        if (n > fullMax) {
          rows.push({ threads, n, algorithm: 'blockwise', timing: await bench.blockwise(n, causal, threads, longRuns) });
          continue;
        }
        rows.push({ threads, n, algorithm: 'full-fresh', timing: await bench.full(n, causal, threads, runs, true, true) });
        rows.push({ threads, n, algorithm: 'full', timing: await bench.full(n, causal, threads, runs, false, true) });
      }
    }
    return { browser, rows };
  } finally {
    await close();
  }
}
