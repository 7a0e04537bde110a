/**
 * A reader shows the attention of a sentence, picks head 3 and exports it in every format from the
 * panel's toolbar, through VS Code's save dialog (in the browser: its own simple file dialog, a
 * path typed into its input), and the files on disk are what they say: the PNG is the heatmap at
 * 2× its size on screen, the SVG has a rect per cell and the tokens, the CSV has the CLI's weights
 * of head 3, the JSON and safetensors are what the CLI writes for the same text. Copy image puts a
 * PNG on the clipboard.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { tokenize } from '../../src/common/attention/tokenizer';
import { IMAGE_LEGEND_CSS } from '../../webview/src/attention/heatmapImageLayout';
import { readSafetensors } from '../../src/common/export/safetensors';
import { parseCsv } from '../support/csv';
import { parseXml, xmlElements, xmlTextOf } from '../support/xml';
import { runCli } from './support/cli';
import { runCommand } from './support/commands';
import { newUntitledWith, openFile, selectWithFind } from './support/editor';
import { setMaxTokens } from './support/settings';
import { waitForWebview } from './support/webview';
import { ARTIFACTS, UI_TIMEOUT_MS, useWorkbench, type Workbench } from './support/workbench';

const SENTENCE = "The animal didn't cross the street because it was too tired.";
/**
 * Where the files are saved: a folder of the workspace that the test removes (test-artifacts/ui/
 * is emptied by any UI run that starts meanwhile), its absolute path typed into the dialog.
 */
const OUT = fileURLToPath(new URL(`../../sample-workspace/export-test-${process.pid}/`, import.meta.url));

let workbench: Workbench;
let panel: Frame;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: 'export-end' });

before(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
});
after(() => {
  // The images are kept with the screenshots, to be looked at.
  for (const name of ['english-head-3.png', 'english-head-3.svg']) if (existsSync(join(OUT, name))) copyFileSync(join(OUT, name), join(ARTIFACTS, `export-file-${name}`));
  rmSync(OUT, { recursive: true, force: true });
});

/** Chooses `label` in the toolbar's format dropdown, clicks Export… and saves as `name` in OUT; the file once written. */
async function exportAs(page: Page, label: string, name: string, proposed: string, timing?: { ms: number }): Promise<Buffer> {
  await panel.locator('#export-format').click();
  await panel.getByRole('option', { name: label, exact: true }).click();
  await panel.locator('button[data-export="export"]').click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  // The dialog proposes a name after the source and the head, in the source's folder.
  for (const deadline = Date.now() + UI_TIMEOUT_MS; !(await input.inputValue()).endsWith(proposed); await page.waitForTimeout(100)) {
    if (Date.now() > deadline) throw new Error(`the dialog proposes ${await input.inputValue()}, not …${proposed}`);
  }
  const path = join(OUT, name);
  await input.fill(path);
  // The dialog checks the path as it changes (it lists the folder): Enter once it has.
  await page.waitForTimeout(1000);
  await page.keyboard.press('Enter');
  const saved = Date.now();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let size = -1;
  for (;;) {
    // Written in one call: there once its size stops changing.
    const now = existsSync(path) ? statSync(path).size : -1;
    if (now > 0 && now === size) break;
    if (Date.now() > deadline) throw new Error(`${path} was not written`);
    size = now;
    await page.waitForTimeout(300);
  }
  await page.locator('.notifications-toasts .notification-toast', { hasText: `Exported ${name}.` }).waitFor();
  if (timing) timing.ms = Date.now() - saved;
  return readFileSync(path);
}

it('exports the heatmap of head 3 as PNG, SVG and CSV, and the analysis as the CLI writes it', async () => {
  const { page } = workbench;
  await openFile(page, 'english.md');
  await selectWithFind(page, SENTENCE);
  await runCommand(page, 'Attention Explorer: Show Attention');
  panel = await waitForWebview(page, '.analysis canvas.cells');
  const tokens = tokenize(SENTENCE).map((token) => token.text);
  const n = tokens.length;

  // Head 3, as a reader picks it: "]" steps from the average through the maximum to the heads.
  await panel.locator('.analysis-header, .analysis h1, .analysis').first().click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 4; i++) await panel.locator('body').press(']');
  await panel.locator('#head-select[value="2"], #head-select').first().waitFor();
  assert.equal(await panel.locator('#head-select').evaluate((select) => (select as unknown as { value: string }).value), '2', 'head 3 is shown');
  await workbench.screenshot('export-1-toolbar');

  const cliJson = JSON.parse(runCli(['--json', SENTENCE]));
  const head3 = cliJson.heads[2].weights as number[][];

  // PNG: the heatmap as drawn, at 2×: the matrix's box (labels and cells) and the legend's band.
  const png = await exportAs(page, 'PNG image (2×)', 'english-head-3.png', 'english-head-3.png');
  await workbench.screenshot('export-2-saved');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const box = await panel.locator('.heatmap .matrix').evaluate((matrix) => {
    const rect = matrix.getBoundingClientRect();
    return { width: rect.width, height: rect.height };
  });
  assert.ok(Math.abs(width - 2 * box.width) <= 1, `the PNG is 2× the heatmap's width: ${width} for ${box.width} CSS px`);
  assert.ok(Math.abs(height - 2 * (box.height + IMAGE_LEGEND_CSS)) <= 1, `the PNG is 2× the heatmap's height and its legend: ${height} for ${box.height} + ${IMAGE_LEGEND_CSS} CSS px`);

  // SVG: a rect per cell, every token on both axes, the legend.
  const svg = parseXml((await exportAs(page, 'SVG image', 'english-head-3.svg', 'english-head-3.svg')).toString('utf8'));
  const elements = [...xmlElements(svg)];
  const cells = elements.find((e) => e.name === 'g' && e.attributes.class === 'cells')!;
  assert.equal(cells.children.filter((child) => typeof child !== 'string').length, n * n, `${n}² cells`);
  assert.deepEqual(elements.filter((e) => e.attributes.class === 'query-label').map(xmlTextOf), tokens);
  assert.deepEqual(elements.filter((e) => e.attributes.class === 'key-label').map(xmlTextOf), tokens);
  assert.ok(elements.some((e) => e.attributes.class === 'legend-bar'), 'the legend is drawn');

  // CSV: the CLI's weights of head 3 (the panel's are float32), a header row and a column of tokens.
  const { bom, rows } = parseCsv((await exportAs(page, 'CSV weights', 'english-head-3.csv', 'english-head-3.csv')).toString('utf8'));
  assert.ok(bom, 'a UTF-8 byte-order mark, for Excel');
  assert.deepEqual(rows[0].slice(1), tokens);
  assert.deepEqual(rows.slice(1).map((row) => row[0]), tokens);
  rows.slice(1).forEach((row, q) => assert.deepEqual(row.slice(1).map((field) => Math.fround(Number(field))), head3[q].map(Math.fround), `row ${q} is the CLI's head 3`));

  // JSON: what `attention-explorer --json` prints for the same text and settings.
  const json = JSON.parse((await exportAs(page, 'JSON (as the command line)', 'english-attention.json', 'english-attention.json')).toString('utf8'));
  assert.deepEqual(json, cliJson);

  // safetensors: the tensors of `attention-explorer --out FILE.safetensors`.
  const exported = readSafetensors(new Uint8Array(await exportAs(page, 'safetensors (as the command line)', 'english-attention.safetensors', 'english-attention.safetensors')));
  mkdirSync(join(OUT, 'cli'), { recursive: true });
  const cliFile = join(OUT, 'cli', 'out.safetensors');
  runCli(['--out', cliFile, SENTENCE]);
  const expected = readSafetensors(new Uint8Array(readFileSync(cliFile)));
  assert.deepEqual(exported.metadata, expected.metadata);
  assert.deepEqual([...exported.tensors.keys()], [...expected.tensors.keys()]);
  for (const [name, tensor] of expected.tensors) assert.deepEqual(exported.tensors.get(name), tensor, name);
  await workbench.screenshot('export-3-done');
});

it('copies the heatmap image to the clipboard', async () => {
  const { page } = workbench;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.locator('button[data-export="copy"]').click();
  const status = panel.locator('.export-status');
  await status.filter({ hasText: /copied|Could not/ }).waitFor();
  await workbench.screenshot('export-4-copied');
  assert.equal(await status.textContent(), 'The heatmap image was copied to the clipboard.');
  type Clipboard = { read(): Promise<{ types: readonly string[] }[]> };
  const types = await panel.evaluate(async () => (await (globalThis as unknown as { navigator: { clipboard: Clipboard } }).navigator.clipboard.read()).flatMap((item) => [...item.types]));
  assert.ok(types.includes('image/png'), `the clipboard has a PNG: ${types.join(', ')}`);
});

it('exports the exact weights of a 2,048-token selection (an overview on screen) as CSV, from the workers in bands, as the CLI computes them', async () => {
  const { page } = workbench;
  const N = 2048;
  await setMaxTokens(page, N);
  const words = Array.from({ length: N }, (_, i) => `w${i}`);
  await newUntitledWith(page, words.join(' '));
  await runCommand(page, 'Attention Explorer: Show Attention');
  panel = await waitForWebview(page, '.analysis canvas.cells', 90_000);
  await panel.locator('.fact', { hasText: String(N) }).first().waitFor();
  const timing = { ms: 0 };
  // The panel keeps the head chosen before (head 3) for the new analysis.
  const csv = (await exportAs(page, 'CSV weights', 'long-head-3.csv', '-head-3.csv', timing)).toString('utf8');
  console.log(`# the CSV of ${N} tokens (${(csv.length / 1e6).toFixed(1)} M characters) was written ${timing.ms} ms after the dialog's Enter`);
  await workbench.screenshot('export-5-long-csv');
  const { rows } = parseCsv(csv);
  assert.equal(rows.length, N + 1);
  assert.deepEqual(rows[0].slice(1), words);
  // The CLI's --out file of the same text: its head 3 is the panel's.
  mkdirSync(join(OUT, 'cli'), { recursive: true });
  const cliFile = join(OUT, 'cli', 'long.safetensors');
  runCli(['--max-tokens', String(N), '--out', cliFile, '--tensors', 'heads.2.weights', words.join(' ')]);
  const head3 = readSafetensors(new Uint8Array(readFileSync(cliFile))).tensors.get('heads.2.weights')!.data;
  let worst = 0;
  rows.slice(1).forEach((row, q) => {
    assert.equal(row.length, N + 1);
    assert.equal(row[0], words[q]);
    for (let k = 0; k < N; k++) worst = Math.max(worst, Math.abs(Number(row[k + 1]) - head3[q * N + k]));
  });
  console.log(`# the largest difference from the CLI's float32 weights: ${worst}`);
  assert.ok(worst < 1e-6, `every weight is the CLI's head 3 (off by at most ${worst})`);
  await setMaxTokens(page, undefined);
});
