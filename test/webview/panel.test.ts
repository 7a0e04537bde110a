/**
 * The attention panel in headless Chromium, served with its real HTML, CSP and bundle, fed real
 * computed analyses. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { weightColor, type Rgb } from '../../webview/src/attention/colorScale';
import type { PanelPage } from './support/panelPage';
import { usePanelPages } from './support/suiteHooks';
import { assertColorsMatch, expectHead, shown } from './support/heatmapColors';
import type { PageCanvas, PageGlobals } from './support/pageGlobals';
import { analysisOfTokens, sampleAnalysis, SAMPLE_NOTES } from './support/sampleAnalysis';
import { THEMES } from './support/themes';

const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);

const pages = usePanelPages();
const open = pages.open;


const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

async function texts(page: PanelPage, selector: string): Promise<string[]> {
  return page.page.locator(selector).allTextContents();
}

describe('attention panel (webview)', () => {
  it("posts 'ready' once on load and invites the user to run Show Attention", async () => {
    const page = await open();
    assert.deepEqual(await page.posted(), [{ type: 'ready' }]);
    assert.match(await page.page.locator('.status.empty').innerText(), /Show Attention/);
  });

  it('draws every weight of the average of heads in its viridis colour, crisp at devicePixelRatio 2', async () => {
    const page = await open({ deviceScaleFactor: 2 });
    const message = sampleAnalysis();
    const n = message.view.tokens.length;
    await page.send(message);
    const colors = await page.cellColors(n);
    assertColorsMatch(colors, message.view, 'average', 'average of heads');
    const { values } = shown(message.view, 'average');
    const high = values.indexOf(Math.max(...values));
    const low = values.indexOf(Math.min(...values));
    assert.ok(distance(colors[high], colors[low]) > 150, `the largest weight (${colors[high]}) stands out from the smallest (${colors[low]})`);
    const size = await page.page.locator('canvas.cells').evaluate((canvas) => ({
      backing: (canvas as unknown as { width: number }).width,
      css: canvas.getBoundingClientRect().width,
    }));
    assert.ok(Math.abs(size.backing - size.css * 2) <= 1, `canvas has ${size.backing} pixels for ${size.css} CSS px at DPR 2`);
  });

  it('labels rows (queries) and columns (keys) with the tokens, in order', async () => {
    const page = await open();
    const message = sampleAnalysis();
    await page.send(message);
    const tokens = message.view.tokens.map((t) => t.text);
    assert.ok(tokens.includes('银行'), 'the sample is tokenized into words');
    assert.deepEqual(await texts(page, '.row-labels .label'), tokens);
    assert.deepEqual(await texts(page, '.col-labels .label'), tokens);
  });

  it('heads the panel with the source, token count, configuration and time, and says when tokens were left out', async () => {
    const page = await open();
    const message = sampleAnalysis({ config: { dModel: 64, heads: 4, seed: 7, mask: 'causal', positional: 'sinusoidal' }, maxTokens: 5 });
    await page.send(message);
    assert.equal(await page.page.locator('.source-name').innerText(), 'bank.md');
    const facts = await page.page.locator('.fact').evaluateAll((nodes) => nodes.map((n) => n.textContent));
    assert.deepEqual(facts.slice(0, 7), ['tokens5', 'd_model64', 'heads4', 'd_k16', 'maskcausal', 'positionalsinusoidal', 'seed7']);
    const time = /^time([\d,.]+) ms$/.exec(facts[7] ?? '');
    assert.ok(time && Math.abs(Number(time[1].replace(/,/g, '')) - message.view.elapsedMs) <= 0.5, `the time is shown: ${facts[7]}`);
    assert.equal(await page.page.locator('.notice').innerText(), 'Showing the first 5 of 11 tokens.');
    assert.equal(await page.page.locator('.analysed-text').innerText(), message.view.text);
  });

  it("switching head redraws that head's weights and is remembered (dropdown, keyboard and [ ])", async () => {
    const page = await open();
    const message = sampleAnalysis();
    await page.send(message);
    await page.page.locator('#head-select').click();
    await page.page.getByRole('option', { name: 'Head 2', exact: true }).click();
    await expectHead(page, message.view, 1, 'head 2 from the dropdown');
    assert.equal(((await page.savedState()) as { selectedHead: unknown }).selectedHead, 1);

    await page.page.keyboard.press(']');
    await expectHead(page, message.view, 2, 'head 3 after "]"');
    await page.page.keyboard.press('[');
    await page.page.keyboard.press('[');
    await expectHead(page, message.view, 0, 'head 1 after "[" "["');

    await page.page.mouse.move(0, 0); // else the reopened list's option under the pointer takes the highlight
    await page.page.locator('#head-select').focus();
    await page.page.keyboard.press('Enter');
    await page.page.keyboard.press('ArrowUp'); // the maximum of heads
    await page.page.keyboard.press('ArrowUp');
    await page.page.keyboard.press('Enter');
    await expectHead(page, message.view, 'average', 'average chosen with the keyboard');
    assert.equal(((await page.savedState()) as { selectedHead: unknown }).selectedHead, 'average');
  });

  it("hovering a cell shows its query token, key token and weight", async () => {
    const page = await open();
    const message = sampleAnalysis();
    const { view } = message;
    const n = view.tokens.length;
    await page.send(message);
    const { values } = shown(view, 'average');
    for (const [q, k] of [[3, 7], [n - 1, 0]]) {
      await page.hoverCell(q, k, n);
      const tooltip = page.page.locator('.tooltip');
      assert.ok(await tooltip.isVisible());
      assert.deepEqual(await tooltip.locator('.tooltip-token').allTextContents(), [view.tokens[q].text, view.tokens[k].text]);
      assert.equal(await tooltip.locator('.tooltip-weight').innerText(), values[q * n + k].toFixed(4));
      assert.deepEqual(await texts(page, '.row-labels .label.active'), [view.tokens[q].text], 'the query label is marked');
      assert.deepEqual(await texts(page, '.col-labels .label.active'), [view.tokens[k].text], 'the key label is marked');
    }
    await page.page.mouse.move(1, 1);
    assert.equal(await page.page.locator('.tooltip').isVisible(), false, 'the tooltip goes when the pointer leaves');
  });

  it('the heatmap can be read with the keyboard: Tab to it, arrows move between cells', async () => {
    const page = await open();
    const message = sampleAnalysis();
    const { view } = message;
    const n = view.tokens.length;
    await page.send(message);
    await page.page.locator('canvas.cells').focus();
    await page.page.keyboard.press('ArrowDown');
    await page.page.keyboard.press('ArrowDown');
    await page.page.keyboard.press('ArrowRight');
    const weight = shown(view, 'average').values[2 * n + 1].toFixed(4);
    assert.equal(await page.page.locator('.tooltip-weight').innerText(), weight);
    assert.equal(
      await page.page.locator('.heatmap [aria-live]').innerText(),
      `Query ${view.tokens[2].text} (#3), key ${view.tokens[1].text} (#2): weight ${weight}`,
    );
  });

  it('with a causal mask, masked cells are hatched, not coloured as a weight of 0', async () => {
    const page = await open();
    const message = sampleAnalysis({ config: { dModel: 64, heads: 4, mask: 'causal' } });
    const n = message.view.tokens.length;
    await page.send(message);
    const colors = await page.cellColors(n);
    const { values, max } = shown(message.view, 'average');
    const zero = weightColor(0, max);
    for (let q = 0; q < n; q++) {
      for (let k = 0; k < n; k++) {
        const color = colors[q * n + k];
        if (k > q) assert.ok(distance(color, zero) > 60, `masked cell ${q},${k} (${color}) must not look like weight 0 (${zero})`);
        else assert.ok(distance(color, weightColor(values[q * n + k], max)) <= 3, `cell ${q},${k} keeps its colour`);
      }
    }
    await page.hoverCell(0, n - 1, n);
    assert.match(await page.page.locator('.tooltip-masked').innerText(), /Masked/);
    assert.ok(await page.page.locator('.legend-masked').isVisible(), 'the legend explains the hatching');
  });

  it('shows document text that looks like HTML or script as text, and runs none of it', async () => {
    const page = await open();
    const hostile = [
      '<img src=x onerror="window.__pwned=1;alert(1)">',
      '<script>window.__pwned=2</script>',
      '&lt;b&gt;',
      '👩‍💻',
      'مرحبا',
      'e\u0301',
      '银行',
    ];
    const message = analysisOfTokens(hostile, '<svg onload="window.__pwned=3">.md');
    const notes = [{ id: 'x"><img src=x onerror="window.__pwned=4">', title: '<b onmouseover="window.__pwned=5">bold?</b>', markdown: '<script>window.__pwned=6</script>\n\n- <img src=x onerror="window.__pwned=7">' }];
    await page.send({ ...message, notes });
    assert.deepEqual(await texts(page, '.row-labels .label'), hostile);
    assert.equal(await page.page.locator('.source-name').innerText(), '<svg onload="window.__pwned=3">.md');
    assert.equal(await page.page.locator('.note-title span').first().innerText(), notes[0].title);
    assert.match(await page.page.locator('.note').innerText(), /<script>window.__pwned=6<\/script>/);
    await page.hoverCell(0, 1, hostile.length);
    assert.deepEqual(await page.page.locator('.tooltip-token').allTextContents(), hostile.slice(0, 2));
    await page.page.locator('.note-title').first().hover();
    await page.send({ type: 'error', message: '<img src=x onerror="window.__pwned=8">' });
    assert.equal(await page.page.locator('.error-message').innerText(), '<img src=x onerror="window.__pwned=8">');
    await page.page.waitForTimeout(200); // time for an image error handler to fire, had one been created
    const injected = await page.page.evaluate(() => {
      const globals = globalThis as unknown as PageGlobals;
      return { pwned: globals.__pwned, images: globals.document.querySelectorAll('img, svg, b').length, scripts: globals.document.querySelectorAll('script').length };
    });
    assert.deepEqual(injected, { pwned: undefined, images: 0, scripts: 1 });
  });

  it('enforces its CSP: the page carries the policy, and an injected inline script is blocked', async () => {
    const page = await open();
    const csp = await page.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.equal(
      csp,
      `default-src 'none'; img-src ${pages.harness().origin} data:; style-src ${pages.harness().origin}; script-src 'nonce-${await page.page.locator('script').getAttribute('nonce')}'; font-src ${pages.harness().origin}; base-uri 'none'; form-action 'none'`,
    );
    await page.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { createElement(t: string): { textContent: string }; body: { append(n: unknown): void } } }).document;
      const script = doc.createElement('script');
      script.textContent = 'window.__pwned = "inline script ran"';
      doc.body.append(script);
    });
    assert.equal(await page.page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
    const violations = await page.cspViolations();
    assert.ok(violations.some((v) => v.startsWith('script-src')), `the browser reported the blocked script: ${violations.join(', ')}`);
    await page.page.evaluate(() => ((globalThis as unknown as PageGlobals).__cspViolations.length = 0));
    page.problems.length = 0; // the browser also logs the refusal to the console, as it should
  });

  it('renders the chapter notes from Markdown, and a note title asks the host to open its section', async () => {
    const page = await open();
    await page.send(sampleAnalysis());
    assert.deepEqual(await texts(page, '.note-title > span:first-child'), SAMPLE_NOTES.map((n) => n.title));
    const first = page.page.locator('.note').first();
    assert.deepEqual(await first.locator('ul > li').allTextContents(), ['对输入句子进行分词。', '为每个标记生成一个嵌入向量。', '计算 Q*Kt 的成对值。']);
    assert.deepEqual(await first.locator('li code').allTextContents(), ['Q*Kt', 'X·Wq = Q']);
    assert.equal(await first.locator('ol > li strong').innerText(), 'softmax');
    assert.equal(await first.locator('h6').innerText(), '矩阵的维度');
    await page.page.locator('.note-title').nth(1).click();
    await page.page.locator('.note-title').first().focus();
    await page.page.keyboard.press('Enter');
    const posted = (await page.posted()) as { type: string }[];
    assert.deepEqual(posted.filter((message) => message.type === 'openSection'), [
      { type: 'openSection', sectionId: SAMPLE_NOTES[1].id },
      { type: 'openSection', sectionId: SAMPLE_NOTES[0].id },
    ]);
  });

  it('tells the host which head it shows: when drawn and on every change (the document is painted with it)', async () => {
    const page = await open();
    const message = sampleAnalysis();
    await page.send(message);
    await page.page.keyboard.press(']');
    await page.page.keyboard.press('[');
    const shown = ((await page.posted()) as { type: string }[]).filter((posted) => posted.type === 'headShown');
    assert.deepEqual(shown, [
      { type: 'headShown', analysisId: message.analysisId, head: 'average' },
      { type: 'headShown', analysisId: message.analysisId, head: 'maximum' },
      { type: 'headShown', analysisId: message.analysisId, head: 'average' },
    ]);
  });

  it('comes back as it was after a reload: same head, request kept for the host', async () => {
    const page = await open();
    const message = sampleAnalysis();
    const n = message.view.tokens.length;
    await page.send(message);
    await page.page.keyboard.press(']');
    await page.page.keyboard.press(']');
    await page.page.keyboard.press(']');
    await page.page.keyboard.press(']'); // average → maximum → head 1 → head 2 → head 3
    await page.page.reload();
    await page.waitForReady();
    assert.deepEqual(await page.posted(), [{ type: 'ready' }], "the reloaded panel asks for the analysis with 'ready'");
    const state = await page.savedState();
    assert.deepEqual(state, {
      selectedHead: 2,
      tab: 'heatmap',
      request: { text: message.view.text, sourceName: 'bank.md', config: message.view.config, maxTokens: n },
    });
    await page.send(message); // what the host re-sends on 'ready'
    assert.equal(await page.page.locator('#head-select').evaluate((s) => (s as unknown as { value: string }).value), '2');
    await expectHead(page, message.view, 2, 'restored head 3');
  });

  it('shows progress while computing and the error message when it fails', async () => {
    const page = await open();
    await page.send({ type: 'computing', sourceName: 'notes.txt', tokenCount: 42 });
    assert.equal(await page.page.locator('.computing p').innerText(), 'Computing attention over 42 tokens of notes.txt…');
    assert.ok(await page.page.locator('.spinner').isVisible());
    await page.send({ type: 'error', message: 'There is no text to analyse: it is empty or only whitespace.' });
    assert.equal(await page.page.locator('[role="alert"] .error-message').innerText(), 'There is no text to analyse: it is empty or only whitespace.');
    await page.send({ type: 'analysis', view: { nonsense: true }, notes: [] } as never);
    assert.match(await page.page.locator('.error-message').innerText(), /does not understand/);
  });

  it('stays usable at 256 tokens: every shown label names its token, hover still finds the right cell', async () => {
    const page = await open({ width: 900, deviceScaleFactor: 1 });
    const text = 'The quick brown fox jumps over the lazy dog while 我去了银行取钱，然后沿着河岸散步。 '.repeat(20);
    const message = sampleAnalysis({ text, maxTokens: 256 });
    const { view } = message;
    assert.equal(view.tokens.length, 256);
    await page.send(message);
    const labels = await page.page.locator('.row-labels .label').evaluateAll((nodes) => nodes.map((n) => [Number(n.getAttribute('data-index')), n.textContent]));
    assert.ok(labels.length > 10 && labels.length < 256, `a readable subset of labels (${labels.length})`);
    for (const [index, label] of labels) assert.equal(label, view.tokens[index as number].text);
    const canvasWidth = (await page.page.locator('canvas.cells').boundingBox())!.width;
    assert.ok(canvasWidth <= 900, `the matrix fits the panel (${canvasWidth}px)`);
    await page.hoverCell(200, 17, 256);
    assert.deepEqual(await page.page.locator('.tooltip-token').allTextContents(), [view.tokens[200].text, view.tokens[17].text]);
    assert.equal(await page.page.locator('.tooltip-weight').innerText(), shown(view, 'average').values[200 * 256 + 17].toFixed(4));
  });

  it('resizes with the panel: notes beside the heatmap when wide, below it when narrow', async () => {
    const page = await open({ width: 1300 });
    const message = sampleAnalysis();
    await page.send(message);
    const wide = { figure: (await page.page.locator('.figure').boundingBox())!, notes: (await page.page.locator('.notes').boundingBox())! };
    assert.ok(wide.notes.x >= wide.figure.x + wide.figure.width, 'side by side');
    await page.page.setViewportSize({ width: 520, height: 900 });
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('canvas.cells')!.getBoundingClientRect().right <= 520);
    const narrow = { figure: (await page.page.locator('.figure').boundingBox())!, notes: (await page.page.locator('.notes').boundingBox())! };
    assert.ok(narrow.notes.y >= narrow.figure.y + narrow.figure.height, 'stacked');
    await expectHead(page, message.view, 'average', 'redrawn after the resize');
  });

  for (const theme of THEMES) {
    it(`reads well in the ${theme.name} theme, repainting when the theme changes (screenshot in test-artifacts/webview/)`, async () => {
      const page = await open({ width: 1200, height: 820, deviceScaleFactor: 1 });
      const message = sampleAnalysis({ config: { dModel: 64, heads: 4, mask: 'causal' } });
      const n = message.view.tokens.length;
      await page.send(message);
      await page.setTheme(theme.bodyClass, theme.variables); // as VS Code does while the panel is open
      const background = theme.variables['--vscode-editor-background'];
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
      // The hatching of a masked cell is drawn on the theme's background: the canvas follows the theme.
      const maskedOnBackground = async () => {
        const masked = await page.page.locator('canvas.cells').evaluate((element, count) => {
          const canvas = element as unknown as PageCanvas;
          const size = Math.floor(canvas.width / count);
          return Array.from(canvas.getContext('2d')!.getImageData(canvas.width - size + 2, 2, size - 4, size - 4).data);
        }, n);
        let onBackground = 0;
        for (let i = 0; i < masked.length; i += 4) if (masked[i] === r && masked[i + 1] === g && masked[i + 2] === b) onBackground++;
        return onBackground > masked.length / 4 / 4;
      };
      const deadline = Date.now() + 3000;
      while (!(await maskedOnBackground())) {
        assert.ok(Date.now() < deadline, `a masked cell is hatched on the ${theme.name} background ${background}`);
        await page.page.waitForTimeout(50);
      }
      const colors = await page.page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { body: unknown; querySelector(s: string): unknown } }).document;
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }).getComputedStyle;
        return { body: style(doc.body).backgroundColor, text: style(doc.querySelector('.source-name')).color };
      });
      assert.equal(colors.body, `rgb(${r}, ${g}, ${b})`);
      assert.notEqual(colors.text, colors.body);
      await page.hoverCell(5, 2, n);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.page.screenshot({ path: new URL(`panel-${theme.name}.png`, ARTIFACTS).pathname, fullPage: true });
    });
  }
});
