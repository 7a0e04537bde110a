/**
 * The attention panel in the display language: the strings the host hands over in the page (here
 * the zh-cn bundle's, as `vscode.l10n.t` gives them) are the ones shown, and a broken or missing
 * translation falls back to English rather than to a hole. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ATTENTION_PANEL_STRINGS } from '../../src/common/l10n/webviewStrings';
import type { PanelHarness, PanelPage } from './support/panelPage';
import { sampleAnalysis } from './support/sampleAnalysis';
import { localizedStrings } from './support/strings';
import { usePanelHarness } from './support/suiteHooks';

const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);
const ZH = localizedStrings(ATTENTION_PANEL_STRINGS, 'zh-cn');
const HAN = /\p{Script=Han}/u;
const fill = (template: string, ...args: (string | number)[]) => template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

let harness: PanelHarness;
let panel: PanelPage | undefined;

usePanelHarness({ started: (h) => (harness = h), current: () => panel, closed: () => (panel = undefined) });

describe('attention panel (webview) in the display language', () => {
  it('shows the zh-cn strings the host hands over: status, header, head selector, axes, legend, notes, tooltip', async () => {
    for (const key of ['emptyTitle', 'headLabel', 'averageOfHeads', 'axisKey', 'axisQuery', 'truncatedNotice'] as const) {
      assert.match(ZH[key], HAN, `the zh-cn bundle translates ${key} (${ATTENTION_PANEL_STRINGS[key]}) into Chinese`);
    }
    panel = await harness.open({ lang: 'zh-cn' });
    const { page } = panel;
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang), 'zh-cn');
    assert.equal(await page.locator('.status.empty h1').innerText(), ZH.emptyTitle);
    assert.equal(await page.locator('.status.empty p').innerText(), fill(ZH.emptyHint, ZH.showAttentionCommand));

    const message = sampleAnalysis({ maxTokens: 5 });
    await panel.send(message);
    const heads = message.view.config.heads;
    assert.equal(await page.locator('.head-selector label').innerText(), ZH.headLabel);
    assert.equal(await page.locator('#head-select').getAttribute('aria-label'), ZH.headSelectLabel);
    assert.deepEqual(
      (await page.locator('#head-select vscode-option').allTextContents()).map((text) => text.trim()),
      [fill(ZH.averageOfHeads, heads), fill(ZH.maximumOfHeads, heads), ...Array.from({ length: heads }, (_, h) => fill(ZH.headNumber, h + 1))],
    );
    assert.equal(await page.locator('.axis-key').innerText(), ZH.axisKey);
    assert.equal(await page.locator('.axis-query').innerText(), ZH.axisQuery);
    assert.equal(await page.locator('.col-labels').getAttribute('aria-label'), ZH.keyTokensLabel);
    assert.equal(await page.locator('.notice').innerText(), fill(ZH.truncatedNotice, 5, 11));
    assert.equal(await page.locator('.legend-title').innerText(), ZH.legendTitle);
    assert.equal(await page.locator('.notes-heading').innerText(), ZH.notesHeading);
    const facts = await page.locator('.fact dt').allTextContents();
    assert.deepEqual(facts, [ZH.factTokens, 'd_model', ZH.factHeads, 'd_k', ZH.factMask, ZH.factPositional, ZH.factSeed, ZH.factTime]);
    assert.equal(await page.locator('canvas.cells').getAttribute('aria-label'), fill(ZH.canvasLabel, 5));

    await panel.hoverCell(1, 0, 5);
    assert.deepEqual(await page.locator('.tooltip .tooltip-name').allTextContents(), [ZH.tooltipQuery, ZH.tooltipKey, ZH.tooltipWeight]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('panel-zh-cn.png', ARTIFACTS).pathname, fullPage: true });
  });

  it('falls back to English for a string that is missing, not a string, or has other placeholders', async () => {
    panel = await harness.open({
      lang: 'zh-cn',
      strings: { ...ZH, headLabel: 42, averageOfHeads: '{1} 个头', axisKey: '', headNumber: undefined, unknownKey: '<b>x</b>' },
    });
    await panel.send(sampleAnalysis());
    const { page } = panel;
    assert.equal(await page.locator('.head-selector label').innerText(), ATTENTION_PANEL_STRINGS.headLabel);
    assert.equal((await page.locator('#head-select vscode-option').first().textContent())?.trim(), fill(ATTENTION_PANEL_STRINGS.averageOfHeads, 4));
    assert.equal((await page.locator('#head-select vscode-option').nth(2).textContent())?.trim(), fill(ATTENTION_PANEL_STRINGS.headNumber, 1));
    assert.equal(await page.locator('.axis-key').innerText(), ATTENTION_PANEL_STRINGS.axisKey);
    assert.equal(await page.locator('.axis-query').innerText(), ZH.axisQuery, 'the valid strings still come from the host');
  });

  it('shows English when the page carries no usable strings at all', async () => {
    panel = await harness.open({ strings: [] as unknown as Record<string, unknown> });
    await panel.send(sampleAnalysis());
    assert.equal(await panel.page.locator('.head-selector label').innerText(), ATTENTION_PANEL_STRINGS.headLabel);
    assert.equal(await panel.page.locator('.axis-key').innerText(), ATTENTION_PANEL_STRINGS.axisKey);
  });
});
