/**
 * The matrix view (webview/src/steps/matrixView.ts) in headless Chromium, on its own page
 * (support/componentPage.ts): the colours of its cells, its tooltip, keyboard and selection, a
 * 256 × 512 matrix's speed, scrolling and zoom, the table, highlights, labels as text, and themes.
 * Run `npm run build` first (the page uses dist/webview/styles.css).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { cellColor, maxAbsValue, type Rgb, type ThemeColors } from '../../webview/src/steps/matrixColors';
import { CANVAS_PAD, formatValue } from '../../webview/src/steps/matrixGeometry';
import { mount, setTheme, useComponentHarness, type ThemeName } from './support/componentPage';
import { THEMES } from './support/themes';
import { wave, type MatrixPageData, type MatrixPageResult } from './fixtures/matrixViewData';

const harness = useComponentHarness(new URL('./fixtures/matrixViewPage.ts', import.meta.url));
const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);
const XSS = '<img src=x onerror=alert(1)>';

/** 4 × 6, negatives and positives, an exact value with more than 6 significant digits at (2, 3). */
const SMALL: number[] = [
  [0, -1.5, 2.25, -0.5, 3, -3],
  [1, 0.25, -2, 0.75, -0.125, 1.5],
  [-2.5, 2.5, 0.5, 0.123456789, -1, 2],
  [0.01, -0.01, 1.25, -2.75, 2.75, -0.3],
].flat();
const SMALL_ROWS = ['我', '去', 'the', XSS];
const SMALL_COLS = ['d0', 'd1', 'd2', 'd3', 'd4', '<script>x()</script>'];

function small(extra: Partial<MatrixPageData> = {}): MatrixPageData {
  return { rows: 4, cols: 6, data: SMALL, rowLabels: SMALL_ROWS, colLabels: SMALL_COLS, scale: 'signed', label: 'X, 4 × 6', ...extra };
}

async function open(data: MatrixPageData, options: { theme?: ThemeName; deviceScaleFactor?: number; viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; result: MatrixPageResult }> {
  const page = await harness().open({ deviceScaleFactor: 2, viewport: { width: 1000, height: 700 }, ...options });
  const result = await mount<MatrixPageResult>(page, data);
  return { page, result };
}

function themeColors(name: ThemeName): ThemeColors {
  const theme = THEMES.find((candidate) => candidate.name === name)!;
  return { background: hex(theme.variables['--vscode-editor-background']), foreground: hex(theme.variables['--vscode-editor-foreground']), highContrast: name === 'high-contrast' };
}

function hex(color: string): Rgb {
  const digits = color.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as unknown as Rgb;
}

interface Geometry {
  readonly cell: number;
  readonly dpr: number;
  /** Client CSS px of the spacer's and the canvas's top-left. */
  readonly body: { x: number; y: number };
  readonly canvas: { x: number; y: number; width: number; height: number; cssWidth: number; cssHeight: number };
}

async function geometry(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): Box | null }; devicePixelRatio: number });
    type Box = { getBoundingClientRect(): { left: number; top: number; width: number; height: number }; dataset: Record<string, string>; width: number; height: number };
    const body = doc.document.querySelector('.mv-body')!.getBoundingClientRect();
    const canvas = doc.document.querySelector('.mv-canvas')!;
    const rect = canvas.getBoundingClientRect();
    return {
      cell: Number(doc.document.querySelector('.mv')!.dataset.cellSize),
      dpr: doc.devicePixelRatio,
      body: { x: body.left, y: body.top },
      canvas: { x: rect.left, y: rect.top, width: canvas.width, height: canvas.height, cssWidth: rect.width, cssHeight: rect.height },
    };
  });
}

/** Client CSS px of a point of cell (row, col), fx/fy across it (0.5: its centre). */
function clientPoint(g: Geometry, row: number, col: number, fx = 0.5, fy = 0.5): { x: number; y: number } {
  return { x: g.body.x + CANVAS_PAD + (col + fx) * g.cell, y: g.body.y + CANVAS_PAD + (row + fy) * g.cell };
}

/** The same point in the canvas's device pixels. */
function devicePoint(g: Geometry, client: { x: number; y: number }): { x: number; y: number } {
  return { x: Math.floor((client.x - g.canvas.x) * g.dpr), y: Math.floor((client.y - g.canvas.y) * g.dpr) };
}

/** The RGB of the canvas at device pixels. */
async function sample(page: Page, points: readonly { x: number; y: number }[]): Promise<Rgb[]> {
  return page.locator('.mv-canvas').evaluate((element, at) => {
    const canvas = element as unknown as { getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
    const ctx = canvas.getContext('2d');
    return at.map(({ x, y }) => {
      const d = ctx.getImageData(x, y, 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    });
  }, points);
}

async function cellPixels(page: Page, cells: readonly [number, number][], fx = 0.5, fy = 0.5): Promise<Rgb[]> {
  const g = await geometry(page);
  return sample(page, cells.map(([r, c]) => devicePoint(g, clientPoint(g, r, c, fx, fy))));
}

const tooltipText = (page: Page) => page.locator('.mv-tooltip').innerText();
const selected = (page: Page) => page.evaluate(() => (globalThis as unknown as { __selected: [number, number][] }).__selected);
const view = (page: Page, call: 'highlight' | 'repaint' | 'dispose', arg?: unknown) =>
  page.evaluate(([method, a]) => {
    const v = (globalThis as unknown as { __view: Record<string, (x?: unknown) => void> }).__view;
    v[method as string](a);
  }, [call, arg] as const);
const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));
const everyCell = (rows: number, cols: number) => Array.from({ length: rows * cols }, (_, i) => [Math.floor(i / cols), i % cols] as [number, number]);

describe('matrix view', () => {
  it('colours every cell of a signed matrix by its value: negatives blue, positives red, crisp at devicePixelRatio 2', async () => {
    const { page } = await open(small());
    const g = await geometry(page);
    assert.equal(g.cell, 32, 'a 4 × 6 matrix gets the largest cells');
    assert.equal(g.canvas.width, g.canvas.cssWidth * 2, 'the canvas has 2 device pixels per CSS pixel');
    const maxAbs = maxAbsValue(SMALL, 6);
    const theme = themeColors('light');
    // Two points per cell, near opposite corners: the whole cell has one colour.
    for (const [fx, fy] of [[0.2, 0.2], [0.8, 0.75]]) {
      const colors = await cellPixels(page, everyCell(4, 6), fx, fy);
      colors.forEach((color, i) => {
        assert.deepEqual(color, cellColor('signed', SMALL[i], maxAbs, theme), `cell ${Math.floor(i / 6)},${i % 6} (value ${SMALL[i]})`);
        if (SMALL[i] <= -1) assert.ok(color[2] > color[0] + 30, `value ${SMALL[i]} is bluish: ${color}`);
        if (SMALL[i] >= 1) assert.ok(color[0] > color[2] + 30 && color[0] > color[1] + 30, `value ${SMALL[i]} is reddish: ${color}`);
      });
    }
    const zero = (await cellPixels(page, [[0, 0]]))[0];
    assert.ok(distance(zero, theme.background) <= 25, `0 is close to the editor background: ${zero}`);
    assert.match(await page.locator('.mv-legend').innerText(), /−3[\s\S]*3/, 'the legend shows the ends, ±max |value|');
  });

  it('colours a 1 × 64 unit strip on viridis and fits it to the width', async () => {
    const data = Array.from({ length: 64 }, (_, i) => i / 63);
    const { page } = await open({ rows: 1, cols: 64, data, scale: 'unit', rowAxis: 'query', colAxis: 'key token', width: 760 }, { viewport: { width: 800, height: 400 } });
    const g = await geometry(page);
    assert.ok(g.cell >= 4 && g.cell < 32, `cells fit the width: ${g.cell}`);
    assert.ok(g.canvas.cssWidth <= 800, 'no horizontal scrolling');
    const colors = await cellPixels(page, everyCell(1, 64));
    colors.forEach((color, i) => assert.deepEqual(color, cellColor('unit', data[i], 1, themeColors('light')), `cell ${i}`));
  });

  it('shows the labels and exact value on hover and keyboard focus, moves with the keys, and selects with Enter and click', async () => {
    const { page } = await open(small());
    const g = await geometry(page);
    const at = clientPoint(g, 2, 3);
    await page.mouse.move(at.x, at.y);
    const hover = await tooltipText(page);
    for (const part of ['the', 'd3', '0.123457', '0.123456789', '#3', '#4']) assert.ok(hover.includes(part), `hover tooltip has ${part}: ${hover}`);

    await page.mouse.move(0, 0);
    await page.locator('.mv-canvas').focus();
    assert.ok((await tooltipText(page)).includes('我'), 'focus shows the first cell');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const moved = await tooltipText(page);
    assert.ok(moved.includes('去') && moved.includes('d1') && moved.includes('0.25'), `cell (1, 1) after → ↓: ${moved}`);
    assert.equal(await page.locator('.mv p[aria-live]').innerText(), 'token 去 (#2), dimension d1 (#2): 0.25', 'announced');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    assert.ok((await tooltipText(page)).includes('<script>x()</script>'), 'End goes to the last column');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Enter');
    const click = clientPoint(g, 3, 2);
    await page.mouse.click(click.x, click.y);
    assert.deepEqual(await selected(page), [[1, 1], [3, 5], [0, 0], [3, 2]]);
    assert.ok((await tooltipText(page)).includes('1.25'), 'the clicked cell is shown');
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('.mv-tooltip').isHidden(), 'Escape hides the tooltip');
    await view(page, 'dispose');
    assert.equal(await page.locator('.mv-tooltip').count(), 0, 'dispose removes the tooltip from the body');
  });

  it('opens a 256 × 512 matrix fast, with a canvas no bigger than the view, scrolls it and zooms', async () => {
    const { page, result } = await open({ rows: 256, cols: 512, generate: true, scale: 'signed' });
    console.log(`256 × 512 opened in ${result.openMs.toFixed(1)} ms`);
    assert.ok(result.openMs < 500, `opened in ${result.openMs} ms`);
    let g = await geometry(page);
    assert.equal(g.cell, 4, 'too wide to fit: 4 px cells and scroll');
    assert.ok(g.canvas.cssWidth <= 1000 && g.canvas.cssHeight <= 700, `canvas ${g.canvas.cssWidth} × ${g.canvas.cssHeight} CSS px`);
    const maxAbs = maxAbsValue(Array.from({ length: 256 * 512 }, (_, i) => wave(i)), 512);
    const theme = themeColors('light');

    await page.locator('.mv-scroller').evaluate((s) => {
      const scroller = s as unknown as { scrollLeft: number; scrollTop: number };
      scroller.scrollLeft = 1200;
      scroller.scrollTop = 600;
    });
    await page.waitForTimeout(50);
    g = await geometry(page);
    assert.ok(g.canvas.cssWidth <= 1000 && g.canvas.cssHeight <= 700, 'still a viewport-sized canvas');
    // Cells now under the canvas's middle, far from the start of the matrix: drawn with their values.
    const row = Math.floor((g.canvas.y + g.canvas.cssHeight / 2 - g.body.y - CANVAS_PAD) / g.cell);
    const col = Math.floor((g.canvas.x + g.canvas.cssWidth / 2 - g.body.x - CANVAS_PAD) / g.cell);
    assert.ok(row > 100 && col > 250, `scrolled to cell ${row}, ${col}`);
    const cells: [number, number][] = [[row, col], [row + 1, col + 3], [row - 2, col + 7]];
    (await cellPixels(page, cells)).forEach((color, i) => assert.deepEqual(color, cellColor('signed', wave(cells[i][0] * 512 + cells[i][1]), maxAbs, theme), `cell ${cells[i]}`));
    assert.ok((await page.locator('.mv-row-labels').innerText()).includes(`t${row - (row % 4)}`), 'the row labels follow the scroll');

    // The keyboard cursor starts at the first cell and scrolls the matrix to keep itself in view.
    await page.locator('.mv-canvas').focus();
    assert.deepEqual(await page.locator('.mv-scroller').evaluate((s) => [(s as unknown as { scrollLeft: number }).scrollLeft, (s as unknown as { scrollTop: number }).scrollTop]), [0, 0]);
    await page.keyboard.press('PageDown');
    const paged = await tooltipText(page);
    const pagedRow = Number(/#(\d+)/.exec(paged)![1]) - 1;
    assert.ok(pagedRow > 50, `PageDown moves by a screen of rows: ${paged}`);
    await page.keyboard.press('Control+End');
    const last = await tooltipText(page);
    assert.ok(last.includes('t255') && last.includes('d511') && last.includes(formatValue(wave(256 * 512 - 1))), last);
    assert.deepEqual((await cellPixels(page, [[255, 511]]))[0], cellColor('signed', wave(256 * 512 - 1), maxAbs, theme), 'the last cell is scrolled into view and drawn');

    await page.getByRole('button', { name: 'Zoom in' }).click();
    assert.ok((await geometry(page)).cell > 4, 'zoomed in');
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    assert.ok((await geometry(page)).cell < 4, 'zoomed out');
    await page.getByRole('button', { name: 'Fit the whole matrix in view' }).click();
    g = await geometry(page);
    assert.ok(g.cell * 512 <= 1000 && g.cell >= 1, `fit: ${g.cell} px cells`);
    const before = g.cell;
    await page.mouse.move(g.canvas.x + 100, g.canvas.y + 100);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await page.waitForTimeout(50);
    assert.ok((await geometry(page)).cell > before, 'Ctrl+wheel zooms in');
  });

  it('keeps the canvas viewport-sized for 2,048 × 2,048 at 32 px cells', async () => {
    const { page } = await open({ rows: 2048, cols: 2048, generate: true, scale: 'signed' });
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    const g = await geometry(page);
    assert.equal(g.cell, 32);
    assert.ok(g.canvas.width <= 2000 && g.canvas.height <= 1400, `canvas ${g.canvas.width} × ${g.canvas.height} device px`);
    assert.ok(await page.getByRole('button', { name: 'Zoom in' }).isDisabled(), 'no zooming past 32 px');
  });

  it('shows a table of every value with the labels as headers, paged over a big matrix to the last value', async () => {
    const { page } = await open(small());
    const toggle = page.getByRole('button', { name: 'Show as table' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    const table = page.locator('table.mv-table');
    assert.equal(await table.locator('caption').innerText(), 'X, 4 × 6. Rows: token; columns: dimension.');
    assert.deepEqual(await table.locator('thead th[scope="col"]').allTextContents(), ['token ↓ dimension →', ...SMALL_COLS]);
    assert.deepEqual(await table.locator('tbody th[scope="row"]').allTextContents(), SMALL_ROWS);
    assert.deepEqual(await table.locator('tbody td').allTextContents(), SMALL.map(formatValue));
    assert.ok(await page.locator('.mv-paging').isHidden(), 'one page: no paging controls');
    await toggle.click();
    assert.ok(await page.locator('.mv-canvas').isVisible(), 'back to the canvas');

    const big = await open({ rows: 256, cols: 512, generate: true, scale: 'signed' });
    await big.page.getByRole('button', { name: 'Show as table' }).click();
    const status = big.page.locator('.mv-page-status');
    assert.equal(await status.innerText(), 'rows 1–32 of 256, columns 1–64 of 512');
    assert.equal(await big.page.locator('table.mv-table tbody td').count(), 32 * 64);
    for (let i = 0; i < 7; i++) await big.page.getByRole('button', { name: 'Next rows' }).click();
    for (let i = 0; i < 7; i++) await big.page.getByRole('button', { name: 'Next columns' }).click();
    assert.equal(await status.innerText(), 'rows 225–256 of 256, columns 449–512 of 512');
    assert.ok(await big.page.getByRole('button', { name: 'Next rows' }).isDisabled());
    assert.ok(await big.page.getByRole('button', { name: 'Next columns' }).isDisabled());
    const last = big.page.locator('table.mv-table tbody tr').last();
    assert.equal(await last.locator('th').innerText(), 't255');
    assert.equal(await last.locator('td').last().innerText(), formatValue(wave(256 * 512 - 1)));
    assert.equal(await big.page.locator('table.mv-table thead th').last().innerText(), 'd511');
  });

  it('marks highlighted rows, columns and cell with outlines in the canvas and in the table', async () => {
    const { page } = await open(small());
    const focus = hex('#005fb8');
    const g = await geometry(page);
    // 2 CSS px outside a band's edge: the middle of its frame (1 px of background, 2 of focus colour).
    const above = (row: number, col: number) => devicePoint(g, { x: clientPoint(g, row, col).x, y: g.body.y + CANVAS_PAD + row * g.cell - 2.25 });
    const leftOf = (row: number, col: number) => devicePoint(g, { x: g.body.x + CANVAS_PAD + col * g.cell - 2.25, y: clientPoint(g, row, col).y });
    const below = (row: number, col: number) => devicePoint(g, { x: clientPoint(g, row, col).x, y: g.body.y + CANVAS_PAD + (row + 1) * g.cell + 1.75 });
    const rightOf = (row: number, col: number) => devicePoint(g, { x: g.body.x + CANVAS_PAD + (col + 1) * g.cell + 1.75, y: clientPoint(g, row, col).y });
    const probes = [above(1, 0), below(1, 5), leftOf(3, 4), rightOf(0, 4), above(2, 2), leftOf(2, 2), above(3, 0), leftOf(1, 1)];
    const before = await sample(page, probes);
    before.forEach((color, i) => assert.notDeepEqual(color, focus, `probe ${i} is not outlined yet`));

    await view(page, 'highlight', { rows: [1], cols: [4], cell: { row: 2, col: 2 } });
    const after = await sample(page, probes);
    after.slice(0, 6).forEach((color, i) => assert.deepEqual(color, focus, `probe ${i} is outlined in the focus colour`));
    assert.deepEqual(after.slice(6), before.slice(6), 'other rows and columns are not');
    const maxAbs = maxAbsValue(SMALL, 6);
    assert.deepEqual((await cellPixels(page, [[1, 2]]))[0], cellColor('signed', SMALL[8], maxAbs, themeColors('light')), 'highlighted cells keep their colour');
    assert.ok((await page.locator('.mv-row-labels .mv-label-marked').allTextContents()).includes('去'), 'the row label is marked');

    await page.getByRole('button', { name: 'Show as table' }).click();
    const current = () => page.locator('table.mv-table [aria-current="true"]').allTextContents();
    assert.deepEqual(await current(), ['d4', '去', formatValue(SMALL[2 * 6 + 2])]);
    assert.equal(await page.locator('table.mv-table tbody tr').nth(1).locator('td.mv-hl-line').count(), 6, 'the highlighted row’s cells');
    await view(page, 'highlight', {});
    assert.deepEqual(await current(), [], 'cleared in the table');
    await page.getByRole('button', { name: 'Show as table' }).click();
    assert.deepEqual(await sample(page, probes), before, 'cleared in the canvas');
  });

  it('shows labels that look like HTML as text', async () => {
    const { page } = await open(small());
    assert.ok((await page.locator('.mv-row-labels').innerText()).includes(XSS));
    assert.ok((await page.locator('.mv-col-labels').innerText()).includes('<script>x()</script>'));
    assert.equal(await page.locator('img, .mv script').count(), 0, 'no element made from a label');
    const g = await geometry(page);
    const at = clientPoint(g, 3, 5);
    await page.mouse.move(at.x, at.y);
    const tip = await tooltipText(page);
    assert.ok(tip.includes(XSS) && tip.includes('<script>x()</script>'), tip);
    await page.getByRole('button', { name: 'Show as table' }).click();
    assert.equal(await page.locator('table.mv-table tbody th').last().textContent(), XSS);
    assert.equal(await page.locator('img').count(), 0);
  });

  it('renders in the dark and high-contrast themes, and repaints when the theme changes', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The scale's ends come from the cells outside the mask.
    const maskedMax = maxAbsValue(SMALL, 6, (row, col) => col > row);
    for (const name of ['dark', 'high-contrast'] as const) {
      const { page } = await open(small({ masked: 'causal', maskedText: '−∞' }), { theme: name });
      await view(page, 'highlight', { rows: [1], cell: { row: 2, col: 1 } });
      const g = await geometry(page);
      const at = clientPoint(g, 3, 2);
      await page.mouse.move(at.x, at.y);
      await page.screenshot({ path: new URL(`matrix-${name}.png`, ARTIFACTS).pathname });
      const theme = themeColors(name);
      const visible: [number, number][] = [[0, 0], [1, 0], [1, 1], [2, 0], [2, 2], [3, 0], [3, 3]];
      (await cellPixels(page, visible, 0.2, 0.2)).forEach((color, i) => {
        const [r, c] = visible[i];
        assert.deepEqual(color, cellColor('signed', SMALL[r * 6 + c], maskedMax, theme), `${name}: cell ${r},${c}`);
      });
      const focus = hex(THEMES.find((t) => t.name === name)!.variables['--vscode-focusBorder']);
      const outline = devicePoint(g, { x: clientPoint(g, 1, 0).x, y: g.body.y + CANVAS_PAD + g.cell - 2.25 });
      assert.deepEqual((await sample(page, [outline]))[0], focus, `${name}: the outline in the theme's focus colour`);
      const masked = await cellPixels(page, [[0, 3]]);
      assert.ok(distance(masked[0], theme.background) < 90, `${name}: a masked cell is hatched over the background`);
    }

    const maxAbs = maxAbsValue(SMALL, 6);
    const { page } = await open(small());
    await setTheme(page, 'dark');
    await view(page, 'repaint');
    (await cellPixels(page, everyCell(4, 6))).forEach((color, i) => assert.deepEqual(color, cellColor('signed', SMALL[i], maxAbs, themeColors('dark')), `repainted cell ${i}`));
  });
});
