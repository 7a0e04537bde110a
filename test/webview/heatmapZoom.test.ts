/**
 * The heatmap of the largest selection sent whole (1,024 tokens: FULL_VIEW_MAX_TOKENS; longer ones
 * come as overviews, test/webview/heatmapLong.test.ts) in the real panel, headless Chromium: drawn as a
 * whole within 50 ms with each pixel the largest weight of its block, zoomed with Ctrl+wheel, the
 * keyboard and the buttons, panned with the wheel, the cursor keys and the minimap, labelled where
 * labels fit, the tooltip exact at any zoom, and the canvas never larger than the view. Run
 * `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { averageHeads } from '../../src/common/attention/headAverage';
import { FULL_VIEW_MAX_TOKENS } from '../../src/common/attention/longSelection';
import { weightColor, type Rgb } from '../../webview/src/attention/colorScale';
import type { PanelPage } from './support/panelPage';
import { sampleAnalysis } from './support/sampleAnalysis';
import { usePanelPages } from './support/suiteHooks';
import { THEMES } from './support/themes';

const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);
const N = FULL_VIEW_MAX_TOKENS;

const pages = usePanelPages({ width: 1400, height: 1000, deviceScaleFactor: 1 });
const open = pages.open;

/** N distinct words (the tokenizer makes each one token): syllables counted in base 16. */
function longText(): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ba', 'de', 'fu', 'go', 'hi', 'ja', 'po', 'ze'];
  return Array.from({ length: N }, (_, i) => syllables[(i >> 8) & 15] + syllables[(i >> 4) & 15] + syllables[i & 15]).join(' ');
}

type Message = ReturnType<typeof sampleAnalysis>;
const messages = new Map<string, Message>();
/** Computed once per mask by the real engine: a second or so each. */
function long(mask: 'none' | 'causal' = 'none'): Message {
  let message = messages.get(mask);
  if (!message) {
    message = sampleAnalysis({ text: longText(), maxTokens: N, config: { dModel: 64, heads: 2, mask } });
    assert.equal(message.view.tokens.length, N);
    messages.set(mask, message);
  }
  return message;
}

/** What the heatmap shows by default: the average of the heads, and its largest weight. */
function shown(message: Message): { values: readonly number[]; max: number } {
  const values = averageHeads(message.view.weights);
  let max = 0;
  for (const w of values) if (w > max) max = w;
  return { values, max };
}


/** The browser-side shapes these page functions touch (the tests compile without the DOM library). */
interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}
interface PageNode {
  readonly textContent: string | null;
  hidden: boolean;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  dispatchEvent(event: unknown): boolean;
  focus(): void;
}
interface Canvas extends PageNode {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
interface Page {
  document: { querySelector(s: string): PageNode | null; querySelectorAll(s: string): ArrayLike<PageNode>; activeElement: unknown };
  KeyboardEvent: new (type: string, init: Record<string, unknown>) => unknown;
  WheelEvent: new (type: string, init: Record<string, unknown>) => unknown;
  getComputedStyle(node: PageNode): { borderTopColor: string; getPropertyValue(name: string): string };
  scrollY: number;
}

interface ViewState {
  zoom: number;
  /** Visible queries and keys, 1-based and inclusive, from the range line beside the matrix. */
  queries: [number, number];
  keys: [number, number];
  rowLabels: number[];
  colLabels: number[];
  minimapShown: boolean;
  canvas: { width: number; height: number; css: Box };
  grid: Box;
}

async function state(page: PanelPage): Promise<ViewState> {
  // No named functions in page functions: the TypeScript loader wraps them in a helper the page lacks.
  const raw = await page.page.evaluate(() => {
    const doc = (globalThis as unknown as Page).document;
    const canvas = doc.querySelector('canvas.cells') as Canvas;
    const [css, grid] = [canvas, doc.querySelector('.grid')!].map((n) => {
      const { left, top, width, height } = n.getBoundingClientRect();
      return { left, top, width, height };
    });
    return {
      zoom: Number(doc.querySelector('.heatmap')!.getAttribute('data-zoom')),
      range: doc.querySelector('.heatmap-range')!.textContent ?? '',
      rowLabels: Array.from(doc.querySelectorAll('.row-labels .label'), (n) => Number(n.getAttribute('data-index'))),
      colLabels: Array.from(doc.querySelectorAll('.col-labels .label'), (n) => Number(n.getAttribute('data-index'))),
      minimapShown: !doc.querySelector('.minimap')!.hidden,
      canvas: { width: canvas.width, height: canvas.height, css },
      grid,
    };
  });
  const range = /^Queries (\d+)–(\d+), keys (\d+)–(\d+) of (\d+)$/.exec(raw.range);
  assert.ok(range, `the range line: ${raw.range}`);
  const [q0, q1, k0, k1, n] = range.slice(1).map(Number);
  assert.equal(n, N);
  return { ...raw, queries: [q0, q1], keys: [k0, k1] };
}

/** The centre (client px) of the cell (query, key), found from its row and column labels: shown, and aligned. */
async function labelledCellCentre(page: PanelPage, query: number, key: number): Promise<{ x: number; y: number }> {
  const row = await page.page.locator(`.row-labels .label[data-index="${query}"]`).boundingBox();
  const col = await page.page.locator(`.col-labels .label[data-index="${key}"]`).boundingBox();
  assert.ok(row && col, `labels for query ${query} and key ${key} are shown`);
  return { x: col.x + col.width / 2, y: row.y + row.height / 2 };
}

async function press(page: PanelPage, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.page.keyboard.press(key);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('heatmap of a long selection (webview): zoom, pan, minimap', () => {
  it('draws 1,024 × 1,024 weights in at most 50 ms, at fit and zoomed (the figure is printed)', async () => {
    const page = await open();
    const message = long();
    await page.send(message);
    const figures = await page.page.evaluate(() => {
      const g = globalThis as unknown as Page;
      const canvas = g.document.querySelector('canvas.cells') as Canvas;
      canvas.focus();
      // [event, its argument, what it measures]; a + first: the minimap's first drawing is once per matrix.
      const plan: ['key' | 'wheel', string | number, string][] = [['key', '+', 'warm-up']];
      for (let i = 0; i < 7; i++) {
        plan.push(['key', '0', 'fit']); // the whole matrix: 1 M weights into the canvas
        plan.push(['key', '+', 'zoomed']); // zoom 2×: a quarter of them, still thinner than a pixel
        plan.push(['wheel', i % 2 ? -40 : 40, 'pan2']);
      }
      for (let i = 0; i < 8; i++) plan.push(['key', '+', 'warm-up']); // to the largest cells
      for (let i = 0; i < 7; i++) plan.push(['wheel', i % 2 ? -40 : 40, 'panMax']);
      // Another head: new weights, so new colour levels (one pass over them) and a redraw; the
      // panel's other work (the largest weight, the head gallery's mark) is in the figure too.
      for (let i = 0; i < 5; i++) plan.push(['key', ']', 'head']);
      const times: Record<string, number[]> = {};
      for (const [kind, arg, bucket] of plan) {
        const event = kind === 'key' ? new g.KeyboardEvent('keydown', { key: arg, bubbles: true, cancelable: true }) : new g.WheelEvent('wheel', { deltaY: arg, bubbles: true, cancelable: true });
        const started = performance.now();
        canvas.dispatchEvent(event);
        (times[bucket] ??= []).push(performance.now() - started);
      }
      return { fit: times.fit, zoomed: times.zoomed, pan2: times.pan2, panMax: times.panMax, head: times.head, width: canvas.width, height: canvas.height };
    });
    const report = (values: number[]) => `${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)})`;
    console.log(
      `heatmap of ${N} tokens on a ${figures.width}×${figures.height} device-px canvas: redraw at fit ${report(figures.fit)}, ` +
        `zoom 2× ${report(figures.zoomed)}, pan at 2× ${report(figures.pan2)}, pan at 48 px cells ${report(figures.panMax)}; ` +
        `switching head (new weights) ${report(figures.head)}`,
    );
    assert.ok(figures.width >= 600 && figures.width <= 1000, `a canvas of about 800 device px (${figures.width})`);
    assert.ok(median(figures.fit) <= 50, `redraw at fit: ${figures.fit.join(', ')} ms`);
    assert.ok(median(figures.zoomed) <= 50, `zoomed redraw: ${figures.zoomed.join(', ')} ms`);
    assert.ok(median(figures.panMax) <= 50, `pan at the largest cells: ${figures.panMax.join(', ')} ms`);
  });

  for (const mask of ['none', 'causal'] as const) {
    it(`shows in each pixel of the whole matrix the largest weight of its block (mask: ${mask})`, async () => {
      const page = await open();
      const message = long(mask);
      await page.send(message);
      const { values, max } = shown(message);
      const size = await page.page.locator('canvas.cells').evaluate((c) => (c as unknown as Canvas).width);
      assert.ok(size < N, `cells thinner than a pixel (${size} px for ${N} tokens)`);
      // Every pixel of a few whole rows, and a spread of others, and the one holding the largest weight.
      const samples: [number, number][] = [];
      for (const y of [0, 1, Math.floor(size / 3), size - 1]) for (let x = 0; x < size; x++) samples.push([x, y]);
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * size;
      for (let i = 0; i < 4000; i++) samples.push([Math.floor(random()), Math.floor(random())]);
      const top = values.indexOf(max);
      const pixelOf = (cell: number) => Math.ceil(((cell + 1) * size) / N) - 1;
      samples.push([pixelOf(top % N), pixelOf(Math.floor(top / N))]);
      const colors = await page.page.locator('canvas.cells').evaluate((element, points) => {
        const canvas = element as unknown as Canvas;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        return points.map(([x, y]) => [data[(y * canvas.width + x) * 4], data[(y * canvas.width + x) * 4 + 1], data[(y * canvas.width + x) * 4 + 2]]);
      }, samples);
      const block = (p: number) => [Math.floor((p * N) / size), Math.floor(((p + 1) * N) / size)];
      let hatched = 0;
      samples.forEach(([x, y], i) => {
        const [q0, q1] = block(y);
        const [k0, k1] = block(x);
        let largest = -Infinity;
        for (let q = q0; q < q1; q++) for (let k = k0; k < k1; k++) if (!(mask === 'causal' && k > q) && values[q * N + k] > largest) largest = values[q * N + k];
        const color = colors[i] as unknown as Rgb;
        if (largest === -Infinity) {
          // Every cell of the block is masked: the hatching, on the background or its line, never a weight.
          hatched++;
          assert.ok(color.every((c) => c === 255) || (color[0] === color[1] && color[1] === color[2]), `pixel ${x},${y} (all masked) is hatched, not ${color}`);
          return;
        }
        const expected = weightColor(largest, max);
        const off = Math.max(...color.map((c, ch) => Math.abs(c - expected[ch])));
        assert.ok(off <= 1, `pixel ${x},${y} (cells ${q0}–${q1 - 1} × ${k0}–${k1 - 1}) is ${color}, expected ${expected} for the block's largest weight ${largest}`);
      });
      assert.deepEqual(colors.at(-1), [...weightColor(max, max)], 'the single largest weight shows in the top colour');
      if (mask === 'causal') assert.ok(hatched > samples.length / 4, `the masked triangle is hatched (${hatched} of ${samples.length} samples)`);
    });
  }

  it('zooms with Ctrl+wheel around the pointer and with the keyboard; the view, its range and its labels follow', async () => {
    const page = await open();
    const message = long();
    await page.send(message);
    const fit = await state(page);
    assert.deepEqual([fit.zoom, fit.queries, fit.keys, fit.minimapShown], [1, [1, N], [1, N], false], 'the whole matrix at first');
    const fitStride = fit.rowLabels[1] - fit.rowLabels[0];
    assert.ok(fit.rowLabels.length >= 20 && fitStride > 1, `spaced labels at fit: every ${fitStride}th of ${N}`);
    assert.ok(fit.rowLabels.every((index) => index % fitStride === 0));

    // Ctrl+wheel at a point a third of the way in: that point of the matrix stays under the pointer.
    const box = fit.canvas.css;
    const at = { x: box.left + box.width / 3, y: box.top + box.height / 4 };
    await page.page.mouse.move(at.x, at.y);
    const before = await page.page.locator('.tooltip-index').allTextContents();
    await page.page.keyboard.down('Control');
    await page.page.mouse.wheel(0, -400);
    await page.page.keyboard.up('Control');
    await page.page.waitForFunction(() => Number((globalThis as unknown as Page).document.querySelector('.heatmap')!.getAttribute('data-zoom')) > 1);
    const wheeled = await state(page);
    assert.ok(wheeled.zoom > 3, `zoomed in (${wheeled.zoom}×)`);
    assert.ok(wheeled.queries[1] - wheeled.queries[0] < N / 3 && wheeled.keys[1] - wheeled.keys[0] < N / 3, `fewer cells in view: ${wheeled.queries} × ${wheeled.keys}`);
    assert.ok(wheeled.keys[0] > 1 && wheeled.keys[0] < N / 3 && wheeled.keys[1] > N / 3, `around the pointer: keys ${wheeled.keys}`);
    const after = await page.page.locator('.tooltip-index').allTextContents();
    const near = (a: string, b: string) => Math.abs(Number(a.slice(1)) - Number(b.slice(1))) <= 4;
    assert.ok(near(before[0], after[0]) && near(before[1], after[1]), `the cell under the pointer stays: ${before} → ${after}`);
    const stride = wheeled.rowLabels[1] - wheeled.rowLabels[0];
    assert.ok(stride < fitStride, `labels closer in tokens when zoomed (every ${stride}th, was ${fitStride}th)`);
    assert.ok(wheeled.rowLabels[0] >= wheeled.queries[0] - 1 && wheeled.rowLabels.at(-1)! <= wheeled.queries[1] - 1, 'labels of the visible rows only');
    assert.ok(wheeled.minimapShown, 'the minimap shows when zoomed in');

    // The wheel alone pans the zoomed view, and the page does not scroll.
    const scrollY = await page.page.evaluate(() => (globalThis as unknown as Page).scrollY);
    await page.page.mouse.wheel(0, 300);
    await page.page.waitForFunction((q0) => !(globalThis as unknown as Page).document.querySelector('.heatmap-range')!.textContent!.startsWith(`Queries ${q0}–`), wheeled.queries[0]);
    const panned = await state(page);
    assert.ok(panned.queries[0] > wheeled.queries[0], `panned down: queries ${wheeled.queries} → ${panned.queries}`);
    assert.deepEqual(panned.keys, wheeled.keys, 'a vertical wheel keeps the columns');
    assert.equal(await page.page.evaluate(() => (globalThis as unknown as Page).scrollY), scrollY, 'the page stays put');
    assert.notDeepEqual(panned.rowLabels, wheeled.rowLabels, 'the labels follow the view');

    // The keyboard: 0 shows the whole matrix, + zooms by 2 around the cursor, the arrows and Page Down move the view with the cursor.
    await page.page.locator('canvas.cells').focus();
    await press(page, '0');
    assert.deepEqual((await state(page)).queries, [1, N]);
    await press(page, '+', 4);
    const keyboard = await state(page);
    assert.ok(Math.abs(keyboard.zoom - 16) < 0.1, `four steps of 2× (${keyboard.zoom})`);
    assert.match(await page.page.locator('.heatmap [aria-live]').innerText(), /^Zoom 16×: queries \d+–\d+, keys \d+–\d+ of 1024$/);
    const rows = keyboard.queries[1] - keyboard.queries[0] + 1;
    await press(page, 'PageDown', 3);
    const paged = await state(page);
    const cursor = Number((await page.page.locator('.tooltip-index').first().innerText()).slice(1));
    assert.ok(paged.queries[0] > keyboard.queries[0] + rows, `Page Down moved the view: ${keyboard.queries} → ${paged.queries}`);
    assert.ok(cursor >= paged.queries[0] && cursor <= paged.queries[1], `the cursor's row ${cursor} is in view ${paged.queries}`);
    await press(page, 'ArrowRight', rows + 5);
    const moved = await state(page);
    assert.ok(moved.keys[0] > keyboard.keys[0], `the arrows scroll the view with the cursor: keys ${keyboard.keys} → ${moved.keys}`);
    await press(page, '-');
    assert.ok(Math.abs((await state(page)).zoom - 8) < 0.1, '− zooms out by 2');
    await press(page, '0');
    const back = await state(page);
    assert.deepEqual([back.zoom, back.queries, back.keys, back.minimapShown], [1, [1, N], [1, N], false], '0: the whole matrix again');
  });

  it('after zooming, the tooltip and the announcement name the exact cell and its own weight', async () => {
    const page = await open();
    const message = long();
    const { values } = shown(message);
    const tokens = message.view.tokens.map((t) => t.text);
    await page.send(message);
    for (let i = 0; i < 6; i++) await page.page.locator('.heatmap-zoom-button[data-zoom="in"]').click();
    assert.equal(await page.page.locator('.heatmap-zoom-button[data-zoom="in"]').getAttribute('aria-label'), 'Zoom in (+)');
    const view = await state(page);
    assert.ok(view.zoom >= 32, `zoomed in with the button (${view.zoom}×)`);
    // Two labelled cells well inside the view; their labels give where they are.
    for (const pick of [0.3, 0.7]) {
      const query = view.rowLabels[Math.floor(view.rowLabels.length * pick)];
      const key = view.colLabels[Math.floor(view.colLabels.length * (1 - pick))];
      const centre = await labelledCellCentre(page, query, key);
      await page.page.mouse.move(centre.x, centre.y);
      const tooltip = page.page.locator('.tooltip');
      assert.ok(await tooltip.isVisible());
      assert.deepEqual(await tooltip.locator('.tooltip-token').allTextContents(), [tokens[query], tokens[key]]);
      assert.deepEqual(await tooltip.locator('.tooltip-index').allTextContents(), [`#${query + 1}`, `#${key + 1}`]);
      assert.equal(await tooltip.locator('.tooltip-weight').innerText(), values[query * N + key].toFixed(4));
      assert.deepEqual(await page.page.locator('.row-labels .label.active').allTextContents(), [tokens[query]], 'the query label is marked');
      assert.deepEqual(await page.page.locator('.col-labels .label.active').allTextContents(), [tokens[key]], 'the key label is marked');
    }
    // The keyboard's cell, announced with its exact weight.
    await page.page.locator('canvas.cells').focus();
    await press(page, 'ArrowDown');
    await press(page, 'ArrowRight');
    const [q, k] = (await page.page.locator('.tooltip-index').allTextContents()).map((text) => Number(text.slice(1)) - 1);
    const weight = values[q * N + k].toFixed(4);
    assert.equal(await page.page.locator('.tooltip-weight').innerText(), weight);
    assert.equal(await page.page.locator('.heatmap [aria-live]').innerText(), `Query ${tokens[q]} (#${q + 1}), key ${tokens[k]} (#${k + 1}): weight ${weight}`);
  });

  it('shows a minimap when zoomed, its rectangle in the focus border colour; clicking or dragging on it moves the view', async () => {
    const page = await open();
    const dark = THEMES.find((theme) => theme.name === 'dark')!;
    await page.setTheme(dark.bodyClass, dark.variables);
    await page.send(long());
    assert.equal(await page.page.locator('.minimap').isVisible(), false, 'no minimap at fit');
    await page.page.locator('canvas.cells').focus();
    await press(page, '+', 3);
    const minimap = page.page.locator('.minimap');
    assert.ok(await minimap.isVisible());
    const map = (await minimap.boundingBox())!;
    const frame = (await page.page.locator('.minimap-view').boundingBox())!;
    assert.ok(Math.abs(frame.width - map.width / 8) <= 2 && Math.abs(frame.height - map.height / 8) <= 2, `the rectangle is an eighth of the minimap at 8× (${frame.width}×${frame.height} of ${map.width})`);
    assert.equal(await page.page.locator('.minimap-view').evaluate((n) => (globalThis as unknown as Page).getComputedStyle(n as unknown as PageNode).borderTopColor), 'rgb(0, 120, 212)', "the dark theme's focus border colour");
    const centreOf = (s: ViewState) => [(s.queries[0] + s.queries[1]) / 2 / N, (s.keys[0] + s.keys[1]) / 2 / N];

    await page.page.mouse.click(map.x + map.width * 0.75, map.y + map.height * 0.6);
    const clicked = centreOf(await state(page));
    assert.ok(Math.abs(clicked[0] - 0.6) < 0.02 && Math.abs(clicked[1] - 0.75) < 0.02, `the view is centred where the minimap was clicked: ${clicked}`);

    await page.page.mouse.move(map.x + map.width * 0.2, map.y + map.height * 0.2);
    await page.page.mouse.down();
    await page.page.mouse.move(map.x + map.width * 0.3, map.y + map.height * 0.5, { steps: 5 });
    await page.page.mouse.move(map.x + map.width * 0.4, map.y + map.height * 0.98, { steps: 5 });
    await page.page.mouse.up();
    const dragged = await state(page);
    const centre = centreOf(dragged);
    assert.ok(Math.abs(centre[1] - 0.4) < 0.02, `dragged across: keys centred at ${centre[1]}`);
    assert.ok(dragged.queries[1] === N, `dragged to the bottom, as far as the edge allows: queries ${dragged.queries}`);
    const moved = (await page.page.locator('.minimap-view').boundingBox())!;
    assert.ok(Math.abs(moved.y + moved.height - (map.y + map.height)) <= 2, 'the rectangle follows the view');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.page.locator('.heatmap').screenshot({ path: new URL('heatmap-zoom-1024.png', ARTIFACTS).pathname });
    await page.page.locator('.heatmap-side').screenshot({ path: new URL('heatmap-zoom-minimap.png', ARTIFACTS).pathname });
  });

  it('keeps the canvas the size of the view at every zoom (memory stays bounded)', async () => {
    const page = await open({ deviceScaleFactor: 2 });
    await page.send(long('causal'));
    const fit = await state(page);
    const sizes: string[] = [];
    await page.page.locator('canvas.cells').focus();
    for (let step = 0; step <= 8; step++) {
      const s = await state(page);
      sizes.push(`${s.zoom}×: ${s.canvas.width}×${s.canvas.height}`);
      assert.deepEqual([s.canvas.width, s.canvas.height], [fit.canvas.width, fit.canvas.height], `the canvas at ${s.zoom}× is the view's size`);
      assert.ok(s.canvas.css.width <= s.grid.width + 0.5 && s.canvas.css.height <= s.grid.height + 0.5, 'and no larger than its box');
      assert.ok(Math.abs(s.canvas.width - s.canvas.css.width * 2) <= 1, 'crisp at devicePixelRatio 2');
      await press(page, '+');
    }
    const last = await state(page);
    // As far as the zoom goes: the + button says it can go no further.
    assert.equal(await page.page.locator('.heatmap-zoom-button[data-zoom="in"]').getAttribute('aria-disabled'), 'true', `zoomed to the largest cells (${last.zoom}×)`);
    const scrollWidth = await page.page.locator('.heatmap').evaluate((n) => (n as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth - (n as unknown as { clientWidth: number }).clientWidth);
    assert.equal(scrollWidth, 0, 'nothing overflows the panel');
    console.log(`canvas at every zoom (DPR 2): ${sizes.join(', ')}`);
    // Large cells print their weights, masked cells stay hatched: a look at the largest zoom.
    await page.page.locator('canvas.cells').blur();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.page.locator('.heatmap').screenshot({ path: new URL('heatmap-zoom-cells.png', ARTIFACTS).pathname });
  });
});
