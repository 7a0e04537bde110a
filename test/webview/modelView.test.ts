/**
 * The attention panel showing a pretrained model's analysis, in headless Chromium with its real
 * HTML, CSP and bundle: what computed the numbers, the layer × head grid, the layer and display
 * toggles and what they ask of the host, the steps of a real layer's head, and the built-in
 * engine's label beside it. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { weightColor } from '../../webview/src/attention/colorScale';
import { canvasPixels, pixelAt } from './support/componentPage';
import { expectHead } from './support/heatmapColors';
import type { PanelPage } from './support/panelPage';
import type { PageGlobals } from './support/pageGlobals';
import { usePanelPages } from './support/suiteHooks';
import { sampleAnalysis } from './support/sampleAnalysis';
import { sampleModelAnalysis, sampleModelSteps, type SampleModelOptions } from './support/sampleModel';
import { THEMES } from './support/themes';

const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);
/** GRID_THUMB_CSS_PX of modelGrid.ts (not importable here: it reads the page's strings when loaded). */
const THUMB = 24;

const pages = usePanelPages();
const open = pages.open;


/** What the page asked of the host after 'ready' (not the 'headShown' it tells on every drawing, for the document's paint). */
async function postedSinceReady(page: PanelPage): Promise<unknown[]> {
  return (await page.posted()).filter((m) => !['ready', 'headShown'].includes((m as { type: string }).type));
}

const facts = (page: PanelPage) => page.page.locator('.fact').evaluateAll((nodes) => nodes.map((n) => n.textContent));
const cell = (page: PanelPage, name: string) => page.page.getByRole('gridcell', { name, exact: true });
const selectedCells = (page: PanelPage) => page.page.locator('.model-grid-cell[aria-selected="true"]').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')));
const focusedLabel = (page: PanelPage) => page.page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector(':focus')?.getAttribute('aria-label'));
const dropdownValue = (page: PanelPage, id: string) => page.page.locator(`#${id}`).evaluate((s) => (s as unknown as { value: string }).value);

describe('attention panel: a pretrained model', () => {
  it('says what computed the numbers: the built-in engine and its seed, or the model, its layers and heads', async () => {
    const page = await open();
    await page.send(sampleAnalysis({ config: { dModel: 64, heads: 4, seed: 7 } }));
    assert.equal(await page.page.locator('.engine-label').innerText(), 'built-in: random weights, seed 7');

    await page.send(sampleModelAnalysis());
    assert.equal(await page.page.locator('.engine-label').innerText(), 'bert-base-uncased · BERT · 2 layers × 3 heads · hidden 48');
    const bert = await facts(page);
    assert.deepEqual(bert.slice(0, 6), ['layer1 (of 2)', 'd_model48', 'heads3', 'd_k16', 'masknone', 'tokens9']);
    assert.equal(bert[6], 'time13 ms');
    assert.equal(bert.length, 7, 'no seed or positional encoding: they mean nothing for a model');

    await page.send(sampleModelAnalysis({ type: 'gpt2', layers: 12, heads: 12, display: { layer: 4, mergeWords: true } }));
    assert.equal(await page.page.locator('.engine-label').innerText(), 'gpt2 · GPT-2 · 12 layers × 12 heads · hidden 192');
    assert.deepEqual((await facts(page)).slice(0, 6), ['layer5 (of 12)', 'd_model192', 'heads12', 'd_k16', 'maskcausal', 'tokens7 read, 5 shown']);
  });

  it('has a layer picker and the display toggles instead of the mask and positions', async () => {
    const page = await open();
    await page.send(sampleModelAnalysis({ layers: 4 }));
    assert.equal(await page.page.locator('#mask-select, #positions-toggle').count(), 0, "the built-in engine's toggles are gone");
    assert.deepEqual(await page.page.locator('#layer-select vscode-option').allTextContents(), ['Layer 1', 'Layer 2', 'Layer 3', 'Layer 4']);
    assert.equal(await dropdownValue(page, 'layer-select'), '0');
    assert.equal(await dropdownValue(page, 'head-select'), 'average');
    assert.deepEqual(await page.page.locator('.model-toggles .toggle-hint').allTextContents(), [
      'Without [CLS], [SEP] and the like: each row’s remaining weights are renormalised to sum to 1.',
      'One row and column per word: attention to a word is the sum over its pieces, from a word the mean over them.',
    ]);

    await page.page.locator('#layer-select').click();
    await page.page.getByRole('option', { name: 'Layer 3', exact: true }).click();
    assert.deepEqual(await postedSinceReady(page), [{ type: 'modelDisplay', analysisId: 1, display: { layer: 2, hideSpecial: false, mergeWords: false } }]);
    assert.equal(await page.page.locator('.recomputing').innerText(), 'Recomputing…');
  });

  it('toggles post the display asked for, and are disabled, with the reason, when they would change nothing', async () => {
    const page = await open();
    await page.send(sampleModelAnalysis({ display: { layer: 1 } }));
    await page.page.locator('#hide-special-toggle').click();
    await page.send(sampleModelAnalysis({ analysisId: 2, display: { layer: 1, hideSpecial: true } }));
    assert.ok(await page.page.locator('#hide-special-toggle').evaluate((box) => (box as unknown as { checked: boolean }).checked), 'the new analysis shows the toggle on');
    await page.page.locator('#merge-words-toggle').click();
    assert.deepEqual(await postedSinceReady(page), [
      { type: 'modelDisplay', analysisId: 1, display: { layer: 1, hideSpecial: true, mergeWords: false } },
      { type: 'highlightToken', index: null }, // the first analysis, replaced, lets go of the editor's highlight
      { type: 'modelDisplay', analysisId: 2, display: { layer: 1, hideSpecial: true, mergeWords: true } },
    ]);

    // GPT-2 has no special token; these words are a piece each.
    await page.send(sampleModelAnalysis({ type: 'gpt2', analysisId: 3, words: [['is'], ['all'], ['you'], ['need']] }));
    const before = (await page.posted()).length;
    for (const id of ['hide-special-toggle', 'merge-words-toggle']) {
      assert.ok(await page.page.locator(`#${id}`).evaluate((box) => (box as unknown as { disabled: boolean }).disabled), `${id} is disabled`);
      await page.page.locator(`#${id}`).click({ force: true });
    }
    assert.equal((await page.posted()).length, before, 'a disabled toggle posts nothing');
    const reasons = ['The model read no special token here: hiding them would change nothing.', 'Every word here is a single piece: merging would change nothing.'];
    assert.deepEqual(await page.page.locator('.model-toggles .toggle-hint').allTextContents(), reasons);
    assert.deepEqual(await page.page.locator('.model-toggles .toggle').evaluateAll((t) => t.map((e) => e.getAttribute('title'))), reasons);
  });

  it('shows every layer × head and each layer’s average, labelled, the one shown marked', async () => {
    const page = await open();
    await page.send(sampleModelAnalysis({ layers: 2, heads: 3, display: { layer: 1 } }));
    assert.deepEqual(await page.page.locator('.model-grid thead th').allTextContents(), ['H1', 'H2', 'H3', 'avg']);
    assert.deepEqual(await page.page.locator('.model-grid tbody th').allTextContents(), ['L1', 'L2']);
    assert.equal(await page.page.getByRole('grid', { name: 'Every layer’s heads: 2 layers × 3 heads, and each layer’s average' }).count(), 1);
    const labels = await page.page.locator('.model-grid-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')));
    assert.deepEqual(labels, [
      ...['Layer 1, head 1', 'Layer 1, head 2', 'Layer 1, head 3', 'Layer 1, average of the heads'],
      ...['Layer 2, head 1', 'Layer 2, head 2', 'Layer 2, head 3', 'Layer 2, average of the heads'],
    ]);
    assert.equal(await page.page.locator('.model-grid-cell canvas').count(), 8);
    assert.deepEqual(await selectedCells(page), ['Layer 2, average of the heads'], 'the average of layer 2 is shown');
    assert.equal(await page.page.locator('.model-grid tr.current-layer th').innerText(), 'L2');
  });

  it('a cell of the layer shown selects its head; one of another layer asks for that layer and shows the head when it comes', async () => {
    const page = await open();
    const first = sampleModelAnalysis();
    await page.send(first);
    await cell(page, 'Layer 1, head 2').click();
    await expectHead(page, first.view, 1, 'head 2 of layer 1');
    assert.equal(await dropdownValue(page, 'head-select'), '1');
    assert.deepEqual(await selectedCells(page), ['Layer 1, head 2']);
    assert.deepEqual(await postedSinceReady(page), [], 'the layer shown needs nothing of the host');

    await cell(page, 'Layer 2, head 3').click();
    assert.deepEqual(await postedSinceReady(page), [{ type: 'modelDisplay', analysisId: 1, display: { layer: 1, hideSpecial: false, mergeWords: false } }]);
    assert.equal(await page.page.locator('.recomputing').innerText(), 'Recomputing…');
    assert.ok(await cell(page, 'Layer 2, head 3').evaluate((c) => c.classList.contains('pending')), 'the cell asked for is marked');
    await expectHead(page, first.view, 1, 'still head 2 of layer 1 until layer 2 comes');

    const second = sampleModelAnalysis({ analysisId: 2, display: { layer: 1 } });
    await page.send(second);
    await expectHead(page, second.view, 2, 'head 3 of layer 2');
    assert.equal(await dropdownValue(page, 'head-select'), '2');
    assert.equal(await dropdownValue(page, 'layer-select'), '1');
    assert.deepEqual(await selectedCells(page), ['Layer 2, head 3']);
    assert.equal(await page.page.locator('.recomputing').innerText(), '');
  });

  it('the grid works with the keyboard: one Tab stop, arrows, Home/End, Enter and Space', async () => {
    const page = await open();
    await page.send(sampleModelAnalysis({ layers: 3, heads: 3, display: { layer: 1 } }));
    assert.deepEqual(await page.page.locator('.model-grid-cell[tabindex="0"]').evaluateAll((c) => c.map((e) => e.getAttribute('aria-label'))), ['Layer 2, average of the heads'], 'the cell shown is the Tab stop');
    await page.page.locator('.model-grid-cell[tabindex="0"]').focus();
    await page.page.keyboard.press('Home');
    assert.equal(await focusedLabel(page), 'Layer 2, head 1');
    await page.page.keyboard.press('ArrowRight');
    await page.page.keyboard.press('ArrowRight');
    await page.page.keyboard.press('ArrowRight');
    await page.page.keyboard.press('ArrowRight'); // stops at the last column
    assert.equal(await focusedLabel(page), 'Layer 2, average of the heads');
    await page.page.keyboard.press('ArrowLeft');
    await page.page.keyboard.press('Enter');
    assert.deepEqual(await selectedCells(page), ['Layer 2, head 3']);
    assert.equal(await page.page.locator('.model-grid-cell[tabindex="0"]').count(), 1, 'still one Tab stop');
    await page.page.keyboard.press('ArrowUp');
    await page.page.keyboard.press('ArrowUp'); // stops at the first row
    await page.page.keyboard.press('ArrowLeft');
    assert.equal(await focusedLabel(page), 'Layer 1, head 2');
    await page.page.keyboard.press(' ');
    assert.deepEqual(await postedSinceReady(page), [{ type: 'modelDisplay', analysisId: 1, display: { layer: 0, hideSpecial: false, mergeWords: false } }]);
    await page.page.keyboard.press('Control+End');
    assert.equal(await focusedLabel(page), 'Layer 3, average of the heads');
  });

  for (const { what, options, dpr } of [
    { what: 'a cell a block of pixels (9 tokens on 48 device pixels)', options: {}, dpr: 2 },
    { what: 'hatched above the diagonal under GPT-2’s causal mask', options: { type: 'gpt2' }, dpr: 2 },
    { what: 'block maxima of 86 tokens (43 × 43 cells), downsampled onto 24 pixels', options: { repeat: 12 }, dpr: 1 },
  ] satisfies { what: string; options: SampleModelOptions; dpr: number }[]) {
    it(`draws each thumbnail from its block maxima: ${what}`, async () => {
      const page = await open({ deviceScaleFactor: dpr });
      const message = sampleModelAnalysis({ ...options, layers: 2, heads: 3 });
      const model = message.view.model!;
      const size = model.thumbSize;
      const causal = message.view.config.mask === 'causal';
      await page.send(message);
      const side = THUMB * dpr;
      const matrices: [string, Float32Array][] = [
        ['Layer 1, head 1', model.thumbnails[0]],
        ['Layer 2, head 3', model.thumbnails[5]],
        ['Layer 2, average of the heads', model.layerAverages[1]],
      ];
      for (const [label, values] of matrices) {
        const pixels = await canvasPixels(page.page, `.model-grid-cell[aria-label="${label}"] canvas`);
        assert.equal(pixels.width, side);
        const max = Math.max(...values);
        // Where the strongest weight lies, the scale's top colour: yellow.
        const strongest = values.indexOf(max);
        const [row, col] = [Math.floor(strongest / size), strongest % size];
        // A pixel inside cell i: its middle; downsampled, the pixel whose block [⌊p·size/side⌋, ⌊(p+1)·size/side⌋) holds it.
        const at = (i: number) => (size <= side ? (i + 0.5) * (side / size) : Array.from({ length: side }, (_, p) => p).find((p) => Math.floor(((p + 1) * size) / side) > i)!);
        assert.deepEqual(pixelAt(pixels, at(col), at(row)), [...weightColor(1, 1)], `${label}: the strongest cell (${row}, ${col}) is drawn in the strongest colour`);
        if (size > side) continue; // downsampled: a pixel is the largest of its block, checked above
        for (let q = 0; q < size; q++) {
          for (let k = 0; k < size; k++) {
            const got = pixelAt(pixels, at(k), at(q));
            if (causal && k > q) assert.notDeepEqual(got, [...weightColor(0, max)], `${label}: masked (${q}, ${k}) is hatched, not a weight of 0`);
            else assert.deepEqual(got, [...weightColor(values[q * size + k], max)], `${label}: cell (${q}, ${k})`);
          }
        }
      }
    });
  }

  for (const type of ['bert', 'gpt2'] as const) {
    it(`works out a real layer's head in the steps, saying what X and Q, K, V are (${type})`, async () => {
      const page = await open({ width: 1200, height: 900, deviceScaleFactor: 1 });
      const light = THEMES.find((theme) => theme.name === 'light')!;
      await page.setTheme(light.bodyClass, light.variables);
      const options: SampleModelOptions = { type, display: { layer: 1 } };
      await page.send(sampleModelAnalysis(options));
      await cell(page, 'Layer 2, head 2').click();
      await page.page.getByRole('tab', { name: 'Steps' }).click();
      assert.deepEqual(await postedSinceReady(page), [{ type: 'requestSteps', analysisId: 1, head: 1 }]);
      await page.send(sampleModelSteps(options, 1));
      await page.page.locator('.step').first().waitFor();
      const name = type === 'bert' ? 'bert-base-uncased' : 'gpt2';
      const input = type === 'bert' ? 'X is the hidden state entering layer 2;' : 'X is the hidden state entering layer 2, after ln_1;';
      assert.equal(await page.page.locator('.steps-model-note').innerText(), `Layer 2, head 2 of ${name}: ${input} Q, K and V include the model’s biases.`);
      const captions = await page.page.locator('.matrix-caption').allTextContents();
      assert.equal(captions[0], `Hidden state entering layer 2, ${type === 'bert' ? 9 : 7}×48`, "step 2 is the layer's input");
      assert.doesNotMatch(await page.page.locator('.steps-view').innerText(), /Random and untrained|the seed|Positional encoding is off/, "the built-in engine's notes are not said of a model");
      assert.ok((await page.page.locator('.steps-view canvas').count()) > 10, 'the matrices are drawn');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.page.screenshot({ path: new URL(`model-steps-${type}.png`, ARTIFACTS).pathname, clip: { x: 0, y: 0, width: 1200, height: 1400 }, fullPage: true });
    });
  }

  it('with special tokens hidden or pieces merged, the steps and the arithmetic say to turn the toggles off', async () => {
    const page = await open();
    await page.send(sampleModelAnalysis({ display: { mergeWords: true } }));
    await page.page.mouse.click(...(await centre(page, 1, 2, 7)));
    assert.equal(
      await page.page.locator('.heatmap-arithmetic').innerText(),
      'The arithmetic of a cell is that of the model’s own pieces: turn off “Hide special tokens” and “Merge pieces into words” to see how a weight came about.',
    );
    await page.page.getByRole('tab', { name: 'Steps' }).click();
    assert.equal(await page.page.locator('.steps-panel').innerText(), 'The steps are those of the model’s own pieces: turn off “Hide special tokens” and “Merge pieces into words” to follow them.');
    assert.ok(!(await page.posted()).some((m) => (m as { type: string }).type === 'requestSteps'), 'no steps are asked for');
  });

  it('keeps the head, the tab and the cell (while in range) across the analyses the toggles bring', async () => {
    const page = await open();
    await page.send(sampleModelAnalysis());
    await page.page.keyboard.press(']');
    await page.page.keyboard.press(']');
    await page.page.keyboard.press(']'); // average → maximum → head 1 → head 2
    await page.page.mouse.click(...(await centre(page, 7, 8, 9)));
    await page.send(sampleModelAnalysis({ analysisId: 2, display: { hideSpecial: true } })); // 7 tokens: (7, 8) is out
    assert.equal(await dropdownValue(page, 'head-select'), '1');
    assert.equal(await page.page.locator('.cell-selected').isVisible(), false, 'the cell is dropped: it is not in the new matrix');
    await page.page.mouse.click(...(await centre(page, 2, 3, 7)));
    await page.page.getByRole('tab', { name: 'Steps' }).click();
    await page.send(sampleModelAnalysis({ analysisId: 3, display: { layer: 1, hideSpecial: true } }));
    assert.equal(await page.page.getByRole('tab', { name: 'Steps' }).getAttribute('aria-selected'), 'true');
    assert.deepEqual(await page.savedState(), { selectedHead: 1, tab: 'steps', cell: { query: 2, key: 3 } });
  });

  it("saves no request a reload would compute with the built-in engine (the message does not name the model's folder)", async () => {
    const page = await open();
    await page.send(sampleModelAnalysis());
    const state = (await page.savedState()) as Record<string, unknown>;
    assert.deepEqual(state, { selectedHead: 'average', tab: 'heatmap' });
  });

  it('saves what runs the model again after a reload when the message names its folder: the request, the pieces read, the display', async () => {
    const page = await open();
    const message = sampleModelAnalysis({ display: { layer: 1, mergeWords: true } });
    const model = { uri: 'file:///models/bert-base-uncased', name: 'bert-base-uncased' };
    await page.send({ ...message, model });
    const state = (await page.savedState()) as { request?: { model?: unknown; maxTokens?: number; text?: string }; model?: unknown };
    assert.deepEqual(state.request?.model, model);
    assert.equal(state.request?.maxTokens, message.view.model!.pieces);
    assert.equal(state.request?.text, message.view.text);
    assert.deepEqual(state.model, message.view.model!.display);
  });

  it('names the model while it runs', async () => {
    const page = await open();
    await page.send({ type: 'computing', sourceName: 'paper.md', tokenCount: 5, model: 'bert-base-uncased' });
    assert.equal(await page.page.locator('.computing p').innerText(), 'Running bert-base-uncased over 5 words of paper.md…');
    await page.send({ type: 'computing', sourceName: 'paper.md', tokenCount: 1, model: 'gpt2' });
    assert.equal(await page.page.locator('.computing p').innerText(), 'Running gpt2 over 1 word of paper.md…');
  });

  it('stays usable with 48 layers × 25 heads (gpt2-xl): drawn quickly, scrolls, the keyboard reaches the last layer', async () => {
    const page = await open({ width: 1280, height: 900, deviceScaleFactor: 2 });
    const message = sampleModelAnalysis({ type: 'gpt2', layers: 48, heads: 25 });
    const started = Date.now();
    await page.send(message);
    const ms = Date.now() - started;
    console.log(`model grid, 48 layers × 25 heads (1,248 thumbnails) at devicePixelRatio 2: message handled and drawn in ${ms} ms`);
    assert.ok(ms < 1500, `${ms} ms`);
    assert.equal(await page.page.locator('.model-grid-cell').count(), 48 * 26);
    const box = await page.page.locator('.model-grid-scroll').evaluate((e) => ({ scrollHeight: e.scrollHeight, clientHeight: e.clientHeight, scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
    assert.ok(box.scrollHeight > box.clientHeight && box.scrollWidth > box.clientWidth, `the grid scrolls in its box: ${JSON.stringify(box)}`);
    const pageWidth = await page.page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 1280, `the page itself does not scroll sideways (${pageWidth} px)`);
    await page.page.locator('.model-grid-cell[tabindex="0"]').focus();
    await page.page.keyboard.press('Control+End');
    assert.equal(await focusedLabel(page), 'Layer 48, average of the heads');
    assert.ok(await page.page.getByRole('gridcell', { name: 'Layer 48, average of the heads' }).isVisible());
    const inView = await page.page.evaluate(() => {
      const doc = (globalThis as unknown as PageGlobals).document;
      const scroller = doc.querySelector('.model-grid-scroll')!.getBoundingClientRect();
      const focused = doc.querySelector(':focus')!.getBoundingClientRect();
      return focused.top >= scroller.top && focused.bottom <= scroller.bottom && focused.left >= scroller.left && focused.right <= scroller.right;
    });
    assert.ok(inView, 'the focused cell is scrolled into the box');
    // Up a row at a time from the bottom, then left to the first head: the sticky heads' row and
    // layers' column must never hide the focused cell.
    const hidden: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.page.keyboard.press(i < 25 ? 'ArrowUp' : 'Home');
      const clear = await page.page.evaluate(() => {
        const doc = (globalThis as unknown as PageGlobals).document;
        const focused = doc.querySelector(':focus')!.getBoundingClientRect();
        const heads = doc.querySelector('.model-grid thead th')!.getBoundingClientRect();
        const layers = doc.querySelector('.model-grid tbody th')!.getBoundingClientRect();
        return focused.top >= heads.bottom && focused.left >= layers.right;
      });
      if (!clear) hidden.push(String(await focusedLabel(page)));
    }
    assert.equal(await focusedLabel(page), 'Layer 23, head 1');
    assert.deepEqual(hidden, [], 'cells the sticky heads or layers covered when focused');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.page.locator('.model-grid-panel').screenshot({ path: new URL('model-grid-48x25.png', ARTIFACTS).pathname });
  });

  it('speaks Chinese with a zh-cn display language (screenshot in test-artifacts/webview/)', async () => {
    const page = await open({ width: 1280, height: 1000, deviceScaleFactor: 1, lang: 'zh-cn' });
    const light = THEMES.find((theme) => theme.name === 'light')!;
    await page.setTheme(light.bodyClass, light.variables);
    await page.send(sampleModelAnalysis({ layers: 12, heads: 12, display: { layer: 3, hideSpecial: true, mergeWords: true } }));
    assert.equal(await page.page.locator('.engine-label').innerText(), 'bert-base-uncased · BERT · 12 层 × 12 个头 · 隐藏维度 192');
    assert.equal(await page.page.locator('.fact').first().innerText(), '层\n4（共 12 层）');
    assert.ok(await page.page.getByRole('gridcell', { name: '第 4 层，第 5 个头', exact: true }).isVisible());
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.page.screenshot({ path: new URL('model-panel-zh-cn.png', ARTIFACTS).pathname, fullPage: true });
  });

  for (const theme of THEMES) {
    it(`reads well in the ${theme.name} theme (screenshot in test-artifacts/webview/)`, async () => {
      const page = await open({ width: 1280, height: 1000, deviceScaleFactor: 2 });
      await page.setTheme(theme.bodyClass, theme.variables);
      await page.send(sampleModelAnalysis({ layers: 12, heads: 12, display: { layer: 3 } }));
      await cell(page, 'Layer 4, head 5').click();
      await page.page.mouse.click(...(await centre(page, 3, 1, 9)));
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.page.screenshot({ path: new URL(`model-panel-${theme.name}.png`, ARTIFACTS).pathname, fullPage: true });
      await page.page.locator('.model-grid-panel').screenshot({ path: new URL(`model-grid-${theme.name}.png`, ARTIFACTS).pathname });
    });
  }
});

/** The page coordinates of the centre of heatmap cell (query, key) of n × n. */
async function centre(page: PanelPage, query: number, key: number, n: number): Promise<[number, number]> {
  const box = (await page.page.locator('canvas.cells').boundingBox())!;
  return [box.x + ((key + 0.5) / n) * box.width, box.y + ((query + 0.5) / n) * box.height];
}
