/**
 * The heatmap of a long selection (more than 2,048 tokens) in the real panel, headless Chromium:
 * a synthetic 5,000-token view whose weights are a formula of (head, query, key), so the test
 * knows every exact weight and computes the overview (each block's largest weight) itself. At fit
 * the overview is drawn and the tooltip names the block; zoomed in, the panel asks (debounced) for
 * the exact tile of the view, within TILE_MAX_CELLS, shows "loading", and once the tile arrives
 * draws and reports exact weights; a tile of another analysis is ignored; another head keeps the
 * zoom and asks for its own tile; the steps and the arithmetic say why they are not shown and ask
 * for nothing. Prints how long a redraw of the overview at fit takes (5,000 and 16,384 tokens).
 * Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../src/common/attention/config';
import { overviewBlock, overviewSize, TILE_MAX_CELLS } from '../../src/common/attention/longSelection';
import { parseHostMessage, type HeadChoice, type HostMessage } from '../../src/common/protocol/attentionPanel';
import { weightColor, type Rgb } from '../../webview/src/attention/colorScale';
import type { PanelPage } from './support/panelPage';
import type { PageCanvas, PageGlobals } from './support/pageGlobals';
import { SAMPLE_GUIDE, SAMPLE_NOTES } from './support/sampleAnalysis';
import { usePanelPages } from './support/suiteHooks';

const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);
const N = 5000;
const HEADS = 2;
const ANALYSIS_ID = 7;

const pages = usePanelPages({ width: 1400, height: 1000, deviceScaleFactor: 1 });
const open = pages.open;

/** Head h's weight of (query, key): a diagonal band, shifted per head, over a faint deterministic texture. */
function weight(h: number, q: number, k: number): number {
  return Math.fround(0.5 / (1 + Math.abs(q - k - 40 * h)) + ((q * 31 + k * 17 + h * 7) % 97) / 97000);
}

function choiceWeight(head: HeadChoice, q: number, k: number): number {
  if (typeof head === 'number') return weight(head, q, k);
  const all = Array.from({ length: HEADS }, (_, h) => weight(h, q, k));
  return head === 'maximum' ? Math.max(...all) : Math.fround(all.reduce((a, b) => a + b, 0) / HEADS);
}

/** Each block's largest weight of `at`, over queries and keys of n tokens. */
function blockMax(n: number, at: (q: number, k: number) => number): Float32Array {
  const block = overviewBlock(n);
  const size = overviewSize(n);
  const out = new Float32Array(size * size);
  for (let q = 0; q < n; q++) {
    const row = Math.floor(q / block) * size;
    for (let k = 0; k < n; k++) {
      const i = row + Math.floor(k / block);
      const w = at(q, k);
      if (w > out[i]) out[i] = w;
    }
  }
  return out;
}

type Analysis = Extract<HostMessage, { type: 'analysis' }>;

/** A long analysis message as the host sends it: tokens, config, per head the overview, and the average's. */
function longAnalysis(n: number, overviewOf: (head: HeadChoice) => Float32Array): Analysis {
  const words = Array.from({ length: n }, (_, i) => `w${i + 1}`);
  let text = '';
  const tokens = words.map((word) => {
    if (text) text += ' ';
    const start = text.length;
    text += word;
    return { text: word, start, end: text.length };
  });
  const view = {
    text,
    sourceName: `long-${n}.txt`,
    tokens,
    config: resolveConfig({ dModel: 64, heads: HEADS }),
    weights: Array.from({ length: HEADS }, (_, h) => overviewOf(h)),
    overview: { block: overviewBlock(n), size: overviewSize(n), average: overviewOf('average') },
    elapsedMs: 1234,
  };
  const message = { type: 'analysis', analysisId: ANALYSIS_ID, view, notes: SAMPLE_NOTES, guide: SAMPLE_GUIDE } as const;
  const parsed = parseHostMessage(message);
  assert.ok(parsed && parsed.type === 'analysis' && parsed.view.overview, 'the synthetic view passes the panel’s own parser');
  return parsed;
}

let cached: { message: Analysis; overviews: Map<HeadChoice, Float32Array> } | undefined;
/** The 5,000-token view, its overviews computed by block max of the formula (a few seconds, once). */
function long5000(): { message: Analysis; overviews: Map<HeadChoice, Float32Array> } {
  if (!cached) {
    const overviews = new Map<HeadChoice, Float32Array>();
    for (const head of [0, 1, 'average'] as HeadChoice[]) overviews.set(head, blockMax(N, (q, k) => choiceWeight(head, q, k)));
    const maximum = new Float32Array(overviews.get(0)!.length);
    for (let i = 0; i < maximum.length; i++) maximum[i] = Math.max(overviews.get(0)![i], overviews.get(1)![i]);
    overviews.set('maximum', maximum);
    cached = { message: longAnalysis(N, (head) => overviews.get(head)!), overviews };
  }
  return cached;
}

interface TileRequest {
  type: 'requestTile';
  analysisId: number;
  head: HeadChoice;
  row0: number;
  col0: number;
  rows: number;
  cols: number;
}

function tileFor(request: TileRequest, analysisId = request.analysisId, value?: number): HostMessage {
  const values = new Float32Array(request.rows * request.cols);
  for (let r = 0; r < request.rows; r++) for (let c = 0; c < request.cols; c++) values[r * request.cols + c] = value ?? choiceWeight(request.head, request.row0 + r, request.col0 + c);
  return { type: 'tile', analysisId, tile: { head: request.head, row0: request.row0, col0: request.col0, rows: request.rows, cols: request.cols, values } };
}


async function posted<T>(page: PanelPage, type: string): Promise<T[]> {
  return (await page.posted()).filter((m) => (m as { type: string }).type === type) as T[];
}

/** Visible queries and keys, 0-based [start, end), from the range line beside the matrix. */
async function visible(page: PanelPage): Promise<{ queries: [number, number]; keys: [number, number]; zoom: number }> {
  const text = await page.page.locator('.heatmap-range').innerText();
  const match = /^Queries (\d+)–(\d+), keys (\d+)–(\d+) of (\d+)$/.exec(text);
  assert.ok(match, `the range line: ${text}`);
  const [q0, q1, k0, k1] = match.slice(1, 5).map(Number);
  const zoom = Number(await page.page.locator('.heatmap').getAttribute('data-zoom'));
  return { queries: [q0 - 1, q1], keys: [k0 - 1, k1], zoom };
}

/**
 * Presses keys on the focused canvas in one task: no pause between them, as fast zooming would.
 * Returns the weights' state and the tile requests posted as that task ends, before any timer can
 * run: a later look would race the debounce on a slow machine.
 */
async function keys(page: PanelPage, ...pressed: string[]): Promise<{ weights: string | null; tileRequests: number }> {
  return page.page.evaluate((list) => {
    const g = globalThis as unknown as PageGlobals & { KeyboardEvent: new (type: string, init: Record<string, unknown>) => unknown };
    const canvas = g.document.querySelector('canvas.cells') as unknown as { focus(): void; dispatchEvent(e: unknown): boolean };
    canvas.focus();
    for (const key of list) canvas.dispatchEvent(new g.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    const heatmap = g.document.querySelector('.heatmap') as unknown as { getAttribute(name: string): string | null };
    return { weights: heatmap.getAttribute('data-weights'), tileRequests: g.__posted.filter((m) => (m as { type: string }).type === 'requestTile').length };
  }, pressed);
}

async function weightsState(page: PanelPage): Promise<string | null> {
  return page.page.locator('.heatmap').getAttribute('data-weights');
}

/** The RGB of canvas pixels (device px). */
async function pixels(page: PanelPage, points: readonly [number, number][]): Promise<Rgb[]> {
  return page.page.locator('canvas.cells').evaluate((element, list) => {
    const canvas = element as unknown as PageCanvas;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return list.map(([x, y]) => [data[(y * canvas.width + x) * 4], data[(y * canvas.width + x) * 4 + 1], data[(y * canvas.width + x) * 4 + 2]] as Rgb);
  }, points);
}

const largest = (values: Float32Array) => values.reduce((a, b) => Math.max(a, b), 0);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const formatCount = (n: number) => n.toLocaleString('en-US');

describe('heatmap of a long selection (webview): overview, exact tiles', () => {
  it('draws the overview at fit, each pixel the largest weight of the blocks under it, and says so in the header and the tooltip', async () => {
    const { message, overviews } = long5000();
    const page = await open();
    await page.send(message);
    assert.equal(
      await page.page.locator('.summary .notice.long-selection').innerText(),
      `5,000 tokens · overview of ${overviewSize(N)} × ${overviewSize(N)} blocks of ${overviewBlock(N)} × ${overviewBlock(N)}; zoom in for exact weights`,
    );
    const average = overviews.get('average')!;
    const max = largest(average);
    const size = await page.page.locator('canvas.cells').evaluate((c) => (c as unknown as PageCanvas).width);
    const block = overviewBlock(N);
    const ov = overviewSize(N);
    // A pixel shows tokens [⌊p·N/size⌋, ⌊(p+1)·N/size⌋): the largest of the blocks they touch.
    const range = (p: number) => [Math.floor(Math.floor((p * N) / size) / block), Math.floor((Math.floor(((p + 1) * N) / size) - 1) / block) + 1];
    const expected = (x: number, y: number) => {
      const [r0, r1] = range(y);
      const [c0, c1] = range(x);
      let m = 0;
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) m = Math.max(m, average[r * ov + c]);
      return m;
    };
    const points: [number, number][] = [];
    let seed = 11;
    const random = () => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * size);
    for (let i = 0; i < 3000; i++) points.push([random(), random()]);
    for (let x = 0; x < size; x++) points.push([x, Math.floor(size / 2)], [x, x]); // a whole row, and the diagonal (the band's peaks)
    const colours = await pixels(page, points);
    points.forEach(([x, y], i) => {
      const want = weightColor(expected(x, y), max);
      const off = Math.max(...colours[i].map((c, ch) => Math.abs(c - want[ch])));
      assert.ok(off <= 1, `pixel ${x},${y} is ${colours[i]}, expected ${want} (the blocks' largest ${expected(x, y)})`);
    });

    // The tooltip at fit: which queries and keys the pixel's blocks span, and their largest weight.
    const box = (await page.page.locator('canvas.cells').boundingBox())!;
    const [px, py] = [Math.floor(size * 0.3), Math.floor(size * 0.62)];
    await page.page.mouse.move(box.x + px + 0.5, box.y + py + 0.5);
    const [r0, r1] = range(py);
    const [c0, c1] = range(px);
    const text = `Queries ${formatCount(r0 * block + 1)}–${formatCount(Math.min(N, r1 * block))} × keys ${formatCount(c0 * block + 1)}–${formatCount(Math.min(N, c1 * block))}: largest weight ${expected(px, py).toFixed(4)}`;
    assert.equal(await page.page.locator('.tooltip .tooltip-block').innerText(), text);
    assert.equal(await page.page.locator('.tooltip .tooltip-note').innerText(), 'A block of the overview: zoom in for the exact weights.');

    // Nothing is asked for at fit: the view holds 25 M cells, far more than a tile.
    await page.page.waitForTimeout(300);
    assert.deepEqual(await posted(page, 'requestTile'), []);
    assert.equal(await weightsState(page), 'overview');
    assert.equal(await page.page.locator('.heatmap-tile-status').isVisible(), false);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.page.mouse.move(0, 0);
    await page.page.locator('.analysis').screenshot({ path: new URL('heatmap-long-fit.png', ARTIFACTS).pathname });
  });

  it('zoomed in, asks once for the exact tile of the view, shows "loading", ignores another analysis’s tile, then draws and reports exact weights', async () => {
    const { message } = long5000();
    const page = await open();
    await page.send(message);
    const zoomed = await keys(page, '+', '+', '+'); // 8×: in one task, so the debounce sends one request
    assert.equal(zoomed.weights, 'loading', 'loading at once');
    assert.equal(zoomed.tileRequests, 0, 'but asked only after the debounce');
    const view = await visible(page);
    assert.ok((view.queries[1] - view.queries[0]) * (view.keys[1] - view.keys[0]) <= TILE_MAX_CELLS, `few enough cells in view: ${view.queries} × ${view.keys}`);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.some((m) => (m as { type: string }).type === 'requestTile'));
    await page.page.waitForTimeout(250);
    const requests = await posted<TileRequest>(page, 'requestTile');
    assert.equal(requests.length, 1, `one request: ${JSON.stringify(requests)}`);
    const [request] = requests;
    assert.equal(request.analysisId, ANALYSIS_ID);
    assert.equal(request.head, 'average', 'the head shown');
    assert.ok(request.rows * request.cols <= TILE_MAX_CELLS, `within TILE_MAX_CELLS: ${request.rows} × ${request.cols}`);
    assert.ok(request.row0 <= view.queries[0] && request.row0 + request.rows >= view.queries[1], `covers the visible queries ${view.queries}: ${request.row0}+${request.rows}`);
    assert.ok(request.col0 <= view.keys[0] && request.col0 + request.cols >= view.keys[1], `covers the visible keys ${view.keys}: ${request.col0}+${request.cols}`);
    assert.ok(request.rows > view.queries[1] - view.queries[0] && request.cols > view.keys[1] - view.keys[0], 'with a margin for small pans');
    const status = page.page.locator('.heatmap-tile-status');
    assert.equal(await status.innerText(), 'Exact weights loading…');
    await page.page.locator('.analysis').screenshot({ path: new URL('heatmap-long-loading.png', ARTIFACTS).pathname });

    // A cell well inside the view, found by its labels.
    const rowLabels = await page.page.locator('.row-labels .label').evaluateAll((nodes) => nodes.map((n) => Number((n as unknown as PageCanvas).getAttribute('data-index'))));
    const colLabels = await page.page.locator('.col-labels .label').evaluateAll((nodes) => nodes.map((n) => Number((n as unknown as PageCanvas).getAttribute('data-index'))));
    const query = rowLabels[Math.floor(rowLabels.length * 0.4)];
    const key = colLabels[Math.floor(colLabels.length * 0.6)];
    const row = (await page.page.locator(`.row-labels .label[data-index="${query}"]`).boundingBox())!;
    const col = (await page.page.locator(`.col-labels .label[data-index="${key}"]`).boundingBox())!;
    const centre = { x: col.x + col.width / 2, y: row.y + row.height / 2 };
    await page.page.mouse.move(centre.x, centre.y);
    assert.match(await page.page.locator('.tooltip .tooltip-block').innerText(), /^Queries [\d,]+–[\d,]+ × keys [\d,]+–[\d,]+: largest weight 0\.\d{4}$/, 'a block before the tile');

    // Another analysis's tile (all weights 1) changes nothing.
    await page.send(tileFor(request, ANALYSIS_ID - 1, 1));
    assert.equal(await weightsState(page), 'loading');
    assert.equal(await page.page.locator('.tooltip .tooltip-block').count(), 1, 'still the block');
    assert.equal(await page.page.locator('.summary').count(), 1, 'the panel is still there');

    await page.send(tileFor(request));
    assert.equal(await weightsState(page), 'exact');
    assert.equal(await status.isVisible(), false, 'the indicator is gone');
    const exact = choiceWeight('average', query, key);
    assert.equal(await page.page.locator('.tooltip .tooltip-weight').innerText(), exact.toFixed(4), 'the tooltip shown is now exact');
    assert.deepEqual(await page.page.locator('.tooltip .tooltip-index').allTextContents(), [`#${query + 1}`, `#${key + 1}`]);
    assert.deepEqual(await page.page.locator('.tooltip .tooltip-token').allTextContents(), [`w${query + 1}`, `w${key + 1}`]);
    // Its pixel in the exact cell's colour (the colour scale's top is the overview's largest weight, the true one).
    const canvas = (await page.page.locator('canvas.cells').boundingBox())!;
    const [colour] = await pixels(page, [[Math.floor(centre.x - canvas.x), Math.floor(centre.y - canvas.y)]]);
    const want = weightColor(exact, largest(long5000().overviews.get('average')!));
    assert.ok(Math.max(...colour.map((c, ch) => Math.abs(c - want[ch]))) <= 1, `the cell is drawn exact: ${colour}, expected ${want}`);

    // The keyboard's cell, announced exactly.
    await page.page.mouse.move(0, 0);
    await keys(page, 'ArrowDown');
    const [q, k] = (await page.page.locator('.tooltip-index').allTextContents()).map((t) => Number(t.slice(1)) - 1);
    assert.equal(await page.page.locator('.heatmap [aria-live]').innerText(), `Query w${q + 1} (#${q + 1}), key w${k + 1} (#${k + 1}): weight ${choiceWeight('average', q, k).toFixed(4)}`);

    // A small pan stays within the tile: nothing new is asked for.
    await keys(page, 'ArrowRight', 'ArrowRight');
    await page.page.mouse.move(centre.x, centre.y);
    await page.page.mouse.wheel(0, 60);
    await page.page.waitForTimeout(300);
    assert.equal((await posted(page, 'requestTile')).length, 1, 'a small pan needs no new tile');
    assert.equal(await weightsState(page), 'exact');
    await page.page.mouse.move(0, 0);
    await page.page.locator('canvas.cells').blur();
    await page.page.locator('.analysis').screenshot({ path: new URL('heatmap-long-zoomed.png', ARTIFACTS).pathname });

    // Another head keeps the zoom and asks for that head's tile; a failure is said, and the overview stays.
    const zoom = (await visible(page)).zoom;
    await keys(page, ']');
    assert.equal((await visible(page)).zoom, zoom, 'the same zoom');
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.filter((m) => (m as { type: string }).type === 'requestTile').length === 2);
    const second = (await posted<TileRequest>(page, 'requestTile'))[1];
    assert.equal(second.head, 'maximum', 'the next choice after the average: the maximum');
    assert.equal(await weightsState(page), 'loading');
    await page.send({ type: 'tileFailed', analysisId: ANALYSIS_ID, message: 'out of memory' });
    assert.equal(await weightsState(page), 'failed');
    assert.equal(await status.innerText(), 'Exact weights could not be loaded: out of memory');
    await page.page.waitForTimeout(300);
    assert.equal((await posted(page, 'requestTile')).length, 2, 'the failed tile is not asked for again at once');
  });

  it('between 1,025 and 2,048 tokens draws an overview yet asks for the steps of a clicked cell', async () => {
    const n = 1500;
    const message = longAnalysis(n, (head) => blockMax(n, (q, k) => choiceWeight(head, q, k)));
    const page = await open();
    await page.send(message);
    await page.page.locator('canvas.cells').click({ position: { x: 200, y: 300 } });
    await page.page.waitForTimeout(200);
    const asked = await posted(page, 'requestSteps');
    assert.ok(asked.length >= 1, 'the cell\'s arithmetic asks for its head\'s steps');
    assert.doesNotMatch(await page.page.locator('.heatmap-arithmetic').innerText(), /up to 2,048 tokens/);
  });

  it('shows why the steps and the arithmetic are not there, and asks for no steps', async () => {
    const { message } = long5000();
    const page = await open();
    await page.send(message);
    assert.equal(
      await page.page.locator('.heatmap-arithmetic').innerText(),
      'The arithmetic of a cell is shown for selections of up to 2,048 tokens; this one has 5,000. Select fewer tokens to see how a weight came about.',
    );
    await page.page.locator('canvas.cells').click({ position: { x: 200, y: 300 } });
    await page.page.locator('#tab-steps').click();
    assert.equal(
      await page.page.locator('.steps-panel').innerText(),
      'The steps view shows selections of up to 2,048 tokens; this one has 5,000. Select fewer tokens to follow the steps.',
    );
    await keys(page, ']');
    await page.page.waitForTimeout(200);
    assert.deepEqual(await posted(page, 'requestSteps'), [], 'no steps asked for');
    // The gallery's thumbnails are drawn from the overviews: the band on the diagonal, dark elsewhere.
    const thumb = await page.page.locator('.gallery-thumb').first().evaluate((element) => {
      const canvas = element as unknown as PageCanvas;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const q = Math.floor(canvas.width / 4);
      const [d, o] = [(q * canvas.width + q) * 4, (q * canvas.width + canvas.width - 1 - q) * 4];
      return { diagonal: data[d] + data[d + 1] + data[d + 2], off: data[o] + data[o + 1] + data[o + 2] };
    });
    assert.ok(thumb.diagonal > thumb.off + 200, `the average's thumbnail shows the diagonal band (${thumb.diagonal} against ${thumb.off})`);
  });

  it('redraws the overview at fit quickly (the figure is printed), 5,000 and 16,384 tokens', async () => {
    const figures: string[] = [];
    for (const n of [N, 16384]) {
      const size = overviewSize(n);
      // For timing only: overviews straight from a formula of the block (no tiles are drawn).
      const synthetic = (head: HeadChoice) => {
        const h = head === 'average' ? 0.5 : head === 'maximum' ? 1 : head;
        const out = new Float32Array(size * size);
        for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) out[r * size + c] = 0.5 / (1 + Math.abs(r - c - 4 * h)) + ((r * 31 + c * 17) % 97) / 9700;
        return out;
      };
      const message = n === N ? long5000().message : longAnalysis(n, synthetic);
      const page = await open();
      // The panel's own handling of the message (parsing it, the overview's levels, the first drawing, the gallery), timed in the page.
      const shownMs = await page.page.evaluate((m) => {
        const g = globalThis as unknown as PageGlobals;
        const at = performance.now();
        g.dispatchEvent(new g.MessageEvent('message', { data: m }));
        return performance.now() - at;
      }, message as unknown);
      const times = await page.page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals & { KeyboardEvent: new (type: string, init: Record<string, unknown>) => unknown };
        const canvas = g.document.querySelector('canvas.cells') as unknown as { focus(): void; dispatchEvent(e: unknown): boolean };
        canvas.focus();
        const fit: number[] = [];
        // No named closures in page functions: the TypeScript loader would wrap them in a helper the page lacks.
        canvas.dispatchEvent(new g.KeyboardEvent('keydown', { key: '+', bubbles: true, cancelable: true }));
        for (let i = 0; i < 9; i++) {
          canvas.dispatchEvent(new g.KeyboardEvent('keydown', { key: '+', bubbles: true, cancelable: true }));
          const at = performance.now();
          canvas.dispatchEvent(new g.KeyboardEvent('keydown', { key: '0', bubbles: true, cancelable: true }));
          fit.push(performance.now() - at);
        }
        return fit;
      });
      const width = await page.page.locator('canvas.cells').evaluate((c) => (c as unknown as PageCanvas).width);
      figures.push(`${formatCount(n)} tokens (overview ${size}², ${width}×${width} device px): redraw at fit ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}), the analysis message handled and first drawn in ${shownMs.toFixed(0)} ms`);
      assert.ok(median(times) <= 50, `redraw at fit of ${n} tokens: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
      assert.deepEqual([...(await page.cspViolations()), ...page.problems], [], 'no CSP violations or errors');
      await pages.close();
    }
    console.log(`long-selection heatmap: ${figures.join('; ')}`);
  });
});
