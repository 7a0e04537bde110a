// Types of chromium.mjs, for the TypeScript UI tests that import it.
import type { BrowserContext, Page } from 'playwright-core';

export declare const CHROMIUM_ARGS: readonly string[];

export declare function launchChromium(options?: { preferences?: object }): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }>;
