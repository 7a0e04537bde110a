import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { computeAttention } from '../../src/common/attention/attention';
import { cellArithmetic, type CellArithmetic } from '../../src/common/attention/cellArithmetic';
import { resolveConfig, type AttentionConfig } from '../../src/common/attention/config';
import { headSteps, retain } from '../../src/common/attention/steps';
import { tokenize } from '../../src/common/attention/tokenizer';
import { mount, useComponentHarness } from './support/componentPage';

// The shapes of fixtures/cellArithmeticPage.ts, restated: importing it would bring the DOM's types
// into this Node-side program.
type SentArithmetic = { readonly [K in keyof CellArithmetic]: CellArithmetic[K] extends Float64Array ? number[] : CellArithmetic[K] };
interface CardPageItem {
  readonly arithmetic: SentArithmetic;
  readonly labels: { readonly query: string; readonly key: string; readonly head: number; readonly valueLabels?: readonly string[] };
}

const harness = useComponentHarness(new URL('./fixtures/cellArithmeticPage.ts', import.meta.url));
const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);

/** A real cell of a real head, and what the card is given for it. */
function cell(text: string, config: Partial<AttentionConfig>, head: number, query: number, key: number): { a: CellArithmetic; item: CardPageItem } {
  const analysis = retain(computeAttention(tokenize(text), resolveConfig(config)));
  const steps = headSteps(analysis, head).head;
  const a = cellArithmetic(steps, query, key);
  const arithmetic: SentArithmetic = {
    ...a,
    queryVector: Array.from(a.queryVector),
    keyVector: Array.from(a.keyVector),
    products: Array.from(a.products),
    contribution: Array.from(a.contribution),
  };
  return { a, item: { arithmetic, labels: { query: analysis.tokens[query].text, key: analysis.tokens[key].text, head } } };
}

interface Shown {
  readonly parts: { part: string; value: string }[];
  readonly numbers: { part: string; name: string; value: string; text: string; title: string }[];
  readonly text: string;
}

interface QueryElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  closest(selector: string): QueryElement | null;
  querySelectorAll(selector: string): ArrayLike<QueryElement>;
}

/** Every data-part line and every named number of the index-th card. */
async function read(page: import('playwright-core').Page, index: number): Promise<Shown> {
  return page.evaluate((i) => {
    const card = (globalThis as unknown as { document: QueryElement }).document.querySelectorAll('.cell-arithmetic')[i];
    return {
      parts: Array.from(card.querySelectorAll('[data-part]')).map((line) => ({ part: line.getAttribute('data-part')!, value: line.getAttribute('data-value')! })),
      numbers: Array.from(card.querySelectorAll('[data-name]')).map((n) => ({
        part: n.closest('[data-part]')?.getAttribute('data-part') ?? '',
        name: n.getAttribute('data-name')!,
        value: n.getAttribute('data-value')!,
        text: n.textContent ?? '',
        title: n.getAttribute('title') ?? '',
      })),
      text: card.textContent ?? '',
    };
  }, index);
}

/** What a named number of the card must be. */
function expected(a: CellArithmetic, name: string): number {
  const value = (a as unknown as Record<string, unknown>)[name === 'sum' ? 'score' : name];
  assert.equal(typeof value, 'number', `the card's ${name} is a field of CellArithmetic`);
  return value as number;
}

describe('cell arithmetic card', () => {
  it("shows exactly cellArithmetic's numbers for a real head, and they add up", async () => {
    const { a, item } = cell('The bank of the river was steep, so we sat on it.', {}, 2, 4, 1);
    const page = await harness().open();
    await mount(page, [item]);
    const card = await read(page, 0);

    assert.deepEqual(card.parts.map((p) => p.part), ['score', 'scaled', 'weight', 'contribution']);
    const part = (name: string) => Number(card.parts.find((p) => p.part === name)!.value);
    assert.equal(part('score'), a.score);
    assert.equal(part('scaled'), a.scaled);
    assert.equal(part('weight'), a.weight);
    assert.equal(part('contribution'), a.share);

    const inTable = new Set(['q', 'k', 'product']);
    const table = card.numbers.filter((n) => inTable.has(n.name));
    assert.equal(table.length, 3 * a.dK, 'the table has every term');
    for (const [index, n] of card.numbers.entries()) {
      if (inTable.has(n.name)) continue;
      assert.equal(Number(n.value), expected(a, n.name), `${n.name} (#${index})`);
      assert.equal(n.title, String(Number(n.value)), `${n.name}'s title is its full precision`);
    }
    const column = (name: string) => table.filter((n) => n.name === name).map((n) => Number(n.value));
    assert.deepEqual(column('q'), Array.from(a.queryVector));
    assert.deepEqual(column('k'), Array.from(a.keyVector));
    assert.deepEqual(column('product'), Array.from(a.products));

    // The parts add up, in the engine's arithmetic.
    const num = (p: string, name: string) => Number(card.numbers.find((n) => n.part === p && n.name === name)!.value);
    assert.equal(column('product').reduce((s, p) => s + p, 0), part('score'), 'Σ products = score');
    assert.equal(num('scaled', 'score') * (1 / num('scaled', 'sqrtDk')), part('scaled'), 'score · (1/√d_k) = scaled');
    assert.equal(num('weight', 'numerator') / num('weight', 'denominator'), part('weight'), 'exp / denominator = weight');
    assert.equal(Math.exp(num('weight', 'scaled') - num('weight', 'rowMax')), num('weight', 'numerator'), 'numerator = exp(scaled − row max)');

    assert.match(card.text, /√64 = 8/, '√d_k is written out');
    assert.match(card.text, /Head 3: query “river” \(#5\) → key “bank” \(#2\)/);
    const formatted = card.numbers.find((n) => n.part === 'weight' && n.name === 'weight')!.text;
    assert.ok(formatted.replace(/[^0-9]/g, '').replace(/^0+/, '').length <= 6, `"${formatted}" is short`);
    assert.equal(await page.getByRole('group', { name: 'Head 3: query “river” (#5) → key “bank” (#2)' }).count(), 1, 'the card is a named group');
    assert.equal(await page.locator('.arith-terms tr.top').count(), 3, 'the three largest terms are highlighted');
    const top = await page.locator('.arith-terms tr.top td:nth-child(4) [data-value]').evaluateAll((els) => els.map((e) => Math.abs(Number(e.getAttribute('data-value')))));
    const sorted = Array.from(a.products, Math.abs).sort((x, y) => y - x);
    assert.deepEqual(top.sort((x, y) => y - x), sorted.slice(0, 3));
  });

  it('explains a masked cell: −∞ before softmax, 0 after', async () => {
    const { a, item } = cell('我去了银行。', { mask: 'causal', dModel: 48, heads: 3 }, 1, 1, 3);
    assert.equal(a.masked, true);
    const page = await harness().open();
    await mount(page, [item]);
    const card = await read(page, 0);
    const part = (name: string) => Number(card.parts.find((p) => p.part === name)!.value);
    assert.equal(part('scaled'), -Infinity);
    assert.equal(part('weight'), 0);
    assert.equal(part('contribution'), 0);
    assert.match(card.text, /−∞ before softmax and its weight is 0 after/);
    assert.match(card.text, /√16 = 4/);
    assert.ok(card.numbers.some((n) => n.part === 'scaled' && n.name === 'scaled' && n.text === '−∞'));
  });

  it('looks right in light and dark (screenshots)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const items = [cell('The bank of the river was steep, so we sat on it.', {}, 2, 4, 1).item, cell('The bank of the river.', { mask: 'causal' }, 0, 1, 3).item, cell('我去了银行。', { dModel: 16, heads: 2 }, 1, 3, 2).item];
    for (const theme of ['light', 'dark'] as const) {
      const page = await harness().open({ theme, deviceScaleFactor: 2, viewport: { width: 760, height: 1600 } });
      await mount(page, items);
      await page.locator('body > div').screenshot({ path: new URL(`cell-arithmetic-${theme}.png`, ARTIFACTS).pathname });
    }
  });
});
