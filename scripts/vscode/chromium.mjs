// Opens Debian's Chromium (not a Playwright download: these machines cannot fetch one) through
// playwright-core, headless, with a fresh profile that close() deletes. Used by the integration
// test runner, and meant for UI tests that drive a VS Code started by code-server.mjs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Flags that keep Chromium quiet on a closed network and runnable as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {{ preferences?: object }} [options] preferences: written as the profile's Default/Preferences.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function launchChromium({ preferences } = {}) {
  const profileDir = mkdtempSync(join(tmpdir(), 'attention-explorer-chromium-'));
  if (preferences) {
    mkdirSync(join(profileDir, 'Default'));
    writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify(preferences));
  }
  let context;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
    });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw new Error(`Chromium did not start (set CHROMIUM_PATH, or apt-get install chromium): ${error.message}`, { cause: error });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
  };
  return { context, page, close };
}
