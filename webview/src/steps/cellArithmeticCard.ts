/**
 * One cell of one head worked out, in the chapter's notation and with the real numbers: the dot
 * product q_i·k_j (with its d_k terms), ÷ √d_k, the softmax of the row, and weight · v_j with its
 * share of z_i. Every number is shown by formatNumber, its full precision in `title` and
 * `data-value`; each formula line is `data-part="score|scaled|weight|contribution"`.
 */
import type { CellArithmetic } from '../../../src/common/attention/cellArithmetic';
import { el } from '../shared/dom';
import { formatParts } from '../shared/l10n';
import { t } from '../attention/l10n';

export interface CellArithmeticLabels {
  /** The query and key tokens' text. */
  readonly query: string;
  readonly key: string;
  /** The head, 0-based (as HeadSteps.head); shown 1-based. */
  readonly head: number;
  /** Names of the d_k dimensions in the terms table, if not 1…d_k. */
  readonly valueLabels?: readonly string[];
}

/** How many of the largest |q_i[k]·k_j[k]| terms the table highlights. */
const TOP_TERMS = 3;

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '+': '', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/**
 * A number for reading: 4 significant digits without trailing zeros, a true minus sign, ±∞ as
 * such, and powers of ten (1.234×10⁻⁷) outside 0.0001…999,999. formatNumberTitle gives the rest.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const size = Math.abs(value);
  let text: string;
  if (size >= 1e-4 && size < 1e6) {
    text = Number(value.toPrecision(4)).toString();
    // toString() of a rounded number stays positional in this range, except for values like 1e-4.
    if (text.includes('e')) text = value.toFixed(4);
  } else {
    const [mantissa, exponent] = value.toExponential(3).split('e');
    text = `${Number(mantissa)}×10${[...exponent].map((c) => SUPERSCRIPT[c]).join('')}`;
  }
  return text.replace(/-/g, '−');
}

/** Full precision, as JavaScript prints a double (exactly what it is), for a `title`. */
export function formatNumberTitle(value: number): string {
  return String(value);
}

/** A formatted number whose full value is in `data-value` and its tooltip. */
export function numberElement(value: number, name?: string, className = 'num'): HTMLElement {
  return el('span', {
    className,
    text: formatNumber(value),
    attrs: { title: formatNumberTitle(value), 'data-value': String(value), ...(name ? { 'data-name': name } : {}) },
  });
}

/** A symbol with a subscript, as the chapter writes q_i: `q` and 1-based `2` → q₂. */
function sym(name: string, subscript?: string | number, superscript?: string): HTMLElement {
  const children: (Node | string)[] = [el('var', { text: name })];
  if (subscript !== undefined) children.push(el('sub', { text: String(subscript) }));
  if (superscript !== undefined) children.push(el('sup', { text: superscript }));
  return el('span', { className: 'sym' }, children);
}

/** `q₂[k]`. */
function entry(name: string, index: number, at = 'k'): HTMLElement {
  return el('span', { className: 'sym' }, [sym(name, index), '[', el('var', { text: at }), ']']);
}

/** A number after a minus sign: in parentheses when negative, so "− −1.2" reads "− (−1.2)". */
function subtrahend(value: number, name: string): (Node | string)[] {
  return value < 0 ? ['(', numberElement(value, name), ')'] : [numberElement(value, name)];
}

function op(text: string): HTMLElement {
  return el('span', { className: 'op', text });
}

let cards = 0;

export function renderCellArithmetic(a: CellArithmetic, labels: CellArithmeticLabels): HTMLElement {
  const i = a.query + 1;
  const j = a.key + 1;
  const titleId = `cell-arithmetic-title-${++cards}`;
  const title = el('h3', { className: 'arith-title', text: t('arithTitle', labels.head + 1, labels.query, i, labels.key, j), attrs: { id: titleId } });
  const vectors = el('p', { className: 'arith-vectors' }, [
    el('span', {}, formatParts(t('arithQueryOf'), [sym('q', i), tokenText(labels.query), `#${i}`])),
    el('span', {}, formatParts(t('arithKeyOf'), [sym('k', j), tokenText(labels.key), `#${j}`])),
    el('span', {}, [sym('d', 'k'), op(' = '), numberElement(a.dK, 'dK')]),
  ]);

  const steps = el('ol', { className: 'arith-steps' }, [scoreLine(a, i, j, labels.valueLabels), scaledLine(a), weightLine(a), contributionLine(a, i, j)]);
  const card = el('section', { className: a.masked ? 'cell-arithmetic masked' : 'cell-arithmetic', attrs: { role: 'group', 'aria-labelledby': titleId } }, [title, vectors, steps]);
  if (a.masked) card.append(el('p', { className: 'arith-masked-note', text: t('arithMaskedNote') }));
  return card;
}

function tokenText(token: string): HTMLElement {
  return el('span', { className: 'token', text: token });
}

function line(part: 'score' | 'scaled' | 'weight' | 'contribution', value: number, step: string, formula: (Node | string)[], extra: (Node | string)[] = []): HTMLElement {
  return el('li', { className: 'arith-line', attrs: { 'data-part': part, 'data-value': String(value) } }, [
    el('span', { className: 'arith-step', text: step }),
    el('span', { className: 'arith-formula' }, formula),
    ...extra,
  ]);
}

/** Step 5: q_i·k_j = Σₖ q_i[k]·k_j[k] = score, and the table of its terms. */
function scoreLine(a: CellArithmetic, i: number, j: number, valueLabels?: readonly string[]): HTMLElement {
  const formula = [sym('q', i), op(' · '), sym('k', j), op(' = '), el('span', { className: 'sym' }, ['Σ', el('sub', { text: 'k' })]), ' ', entry('q', i), op('·'), entry('k', j), op(' = '), numberElement(a.score, 'score', 'num result')];
  return line('score', a.score, t('arithScoreStep'), formula, [termsTable(a, i, j, valueLabels)]);
}

function termsTable(a: CellArithmetic, i: number, j: number, valueLabels?: readonly string[]): HTMLElement {
  const top = new Set(
    Array.from(a.products.keys())
      .sort((x, y) => Math.abs(a.products[y]) - Math.abs(a.products[x]))
      .slice(0, Math.min(TOP_TERMS, a.dK)),
  );
  const head = el('thead', {}, [el('tr', {}, [el('th', { attrs: { scope: 'col' } }, [el('var', { text: 'k' })]), el('th', { attrs: { scope: 'col' } }, [entry('q', i)]), el('th', { attrs: { scope: 'col' } }, [entry('k', j)]), el('th', { attrs: { scope: 'col' }, text: t('arithProduct') })])]);
  const rows = Array.from({ length: a.dK }, (_, k) => {
    const cell = (value: number, name: string) => el('td', {}, [numberElement(value, name)]);
    const tr = el('tr', top.has(k) ? { className: 'top', attrs: { title: t('arithTopTerm', Math.min(TOP_TERMS, a.dK)) } } : {}, [
      el('th', { attrs: { scope: 'row' }, text: valueLabels?.[k] ?? String(k + 1) }),
      cell(a.queryVector[k], 'q'),
      cell(a.keyVector[k], 'k'),
      cell(a.products[k], 'product'),
    ]);
    return tr;
  });
  const foot = el('tfoot', {}, [el('tr', {}, [el('th', { attrs: { scope: 'row', colspan: '3' }, text: t('arithSum') }), el('td', {}, [numberElement(a.score, 'sum')])])]);
  const table = el('table', { className: 'arith-terms' }, [el('caption', { className: 'sr-only', text: t('arithTermsCaption', a.dK) }), head, el('tbody', {}, rows), foot]);
  const details = el('details', { className: 'arith-terms-details', attrs: { open: '' } }, [
    el('summary', { text: t('arithTermsSummary', a.dK, Math.min(TOP_TERMS, a.dK)) }),
    el('div', { className: 'arith-terms-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('arithTermsCaption', a.dK) } }, [table]),
  ]);
  return details;
}

/** Step 6: ÷ √d_k = score / √d_k = scaled, with √d_k written out. */
function scaledLine(a: CellArithmetic): HTMLElement {
  const sqrt = el('span', { className: 'arith-aside' }, [op('√'), String(a.dK), op(' = '), numberElement(a.sqrtDk, 'sqrtDk')]);
  const formula = a.masked
    ? [op('÷ √'), sym('d', 'k'), op(' → '), numberElement(a.scaled, 'scaled', 'num result'), ' ', el('span', { className: 'arith-aside', text: t('arithMaskedScaled') })]
    : [op('÷ √'), sym('d', 'k'), op(' = '), numberElement(a.score, 'score'), op(' / '), numberElement(a.sqrtDk, 'sqrtDk'), op(' = '), numberElement(a.scaled, 'scaled', 'num result')];
  return line('scaled', a.scaled, t('arithScaleStep'), formula, [el('span', { className: 'arith-note' }, [sqrt])]);
}

/** Step 7: exp(scaled − row max) / Σ row = numerator / denominator = weight. */
function weightLine(a: CellArithmetic): HTMLElement {
  const formula = [
    'exp(', numberElement(a.scaled, 'scaled'), op(' − '), ...subtrahend(a.rowMax, 'rowMax'), ') / ', el('span', { text: t('arithRowSum') }),
    op(' = '), numberElement(a.numerator, 'numerator'), op(' / '), numberElement(a.denominator, 'denominator'), op(' = '), numberElement(a.weight, 'weight', 'num result'),
  ];
  const note = el('span', { className: 'arith-note' }, [
    el('span', {}, [...formatParts(t('arithRowMax'), [numberElement(a.rowMax, 'rowMax')])]),
    el('span', {}, [...formatParts(t('arithRowSumIs'), [numberElement(a.denominator, 'denominator')])]),
  ]);
  return line('weight', a.weight, t('arithSoftmaxStep'), formula, [note]);
}

/** Step 8: weight · v_j, key j's part of z_i, and how much of z_i it is. */
function contributionLine(a: CellArithmetic, i: number, j: number): HTMLElement {
  const percent = el('span', { className: 'num result', text: t('arithPercent', formatNumber(a.share * 100)), attrs: { title: formatNumberTitle(a.share), 'data-name': 'share', 'data-value': String(a.share) } });
  const formula = [numberElement(a.weight, 'weight'), op(' · '), sym('v', j), op(' → '), ...formatParts(t('arithShareOf'), [percent, sym('z', i)])];
  return line('contribution', a.share, t('arithValueStep'), formula, [el('span', { className: 'arith-note', text: t('arithShareNote') })]);
}
