import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { computeAttention } from '../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../src/common/attention/config';
import { averageHeads, maxHeads } from '../../src/common/attention/headAverage';
import { tokenize } from '../../src/common/attention/tokenizer';
import { weightColor } from '../../webview/src/attention/colorScale';
import { canvasPixels, mount, pixelAt, useComponentHarness } from './support/componentPage';

// The shapes of fixtures/headGalleryPage.ts, restated: importing it (or headGallery.ts) would bring
// the DOM's types into this Node-side program.
type GalleryChoice = number | 'average' | 'maximum';
interface GalleryPageData {
  readonly weights?: number[][];
  readonly generate?: { readonly heads: number; readonly n: number };
  readonly n: number;
  readonly causal: boolean;
  readonly selected: GalleryChoice;
}
interface GalleryPageResult {
  readonly constructMs: number;
  readonly repaintMs: number;
}

const harness = useComponentHarness(new URL('./fixtures/headGalleryPage.ts', import.meta.url));
const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);
/** THUMB_CSS_PX of headGallery.ts (not importable here: it reads the page's strings when loaded). */
const THUMB = 88;

function analysis(text: string, config: Partial<AttentionConfig>): { weights: number[][]; n: number } {
  const result = computeAttention(tokenize(text), resolveConfig(config));
  return { weights: result.heads.map((head) => Array.from(head.weights.data)), n: result.tokens.length };
}

const pressed = (page: Page) => page.locator('.gallery-item').evaluateAll((items) => items.map((b) => b.getAttribute('aria-pressed')));
const selections = (page: Page) => page.evaluate(() => (globalThis as unknown as { __selected: GalleryChoice[] }).__selected);

/** What pixel (x, y) of a size × size thumbnail must be: the block maximum's colour, or undefined if masked. */
function expectedPixel(values: readonly number[], n: number, causal: boolean, size: number, x: number, y: number): readonly number[] | undefined {
  const max = values.reduce((m, v) => (v > m ? v : m), 0);
  // Cells under the pixel: a block when n > size, else the one cell whose span holds it.
  const span = (p: number): [number, number] => (n > size ? [Math.floor((p * n) / size), Math.floor(((p + 1) * n) / size)] : [Math.floor(((p + 0.5) * n) / size), Math.floor(((p + 0.5) * n) / size) + 1]);
  const [q0, q1] = span(y);
  const [k0, k1] = span(x);
  let best = -1;
  for (let q = q0; q < q1; q++) for (let k = k0; k < k1; k++) if (!(causal && k > q) && values[q * n + k] > best) best = values[q * n + k];
  return best < 0 ? undefined : weightColor(best, max);
}

describe('head gallery', () => {
  it('shows every head plus the average and the maximum, and selects with click and keyboard', async () => {
    const { weights, n } = analysis('The bank of the river was steep, so we sat on it.', { mask: 'causal' });
    const page = await harness().open();
    await mount<GalleryPageResult>(page, { weights, n, causal: true, selected: 'average' } satisfies GalleryPageData);
    const labels = await page.locator('.gallery-item .gallery-label').allTextContents();
    assert.deepEqual(labels, ['Average', 'Maximum', ...weights.map((_, h) => `Head ${h + 1}`)]);
    assert.equal(await page.locator('.gallery-item canvas').count(), weights.length + 2);
    assert.equal(await page.getByRole('group', { name: `Every head at once: ${weights.length} heads, their average and their maximum` }).count(), 1);
    assert.deepEqual(await pressed(page), ['true', ...Array(weights.length + 1).fill('false')]);

    await page.getByRole('button', { name: 'Head 3', exact: true }).click();
    assert.deepEqual(await selections(page), [2]);
    assert.deepEqual(await pressed(page), ['false', 'false', 'false', 'false', 'true', ...Array(weights.length - 3).fill('false')]);

    // Keyboard: arrows move the focus, Enter and Space press.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    assert.deepEqual(await selections(page), [2, 3, 'maximum']);
    assert.deepEqual(await pressed(page), ['false', 'true', ...Array(weights.length).fill('false')]);
    const box = await page.locator('.gallery-thumb').first().boundingBox();
    assert.ok(box && box.width <= 96 && box.height <= 96, `a thumbnail is ${box?.width} × ${box?.height} CSS px`);
  });

  for (const { what, text, causal, dpr } of [
    { what: 'downsampled to block maxima (N > device pixels)', text: Array.from({ length: 26 }, (_, i) => `word${i} and the other one`).join(' '), causal: true, dpr: 1 },
    { what: 'one block of pixels per cell (N ≤ device pixels)', text: '我坐在河堤上。', causal: true, dpr: 2 },
    { what: 'downsampled, without a mask', text: Array.from({ length: 70 }, (_, i) => `t${i} x y z`).join(' '), causal: false, dpr: 2 },
  ]) {
    it(`draws each thumbnail's pixels from its weights: ${what}`, async () => {
      const { weights, n } = analysis(text, { mask: causal ? 'causal' : 'none', dModel: 64, heads: 4 });
      const page = await harness().open({ deviceScaleFactor: dpr });
      await mount(page, { weights, n, causal, selected: 0 } satisfies GalleryPageData);
      const size = THUMB * dpr;
      assert.equal(n > size, what.startsWith('downsampled'), `${n} tokens on ${size} pixels`);
      const matrices: [GalleryChoice, readonly number[]][] = [['average', averageHeads(weights)], ['maximum', maxHeads(weights)], [0, weights[0]], [3, weights[3]]];
      let masked = 0;
      let checked = 0;
      for (const [choice, values] of matrices) {
        const pixels = await canvasPixels(page, `.gallery-item[data-choice="${choice}"] canvas`);
        assert.equal(pixels.width, size);
        for (const [fx, fy] of [[0, 0], [0.5, 0.5], [0.99, 0.99], [0.1, 0.6], [0.3, 0.9], [0.75, 0.2], [0.2, 0.21], [0.6, 0.61], [0.05, 0.5]]) {
          const x = Math.floor(fx * size);
          const y = Math.floor(fy * size);
          const want = expectedPixel(values, n, causal, size, x, y);
          const got = pixelAt(pixels, x, y);
          if (want) assert.deepEqual(got, [...want], `${choice} at (${x}, ${y})`);
          else masked++;
          checked++;
        }
      }
      assert.ok(checked - masked >= 20, `${checked - masked} weighted pixels checked`);
      assert.equal(masked > 0, causal, 'masked pixels only under the causal mask');
    });
  }

  it('draws 16 heads of 2,048 tokens (18 thumbnails) in well under a second', async () => {
    const page = await harness().open({ deviceScaleFactor: 2 });
    const result = await mount<GalleryPageResult>(page, { generate: { heads: 16, n: 2048 }, n: 2048, causal: true, selected: 'average' } satisfies GalleryPageData);
    console.log(`head gallery, 16 heads × 2,048 tokens, devicePixelRatio 2: built and drawn in ${result.constructMs.toFixed(0)} ms, repainted in ${result.repaintMs.toFixed(0)} ms`);
    assert.equal(await page.locator('.gallery-item').count(), 18);
    assert.ok(result.constructMs < 1000, `${result.constructMs} ms`);
    assert.ok(result.repaintMs < 1000, `${result.repaintMs} ms`);
    // Each head's band sits h·7 tokens below the diagonal: visible in its thumbnail's lower half.
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('.head-gallery').screenshot({ path: new URL('head-gallery-2048.png', ARTIFACTS).pathname });
  });

  it('looks right in light and dark, 16 heads wrapping (screenshots)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { weights, n } = analysis('The bank of the river was steep, so we sat on it and watched the water.', { mask: 'causal', heads: 16 });
    for (const theme of ['light', 'dark'] as const) {
      const page = await harness().open({ theme, deviceScaleFactor: 2, viewport: { width: 900, height: 500 } });
      await mount(page, { weights, n, causal: true, selected: 4 } satisfies GalleryPageData);
      await page.getByRole('button', { name: 'Head 7', exact: true }).focus();
      await page.locator('body > div').screenshot({ path: new URL(`head-gallery-${theme}.png`, ARTIFACTS).pathname });
    }
  });
});
