/**
 * The steps view: the chapter's eight steps of "计算注意力的步骤", and then its multi-head step,
 * worked out on the analysed text for one head, every matrix the engine's own (asked of the host
 * per head, as typed arrays). The chapter ends with the heading "自注意力的例子" and no body: this
 * is that example. A selected cell (query i, key j) is marked in every step and worked out in step 7.
 * For a pretrained model the steps are those of the chosen layer and head (the host sends them in
 * the same shapes): a line says what X and Q, K, V are then, and the built-in engine's notes on its
 * seed, its missing positions and its random weights are left out, being untrue of a model.
 */
import { cellArithmetic } from '../../../src/common/attention/cellArithmetic';
import { dimensionLines } from '../../../src/common/attention/dimensionLines';
import type { StepsData } from '../../../src/common/attention/steps';
import { glorotLimit } from '../../../src/common/attention/weights';
import type { AttentionView, CellChoice, ChapterPassage, StepsGuide } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from '../attention/l10n';
import { formatNumber, renderCellArithmetic } from './cellArithmeticCard';
import { MatrixView, type MatrixSpec } from './matrixView';
import type { StepsCache } from './stepsData';
import { renderTokenStep } from './tokenStep';

export interface StepsActions {
  openSection(sectionId: string): void;
  highlightToken(index: number | null): void;
  selectCell(cell: CellChoice): void;
}

/** Which rows, columns or cell of a matrix show the selected cell. */
type Marks = 'tokens' | 'query-row' | 'key-row' | 'cell' | 'none';

export class StepsView {
  readonly element = el('div', { className: 'steps-view' });
  private readonly body = el('div', { className: 'steps-body' });
  private readonly status = el('p', { className: 'steps-status muted', attrs: { role: 'status' } });
  private readonly modelNote = el('p', { className: 'steps-model-note' });
  private readonly matrices: { view: MatrixView; marks: Marks }[] = [];
  private arithmeticSlot?: HTMLElement;
  private data?: StepsData;
  private head = 0;
  private cell?: CellChoice;
  private readonly unlisten: () => void;

  constructor(
    private readonly view: AttentionView,
    private readonly guide: StepsGuide | undefined,
    private readonly cache: StepsCache,
    private readonly actions: StepsActions,
  ) {
    this.unlisten = cache.listen((head, result) => {
      if (head !== this.head) return;
      if ('data' in result) this.render(result.data);
      else this.status.textContent = result.error;
    });
    this.element.append(this.renderIntro(), ...(view.model ? [this.modelNote] : []), this.renderNav(), this.status, this.body);
  }

  /** Shows the steps of `head`; `note` says why it is that head (the heatmap shows the average, say). */
  setHead(head: number, note?: string): void {
    const changed = head !== this.head || !this.data;
    this.head = head;
    this.status.textContent = note ?? '';
    if (!changed) return;
    const data = this.cache.get(head);
    if (data) this.render(data);
    else this.showPending();
  }

  setCell(cell: CellChoice | undefined): void {
    this.cell = cell;
    this.mark();
  }

  repaint(): void {
    for (const { view } of this.matrices) view.repaint();
  }

  dispose(): void {
    this.unlisten();
    this.clearMatrices();
  }

  private showPending(): void {
    this.data = undefined;
    this.clearMatrices();
    this.body.replaceChildren(this.stepSection(0, [renderTokenStep(this.view, this.actions.highlightToken)]), el('p', { className: 'muted', text: t('stepsComputing', this.head + 1) }));
  }

  private clearMatrices(): void {
    for (const { view } of this.matrices) view.dispose();
    this.matrices.length = 0;
    this.arithmeticSlot = undefined;
  }

  private render(data: StepsData): void {
    this.clearMatrices();
    this.data = data;
    const { config } = this.view;
    const n = this.view.tokens.length;
    const lines = dimensionLines(n, config);
    const { layer, head } = data;
    const { model } = this.view;
    if (model) {
      const at = [model.display.layer + 1, head.head + 1, model.info.name] as const;
      this.modelNote.textContent = model.info.type === 'gpt2' ? t('stepsModelNoteGpt2', ...at) : t('stepsModelNoteBert', ...at);
    }
    const causal = config.mask === 'causal';
    const isMasked = (row: number, col: number) => causal && col > row;
    const headName = t('headNumber', head.head + 1);
    const tokens = this.view.tokens.map((token, i) => `${i + 1} ${token.text}`);
    const dims = (count: number) => Array.from({ length: count }, (_, c) => String(c + 1));
    const tokenRows = { rowLabels: tokens, rowAxis: t('axisToken') };
    const byDimension = (count: number) => ({ colLabels: dims(count), colAxis: t('axisDimension') });
    const byKey = { colLabels: tokens, colAxis: t('axisKeyToken') };
    const signed = 'signed' as const;
    const weightsRows = (count: number) => ({ rowLabels: dims(count), rowAxis: t('axisModelDimension') });

    this.arithmeticSlot = el('div', { className: 'arithmetic-slot' });
    const sections = [
      this.stepSection(0, [renderTokenStep(this.view, this.actions.highlightToken)]),
      this.stepSection(1, [
        ...(model ? [] : [el('p', { className: 'step-note', text: t('embeddingNote', config.seed) })]),
        this.matrix({ matrix: layer.embeddings, ...tokenRows, ...byDimension(config.dModel), label: model ? t('matrixLayerInput', model.display.layer + 1, size(n, config.dModel)) : t('matrixEmbeddings', size(n, config.dModel)), scale: signed }, 'tokens'),
      ]),
      this.stepSection(2, this.xStep(data, tokenRows, byDimension(config.dModel))),
      this.stepSection(3, [
        ...(model ? [] : [el('p', { className: 'step-note', text: t('glorotNote', config.dModel, config.dK, formatNumber(glorotLimit(config.dModel, config.dK))) })]),
        el('div', { className: 'matrix-row' }, (['wq', 'wk', 'wv'] as const).map((name) =>
          this.matrix({ matrix: head[name], ...weightsRows(config.dModel), ...byDimension(config.dK), label: t('matrixWeights', WEIGHT_NAMES[name], headName, size(config.dModel, config.dK)), scale: signed }, 'none'),
        )),
        dimensionLine(`X·Wq/Wk/Wv = Q/K/V: ${lines.projection}`),
        el('div', { className: 'matrix-row' }, (['q', 'k', 'v'] as const).map((name) =>
          this.matrix({ matrix: head[name], ...tokenRows, ...byDimension(config.dK), label: t('matrixProjection', name.toUpperCase(), `W${name}`, headName, size(n, config.dK)), scale: signed }, name === 'q' ? 'query-row' : 'key-row'),
        )),
      ]),
      this.stepSection(4, [
        dimensionLine(`Q·Kᵀ: ${lines.scores}`),
        this.matrix({ matrix: head.scores, ...tokenRows, ...byKey, label: t('matrixScores', headName, size(n, n)), scale: signed }, 'cell'),
      ]),
      this.stepSection(5, [
        dimensionLine(`√d_k = √${config.dK} = ${formatNumber(Math.sqrt(config.dK))}`),
        dimensionLine(`Q·Kᵀ/√d_k: ${lines.square}`),
        this.matrix({ matrix: head.scaled, ...tokenRows, ...byKey, label: t('matrixScaled', headName, size(n, n)), scale: signed, masked: isMasked, maskedText: '−∞' }, 'cell'),
      ]),
      this.stepSection(6, [
        dimensionLine(`softmax(Q·Kᵀ/√d_k): ${lines.square}`),
        ...(causal ? [el('p', { className: 'step-note', text: t('causalNote') })] : []),
        this.matrix({ matrix: head.weights, ...tokenRows, ...byKey, label: t('matrixWeightsSoftmax', headName, size(n, n)), scale: 'unit', masked: isMasked, maskedText: '0' }, 'cell'),
        renderRowSums(head.weights.data, n),
        this.arithmeticSlot,
      ]),
      this.stepSection(7, [
        dimensionLine(`Z = softmax(Q·Kᵀ/√d_k)·V: ${lines.z}`),
        this.matrix({ matrix: head.z, ...tokenRows, ...byDimension(config.dK), label: t('matrixZ', headName, size(n, config.dK)), scale: signed }, 'query-row'),
      ]),
      this.multiHeadSection(data, tokenRows, lines),
    ];
    this.body.replaceChildren(...sections);
    this.mark();
  }

  private xStep(data: StepsData, tokenRows: Pick<MatrixSpec, 'rowLabels' | 'rowAxis'>, cols: Pick<MatrixSpec, 'colLabels' | 'colAxis'>): HTMLElement[] {
    const { layer } = data;
    const { dModel } = this.view.config;
    const n = this.view.tokens.length;
    const x = this.matrix({ matrix: layer.x, ...tokenRows, ...cols, label: t('matrixX', size(n, dModel)), scale: 'signed' }, 'tokens');
    if (this.view.model) return [x];
    if (!layer.positions) return [el('p', { className: 'step-note', text: t('xWithoutPositions') }), x];
    return [
      el('p', { className: 'step-note', text: t('xWithPositions') }),
      el('div', { className: 'matrix-row equation' }, [
        this.matrix({ matrix: layer.embeddings, ...tokenRows, ...cols, label: t('matrixEmbeddings', size(n, dModel)), scale: 'signed' }, 'tokens'),
        el('span', { className: 'operator', text: '+', attrs: { 'aria-hidden': 'true' } }),
        this.matrix({ matrix: layer.positions, ...tokenRows, ...cols, label: t('matrixPositions', size(n, dModel)), scale: 'signed' }, 'tokens'),
        el('span', { className: 'operator', text: '=', attrs: { 'aria-hidden': 'true' } }),
        x,
      ]),
    ];
  }

  private multiHeadSection(data: StepsData, tokenRows: Pick<MatrixSpec, 'rowLabels' | 'rowAxis'>, lines: ReturnType<typeof dimensionLines>): HTMLElement {
    const { config } = this.view;
    const n = this.view.tokens.length;
    const width = config.heads * config.dK;
    const dims = (count: number) => Array.from({ length: count }, (_, c) => String(c + 1));
    const passage = this.guide?.multiHead;
    return this.section('step-multi-head', t('multiHeadTitle'), passage, [
      dimensionLine(`concat(Z₁…Z${subscript(config.heads)}): ${lines.concat}`),
      this.matrix({ matrix: data.layer.concat, ...tokenRows, colLabels: dims(width), colAxis: t('axisDimension'), label: t('matrixConcat', config.heads, size(n, width)), scale: 'signed' }, 'query-row'),
      dimensionLine(`concat·Wo: ${lines.output}`),
      el('div', { className: 'matrix-row' }, [
        this.matrix({ matrix: data.layer.wo, rowLabels: dims(width), rowAxis: t('axisDimension'), colLabels: dims(config.dModel), colAxis: t('axisModelDimension'), label: t('matrixWo', size(width, config.dModel)), scale: 'signed' }, 'none'),
        this.matrix({ matrix: data.layer.output, ...tokenRows, colLabels: dims(config.dModel), colAxis: t('axisModelDimension'), label: t('matrixOutput', size(n, config.dModel)), scale: 'signed' }, 'query-row'),
      ]),
    ]);
  }

  private matrix(spec: MatrixSpec, marks: Marks): HTMLElement {
    const view = new MatrixView(spec, marks === 'cell' ? { onSelect: (row, col) => this.actions.selectCell({ query: row, key: col }) } : undefined);
    this.matrices.push({ view, marks });
    // The name a sighted reader needs too: which of Wq, Wk, Wv, Q, … this is, and its size.
    return el('div', { className: 'matrix-block' }, [el('p', { className: 'matrix-caption', attrs: { 'aria-hidden': 'true' }, text: spec.label }), view.element]);
  }

  /** Marks the selected cell in every step, and works it out in step 7. */
  private mark(): void {
    const cell = this.cell;
    for (const { view, marks } of this.matrices) {
      if (!cell || marks === 'none') view.highlight({});
      else if (marks === 'tokens') view.highlight({ rows: cell.query === cell.key ? [cell.query] : [cell.query, cell.key] });
      else if (marks === 'query-row') view.highlight({ rows: [cell.query] });
      else if (marks === 'key-row') view.highlight({ rows: [cell.key] });
      else view.highlight({ cell: { row: cell.query, col: cell.key } });
    }
    for (const chip of this.body.querySelectorAll<HTMLElement>('.token-chip')) {
      const index = Number(chip.dataset.index);
      chip.classList.toggle('is-query', index === cell?.query);
      chip.classList.toggle('is-key', index === cell?.key);
    }
    const slot = this.arithmeticSlot;
    if (!slot) return;
    if (!cell || !this.data) {
      slot.replaceChildren(el('p', { className: 'muted', text: t('selectCellHint') }));
      return;
    }
    const tokens = this.view.tokens;
    slot.replaceChildren(renderCellArithmetic(cellArithmetic(this.data.head, cell.query, cell.key), { query: tokens[cell.query].text, key: tokens[cell.key].text, head: this.data.head.head }));
  }

  /** Step `index` (0-based) of the chapter's eight. */
  private stepSection(index: number, content: readonly HTMLElement[]): HTMLElement {
    const passage = this.guide?.steps[index];
    return this.section(`step-${index + 1}`, t('stepNumber', index + 1), passage, content);
  }

  private section(id: string, title: string, passage: ChapterPassage | undefined, content: readonly HTMLElement[]): HTMLElement {
    const heading = el('h3', { className: 'step-heading', attrs: { id: `${id}-heading`, tabindex: '-1' } }, [
      el('span', { className: 'step-number', text: title }),
      el('span', { className: 'step-text', attrs: { lang: 'zh-CN' }, text: passage?.text ?? t('chapterUnavailable') }),
    ]);
    const children: HTMLElement[] = [heading];
    if (passage) {
      const open = el('button', { className: 'link-button step-open', text: t('openInChapter'), attrs: { type: 'button', title: t('openSectionTitle') } });
      open.addEventListener('click', () => this.actions.openSection(passage.sectionId));
      children.push(el('p', { className: 'step-source muted' }, [el('span', { attrs: { lang: 'zh-CN' }, text: `${passage.sectionTitle} · ` }), open]));
    }
    return el('section', { className: 'step', attrs: { id, 'aria-labelledby': `${id}-heading`, 'data-step': id } }, [...children, ...content]);
  }

  private renderIntro(): HTMLElement {
    const example = this.guide?.example;
    const intro = el('p', { className: 'steps-intro' }, [t('stepsIntro', example?.sectionTitle ?? '自注意力的例子')]);
    if (example) {
      const open = el('button', { className: 'link-button', text: t('openInChapter'), attrs: { type: 'button' } });
      open.addEventListener('click', () => this.actions.openSection(example.sectionId));
      intro.append(' ', open);
    }
    return intro;
  }

  /** A table of contents of the steps: each entry moves focus to its step. */
  private renderNav(): HTMLElement {
    const entries = [...Array.from({ length: 8 }, (_, i) => ({ id: `step-${i + 1}`, label: `${i + 1}. ${this.guide?.steps[i]?.text ?? t('stepNumber', i + 1)}` })), { id: 'step-multi-head', label: t('multiHeadTitle') }];
    const list = el('ol', { className: 'steps-nav-list' }, entries.map(({ id, label }) => {
      const button = el('button', { className: 'link-button', text: label, attrs: { type: 'button', 'data-target': id } });
      button.addEventListener('click', () => {
        const heading = this.element.querySelector<HTMLElement>(`#${id}-heading`);
        heading?.scrollIntoView({ block: 'start' });
        heading?.focus({ preventScroll: true });
      });
      return el('li', {}, [button]);
    }));
    return el('nav', { className: 'steps-nav', attrs: { 'aria-label': t('stepsNavLabel') } }, [list]);
  }
}

const WEIGHT_NAMES = { wq: 'Wq', wk: 'Wk', wv: 'Wv' } as const;

const size = (rows: number, cols: number) => `${rows}×${cols}`;

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

function dimensionLine(text: string): HTMLElement {
  return el('p', { className: 'dimension-line' }, [el('code', { text })]);
}

/** Each row of the weights sums to 1: shown, not just said. */
function renderRowSums(weights: Float64Array | Float32Array, n: number): HTMLElement {
  const sums = Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (let j = i * n; j < (i + 1) * n; j++) sum += weights[j];
    return sum;
  });
  const shown = n <= 16 ? sums.map((sum, i) => `${i + 1}: ${formatNumber(sum)}`).join(' · ') : t('rowSumsRange', formatNumber(Math.min(...sums)), formatNumber(Math.max(...sums)));
  return el('p', { className: 'row-sums' }, [el('span', { text: t('rowSumsLabel') }), ' ', el('span', { className: 'row-sums-values', text: shown })]);
}
