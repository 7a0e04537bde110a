/** The panel's export writers: the SVG is well-formed XML with every cell and label; the CSV reads back exactly. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { weightColor } from '../../src/common/color/viridis';
import { exportFileName } from '../../src/common/export/exportName';
import { heatmapSvgChunks, SVG_MAX_TOKENS, type HeatmapSvgInput } from '../../src/common/export/heatmapSvg';
import { csvField, csvHeader, csvRow } from '../../src/common/export/weightsCsv';
import { parseCsv } from '../support/csv';
import { parseXml, xmlElements, xmlTextOf, type XmlElement } from '../support/xml';

/** Tokens a label must survive: markup, entities, quotes, emoji, RTL, a combining mark, a control character, a lone surrogate. */
const NASTY = ['<script>', '&', 'a"b\'c', '👩‍💻', 'שלום', 'e\u0301', 'x\u0007y', '\uD800', ']]>', '中文'];

function matrix(n: number): Float64Array {
  const values = new Float64Array(n * n);
  for (let q = 0; q < n; q++) for (let k = 0; k < n; k++) values[q * n + k] = ((q * 7 + k * 3) % 11) / 10;
  return values;
}

function svgOf(input: Partial<HeatmapSvgInput> & { tokens: readonly string[] }): XmlElement {
  const n = input.tokens.length;
  const svg = [...heatmapSvgChunks({ values: matrix(n), max: 1, causal: false, title: 'notes.md, head 2', words: { legend: 'Weight', masked: 'masked', query: 'query', key: 'key' }, ...input })].join('');
  return parseXml(svg);
}

const byClass = (root: XmlElement, name: string, className?: string) => [...xmlElements(root)].filter((e) => e.name === name && (className === undefined || e.attributes.class === className));

describe('the heatmap SVG', () => {
  it('is well-formed XML with a rect per cell, coloured as the page colours the weights', () => {
    const tokens = ['The', 'cat', 'sat', 'on', 'the', 'mat'];
    const root = svgOf({ tokens });
    assert.equal(root.name, 'svg');
    assert.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
    const cells = byClass(root, 'g', 'cells')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
    assert.equal(cells.length, 36);
    const values = matrix(6);
    const hex = ([r, g, b]: readonly number[]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    cells.forEach((rect, i) => assert.equal(rect.attributes.fill, hex(weightColor(values[i], 1)), `cell ${i}`));
  });

  it('has every token as a query and a key label, escaped, whatever the token', () => {
    const root = svgOf({ tokens: NASTY });
    const queries = byClass(root, 'text', 'query-label').map(xmlTextOf);
    const keys = byClass(root, 'text', 'key-label').map(xmlTextOf);
    // What XML 1.0 cannot hold (a control character, a lone surrogate) becomes U+FFFD; the rest is the token.
    const expected = NASTY.map((token) => token.replace('\u0007', '\uFFFD').replace('\uD800', '\uFFFD'));
    assert.deepEqual(queries, expected);
    assert.deepEqual(keys, expected);
  });

  it('has the legend: a gradient bar, three ticks and its title; the masked swatch under a causal mask', () => {
    const plain = svgOf({ tokens: ['a', 'b'], max: 0.8 });
    const legend = byClass(plain, 'g', 'legend')[0];
    assert.ok(legend);
    assert.equal(byClass(legend, 'rect', 'legend-bar')[0].attributes.fill, 'url(#scale)');
    assert.equal(byClass(plain, 'stop').length, 17);
    assert.deepEqual(byClass(legend, 'text').map(xmlTextOf), ['Weight', '0', '0.40', '0.80']);
    const causal = svgOf({ tokens: ['a', 'b'], max: 0.8, causal: true });
    assert.ok(byClass(byClass(causal, 'g', 'legend')[0], 'text').map(xmlTextOf).includes('masked'));
    const cells = byClass(causal, 'g', 'cells')[0].children.filter((c): c is XmlElement => typeof c !== 'string');
    assert.equal(cells[1].attributes.fill, 'url(#masked)'); // query 0, key 1: masked
    assert.notEqual(cells[2].attributes.fill, 'url(#masked)');
  });

  it(`refuses more than ${SVG_MAX_TOKENS} tokens`, () => {
    const tokens = Array.from({ length: SVG_MAX_TOKENS + 1 }, (_, i) => `t${i}`);
    assert.throws(() => heatmapSvgChunks({ tokens, values: new Float64Array(tokens.length ** 2), max: 1, causal: false, title: '', words: { legend: '', masked: '', query: '', key: '' } }).next(), RangeError);
  });
});

describe('the weights CSV', () => {
  it('reads back exactly: the BOM, the header of key tokens, each row its query token and weights', () => {
    const tokens = ['a,b', 'say "hi"', 'line\nbreak', ' padded ', '中文', '<script>', '=1+1'];
    const n = tokens.length;
    const weights = Float32Array.from(matrix(n));
    const text = csvHeader(tokens, 'query \\ key') + tokens.map((token, q) => csvRow(token, weights, 'float32', q * n, n)).join('');
    assert.ok(text.endsWith('\r\n'));
    const { bom, rows } = parseCsv(text);
    assert.equal(bom, true);
    assert.deepEqual(rows[0], ['query \\ key', ...tokens]);
    assert.equal(rows.length, n + 1);
    rows.slice(1).forEach((row, q) => {
      assert.equal(row[0], tokens[q]);
      // The fewest digits that read back as the same float32.
      assert.deepEqual(row.slice(1).map((field) => Math.fround(Number(field))), Array.from(weights.subarray(q * n, (q + 1) * n)));
    });
  });

  it('writes float64 averages in full, and quotes only what needs quoting', () => {
    const row = csvRow('x', [1 / 3, 0], 'float64');
    assert.equal(row, `x,${String(1 / 3)},0\r\n`);
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a"b'), '"a""b"');
  });
});

describe('export file names', () => {
  it('name the source and the head (from 1), the average, or the whole analysis', () => {
    assert.equal(exportFileName('notes.md', 2, 'csv'), 'notes-head-3.csv');
    assert.equal(exportFileName('notes.md', 'average', 'svg'), 'notes-average.svg');
    assert.equal(exportFileName('notes.md', 0, 'json'), 'notes-attention.json');
    assert.equal(exportFileName('a/b:c?.txt', 'maximum', 'png'), 'a_b_c_-maximum.png');
    assert.equal(exportFileName('', 0, 'safetensors'), 'attention-attention.safetensors');
  });
});
