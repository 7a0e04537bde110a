/**
 * Webviews as VS Code hosts them: each `iframe.webview` holds `iframe#active-frame`, whose document
 * is the extension's HTML. The outer frames never count as visible, so they are found by content.
 */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import type { PageCanvas, UiGlobals } from './uiGlobals';
import { UI_TIMEOUT_MS } from './workbench';

async function webviewDocuments(page: Page): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const host of await page.locator('iframe.webview').elementHandles()) {
    // A webview may be torn down while we look: skip it.
    const outer = await host.contentFrame().catch(() => null);
    const inner = await outer?.$('iframe#active-frame').catch(() => null);
    const frame = await inner?.contentFrame().catch(() => null);
    if (frame) frames.push(frame);
  }
  return frames;
}

/** The document of the webview in which `selector` matches a visible element, once there is one. */
export async function waitForWebview(page: Page, selector: string, timeoutMs = UI_TIMEOUT_MS): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of await webviewDocuments(page)) {
      if (await frame.locator(selector).first().isVisible().catch(() => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview showed "${selector}" within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
}

/** CSP violations the webview's document reported since its frame loaded (see workbench.ts). */
export function cspViolations(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => [...((globalThis as unknown as UiGlobals).__uiCspViolations ?? ['(the recorder did not run in this frame)'])]);
}

/** What the heatmap canvas holds: its size, and the colour at the centre of every cell. */
export interface HeatmapPixels {
  readonly width: number;
  readonly height: number;
  /** rgba as "r,g,b,a", row by row: n×n entries. */
  readonly cellCentres: string[];
  /** How many different colours the whole canvas shows. */
  readonly distinctColours: number;
}

export function heatmapPixels(frame: Frame, tokenCount: number): Promise<HeatmapPixels> {
  // No named helpers inside: tsx would wrap them in a __name() that the page does not have.
  return frame.evaluate((n) => {
    const canvas = (globalThis as unknown as UiGlobals).document.querySelector('canvas.cells') as unknown as PageCanvas;
    const { width, height } = canvas;
    const data = canvas.getContext('2d')?.getImageData(0, 0, width, height).data ?? [];
    const colours: string[] = [];
    for (let i = 0; i < width * height * 4; i += 4) colours.push(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
    const cellCentres: string[] = [];
    for (let q = 0; q < n; q++) {
      for (let k = 0; k < n; k++) cellCentres.push(colours[Math.floor(((q + 0.5) * height) / n) * width + Math.floor(((k + 0.5) * width) / n)]);
    }
    return { width, height, cellCentres, distinctColours: new Set(colours).size };
  }, tokenCount);
}

/** The token labels an axis of the heatmap shows, with the token index each one names. */
export function axisLabels(frame: Frame, axis: 'row' | 'col'): Promise<{ index: number; text: string }[]> {
  return frame
    .locator(`.${axis}-labels .label`)
    .evaluateAll((labels) => labels.map((label) => ({ index: Number(label.getAttribute('data-index')), text: label.textContent ?? '' })));
}

/**
 * Both axes name the tokens, in order, as text. With many tokens only every stride-th token is
 * labelled (the labels would overlap otherwise): the first one always, then evenly spaced.
 */
export async function assertAxesShowTokens(frame: Frame, tokens: readonly string[]): Promise<void> {
  for (const axis of ['row', 'col'] as const) {
    const labels = await axisLabels(frame, axis);
    const stride = labels.length > 1 ? labels[1].index : 1;
    const expected = tokens.flatMap((text, index) => (index % stride === 0 ? [{ index, text }] : []));
    assert.deepEqual(labels, expected, `the ${axis === 'row' ? 'query' : 'key'} labels are the tokens (every ${stride})`);
  }
}
