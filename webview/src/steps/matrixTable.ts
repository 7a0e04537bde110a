/**
 * The matrix as an HTML table, for screen readers and for reading exact values: a caption, column
 * and row headers (the labels, as text), every value of one page. Pages keep a 256 × 512 matrix
 * from becoming a 131,072-cell table that no screen reader (or browser) handles well.
 */
import { el } from '../shared/dom';
import { t } from '../attention/l10n';
import { formatValue, tablePageSize } from './matrixGeometry';
import type { MatrixHighlight, MatrixSpec } from './matrixView';

export class MatrixTable {
  readonly element: HTMLElement;
  private readonly status = el('p', { className: 'mv-page-status', attrs: { 'aria-live': 'polite' } });
  private readonly scroller = el('div', { className: 'mv-table-scroller' });
  private readonly buttons: Record<'prevRows' | 'nextRows' | 'prevCols' | 'nextCols', HTMLButtonElement>;
  private readonly page: { rows: number; cols: number };
  private firstRow = 0;
  private firstCol = 0;
  private highlight: MatrixHighlight = {};

  constructor(private readonly spec: MatrixSpec) {
    const { rows, cols } = spec.matrix;
    this.page = tablePageSize(rows, cols);
    const button = (label: string, move: () => void) => {
      const b = el('button', { className: 'mv-button', text: label, attrs: { type: 'button' } });
      b.addEventListener('click', () => {
        move();
        this.render();
      });
      return b;
    };
    this.buttons = {
      prevRows: button(t('matrixPreviousRows'), () => (this.firstRow = Math.max(0, this.firstRow - this.page.rows))),
      nextRows: button(t('matrixNextRows'), () => (this.firstRow = Math.min(this.lastStart(rows, this.page.rows), this.firstRow + this.page.rows))),
      prevCols: button(t('matrixPreviousColumns'), () => (this.firstCol = Math.max(0, this.firstCol - this.page.cols))),
      nextCols: button(t('matrixNextColumns'), () => (this.firstCol = Math.min(this.lastStart(cols, this.page.cols), this.firstCol + this.page.cols))),
    };
    // Paging controls only when there is more than one page: a 4 × 6 matrix is just a table.
    const paged = rows > this.page.rows || cols > this.page.cols;
    const controls = el('div', { className: 'mv-paging' }, [this.buttons.prevRows, this.buttons.nextRows, this.buttons.prevCols, this.buttons.nextCols, this.status]);
    controls.hidden = !paged;
    this.element = el('div', { className: 'mv-table-view' }, [controls, this.scroller]);
    this.render();
  }

  setHighlight(highlight: MatrixHighlight): void {
    this.highlight = highlight;
    this.render();
  }

  private lastStart(count: number, size: number): number {
    return Math.max(0, Math.floor((count - 1) / size) * size);
  }

  private render(): void {
    const { matrix, rowLabels, colLabels, masked } = this.spec;
    const rowEnd = Math.min(matrix.rows, this.firstRow + this.page.rows);
    const colEnd = Math.min(matrix.cols, this.firstCol + this.page.cols);
    const rows = new Set(this.highlight.rows ?? []);
    const cols = new Set(this.highlight.cols ?? []);
    const cell = this.highlight.cell;
    const maskedText = this.spec.maskedText ?? t('matrixMasked');
    const mark = (element: HTMLElement, on: boolean, className: string) => {
      if (!on) return element;
      element.classList.add(className);
      element.setAttribute('aria-current', 'true');
      return element;
    };

    const head = el('tr', {}, [el('th', { className: 'mv-th-corner', text: t('matrixTableCorner', this.spec.rowAxis, this.spec.colAxis), attrs: { scope: 'col' } })]);
    for (let c = this.firstCol; c < colEnd; c++) head.append(mark(el('th', { text: colLabels[c] ?? String(c + 1), attrs: { scope: 'col' } }), cols.has(c), 'mv-hl'));
    const body = el('tbody');
    for (let r = this.firstRow; r < rowEnd; r++) {
      const tr = el('tr', {}, [mark(el('th', { text: rowLabels[r] ?? String(r + 1), attrs: { scope: 'row' } }), rows.has(r), 'mv-hl')]);
      for (let c = this.firstCol; c < colEnd; c++) {
        const isMasked = masked?.(r, c) ?? false;
        const td = el('td', { className: isMasked ? 'mv-masked' : '', text: isMasked ? maskedText : formatValue(matrix.data[r * matrix.cols + c]) });
        if (rows.has(r) || cols.has(c)) td.classList.add('mv-hl-line');
        tr.append(mark(td, cell?.row === r && cell.col === c, 'mv-hl'));
      }
      body.append(tr);
    }
    const table = el('table', { className: 'mv-table' }, [
      el('caption', { text: t('matrixTableCaption', this.spec.label, this.spec.rowAxis, this.spec.colAxis) }),
      el('thead', {}, [head]),
      body,
    ]);
    this.scroller.replaceChildren(table);
    this.status.textContent = t('matrixTablePage', this.firstRow + 1, rowEnd, matrix.rows, this.firstCol + 1, colEnd, matrix.cols);
    const { prevRows, nextRows, prevCols, nextCols } = this.buttons;
    prevRows.disabled = this.firstRow === 0;
    nextRows.disabled = rowEnd >= matrix.rows;
    prevCols.disabled = this.firstCol === 0;
    nextCols.disabled = colEnd >= matrix.cols;
    // A button disabled under the keyboard would drop focus to the page: hand it to its opposite.
    for (const [from, to] of [[prevRows, nextRows], [nextRows, prevRows], [prevCols, nextCols], [nextCols, prevCols]]) {
      if (from.disabled && document.activeElement === from) to.focus();
    }
  }
}
