/**
 * The panel's Export controls in headless Chromium: the PNG the page hands the host is the heatmap
 * at 2× its CSS size whatever the screen's devicePixelRatio, with its cells painted; the other
 * formats post the format and the head shown; everything works from the keyboard. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMAGE_LEGEND_CSS } from '../../webview/src/attention/heatmapImageLayout';
import { usePanelPages } from './support/suiteHooks';
import { sampleAnalysis } from './support/sampleAnalysis';

const pages = usePanelPages();

type Posted = { type: string; format?: string; head?: unknown; analysisId?: number; png?: Record<string, number> };

async function exportsPosted(page: Awaited<ReturnType<typeof pages.open>>): Promise<Posted[]> {
  return ((await page.posted()) as Posted[]).filter((m) => m.type === 'export');
}

describe('export controls (webview)', () => {
  for (const deviceScaleFactor of [1, 2]) {
    it(`hands the host a PNG of the heatmap at 2× its CSS size, at devicePixelRatio ${deviceScaleFactor}`, async () => {
      const page = await pages.open({ deviceScaleFactor });
      const message = sampleAnalysis();
      await page.send(message);
      await page.page.locator('canvas.cells').waitFor();
      // From the keyboard: the button takes the focus and Enter presses it.
      await page.page.locator('button[data-export="export"]').focus();
      await page.page.keyboard.press('Enter');
      await page.page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
      const [posted] = await exportsPosted(page);
      assert.equal(posted.format, 'png');
      assert.equal(posted.head, 'average');
      assert.equal(posted.analysisId, message.analysisId);
      // Posted as a Uint8Array (the stand-in host's JSON round trip makes it an object of bytes).
      const png = Buffer.from(Object.values(posted.png!));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const box = await page.page.locator('.heatmap .matrix').evaluate((matrix) => matrix.getBoundingClientRect().toJSON() as { width: number; height: number });
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.ok(Math.abs(width - 2 * box.width) <= 1, `${width} px wide for ${box.width} CSS px`);
      assert.ok(Math.abs(height - 2 * (box.height + IMAGE_LEGEND_CSS)) <= 1, `${height} px high for ${box.height} + ${IMAGE_LEGEND_CSS} CSS px`);
      // The image is painted: decode it in the page and look at its pixels.
      type Bitmap = { width: number; height: number };
      type Page2d = {
        createImageBitmap(blob: Blob): Promise<Bitmap>;
        OffscreenCanvas: new (w: number, h: number) => { getContext(kind: '2d'): { drawImage(b: Bitmap, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
      };
      const colours = await page.page.evaluate(async (bytes) => {
        const page2d = globalThis as unknown as Page2d;
        const bitmap = await page2d.createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
        const ctx = new page2d.OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const seen = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return seen.size;
      }, [...png]);
      assert.ok(colours > 20, `the PNG has cells, labels and a legend, not a blank: ${colours} colours sampled`);
    });
  }

  it('posts the chosen format with the head shown, and has a status line for what happened', async () => {
    const page = await pages.open();
    const message = sampleAnalysis();
    await page.send(message);
    await page.page.locator('#head-select').waitFor();
    await page.page.locator('body').press(']'); // the maximum
    await page.page.locator('body').press(']'); // head 1
    await page.page.locator('#export-format').click();
    await page.page.getByRole('option', { name: 'CSV weights', exact: true }).click();
    await page.page.locator('button[data-export="export"]').click();
    await page.page.waitForFunction(() => (globalThis as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
    assert.deepEqual(await exportsPosted(page), [{ type: 'export', analysisId: message.analysisId, format: 'csv', head: 0 }]);
    const status = page.page.locator('.export-controls [role="status"]');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
  });
});
