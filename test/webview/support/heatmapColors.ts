/**
 * What the heatmap must show for a head choice, from the numbers of the analysis sent, and a wait
 * until it does (redraws follow events, not calls).
 */
import assert from 'node:assert/strict';
import type { AttentionView } from '../../../src/common/attention/analysisView';
import { averageHeads } from '../../../src/common/attention/headAverage';
import { weightColor, type Rgb } from '../../../webview/src/attention/colorScale';
import type { PanelPage } from './panelPage';

/** What the heatmap shows for a head choice, from the engine's own numbers. */
export function shown(view: AttentionView, head: number | 'average'): { values: readonly number[]; max: number } {
  const values = head === 'average' ? averageHeads(view.weights) : Array.from(view.weights[head]);
  return { values, max: Math.max(...values) };
}

/** Each cell's colour (as PanelPage.cellColors reads them) is its weight's, within rounding. */
export function assertColorsMatch(actual: readonly Rgb[], view: AttentionView, head: number | 'average', label: string): void {
  const { values, max } = shown(view, head);
  assert.equal(actual.length, values.length);
  actual.forEach((color, i) => {
    const expected = weightColor(values[i], max);
    const off = Math.max(...color.map((c, ch) => Math.abs(c - expected[ch])));
    assert.ok(off <= 2, `${label}: cell ${Math.floor(i / Math.sqrt(values.length))},${i % Math.sqrt(values.length)} is ${color}, expected ${expected} for weight ${values[i]}`);
  });
}

/** Waits (up to 3 s) until the heatmap shows a head's weights: redraws follow events, not calls. */
export async function expectHead(page: PanelPage, view: AttentionView, head: number | 'average', label: string): Promise<void> {
  const n = view.tokens.length;
  const deadline = Date.now() + 3000;
  for (;;) {
    const colors = await page.cellColors(n);
    try {
      assertColorsMatch(colors, view, head, label);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.page.waitForTimeout(50);
    }
  }
}
