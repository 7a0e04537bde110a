/**
 * A pretrained model's every layer and head at once, as BertViz's model view shows them: a table
 * whose rows are the layers and whose columns are the heads, plus each layer's average over its
 * heads, each cell a thumbnail of the host's block maxima (ModelViewPart.thumbnails) drawn like
 * the head gallery's. Choosing a cell of the layer shown selects that head; a cell of another
 * layer asks for that layer (the host sends it as a new analysis). One cell is in the Tab order
 * (a roving tabindex): the arrow keys, Home, End, Page Up and Page Down move between cells,
 * Enter and Space choose.
 */
import type { HeadChoice, ModelViewPart } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from './l10n';
import { paintThumbnail, themePixels } from './thumbnail';

/** What a cell stands for: a head of its layer, or the layer's average. */
export type GridChoice = number | 'average';

/** A thumbnail's side in CSS pixels: 12 heads and the average fit beside the heatmap. */
export const GRID_THUMB_CSS_PX = 24;

/** Rows Page Up and Page Down move by. */
const PAGE_ROWS = 6;

export class ModelGrid {
  readonly element: HTMLElement;
  /** cells[layer][column]: columns are the heads, then the average. */
  private readonly cells: HTMLTableCellElement[][];
  private readonly rows: HTMLTableRowElement[];
  private focused: { layer: number; column: number };

  constructor(
    private readonly model: ModelViewPart,
    private readonly causal: boolean,
    selected: HeadChoice,
    private readonly onPick: (layer: number, choice: GridChoice) => void,
  ) {
    const { layers, heads } = model.info;
    const choices: GridChoice[] = [...Array.from({ length: heads }, (_, h) => h), 'average'];
    const header = el('tr', {}, [
      el('td', { className: 'model-grid-corner' }),
      ...choices.map((choice) => el('th', { className: choice === 'average' ? 'model-grid-average' : '', text: choice === 'average' ? t('gridAverage') : t('gridHead', choice + 1), attrs: { scope: 'col' } })),
    ]);
    this.cells = [];
    this.rows = Array.from({ length: layers }, (_, layer) => {
      const cells = choices.map((choice, column) => {
        const label = choice === 'average' ? t('gridAverageLabel', layer + 1) : t('gridCellLabel', layer + 1, choice + 1);
        const cell = el('td', { className: choice === 'average' ? 'model-grid-cell model-grid-average' : 'model-grid-cell', attrs: { role: 'gridcell', tabindex: '-1', 'aria-label': label, title: label, 'aria-selected': 'false' } }, [
          el('canvas', { className: 'model-grid-thumb', attrs: { 'aria-hidden': 'true' } }),
        ]);
        cell.addEventListener('click', () => this.pick(layer, column));
        return cell;
      });
      this.cells.push(cells);
      return el('tr', { attrs: { 'data-layer': String(layer) } }, [el('th', { text: t('gridLayer', layer + 1), attrs: { scope: 'row' } }), ...cells]);
    });
    const table = el('table', { className: 'model-grid', attrs: { role: 'grid', 'aria-label': t('gridLabel', layers, heads) } }, [el('thead', {}, [header]), el('tbody', {}, this.rows)]);
    table.addEventListener('keydown', (event) => this.onKey(event));
    this.element = el('section', { className: 'model-grid-panel', attrs: { 'aria-label': t('gridHeading') } }, [
      el('h2', { className: 'notes-heading', text: t('gridHeading') }),
      el('p', { className: 'hint', text: t('gridHint') }),
      el('div', { className: 'model-grid-scroll' }, [table]),
    ]);
    this.focused = { layer: model.display.layer, column: 0 };
    this.select(selected);
    this.repaint();
  }

  /** Marks `choice` of the layer shown as the one the heatmap shows (the maximum of heads has no cell). */
  select(choice: HeadChoice): void {
    const { layer } = this.model.display;
    const column = choice === 'average' ? this.model.info.heads : choice === 'maximum' ? -1 : choice;
    this.rows.forEach((row, l) => row.classList.toggle('current-layer', l === layer));
    this.cells.forEach((cells, l) => cells.forEach((cell, c) => cell.setAttribute('aria-selected', String(l === layer && c === column))));
    this.moveFocus(layer, Math.max(0, column), false);
  }

  /** Draws every thumbnail with the current theme's colours and devicePixelRatio. */
  repaint(): void {
    const dpr = devicePixelRatio || 1;
    const colours = themePixels();
    const { heads } = this.model.info;
    const size = this.model.thumbSize;
    this.cells.forEach((cells, layer) =>
      cells.forEach((cell, column) => {
        const values = column === heads ? this.model.layerAverages[layer] : this.model.thumbnails[layer * heads + column];
        paintThumbnail(cell.firstElementChild as HTMLCanvasElement, values, size, this.causal, GRID_THUMB_CSS_PX, dpr, colours);
      }),
    );
  }

  private pick(layer: number, column: number): void {
    this.moveFocus(layer, column, false);
    // A cell of another layer stays marked as asked for until the new analysis replaces this view.
    for (const [l, cells] of this.cells.entries()) for (const [c, cell] of cells.entries()) cell.classList.toggle('pending', l === layer && c === column && layer !== this.model.display.layer);
    this.onPick(layer, column === this.model.info.heads ? 'average' : column);
  }

  private onKey(event: KeyboardEvent): void {
    const { layer, column } = this.focused;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.pick(layer, column);
      return;
    }
    const lastLayer = this.cells.length - 1;
    const lastColumn = this.model.info.heads;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [layer - 1, column],
      ArrowDown: [layer + 1, column],
      ArrowLeft: [layer, column - 1],
      ArrowRight: [layer, column + 1],
      PageUp: [layer - PAGE_ROWS, column],
      PageDown: [layer + PAGE_ROWS, column],
      Home: event.ctrlKey ? [0, 0] : [layer, 0],
      End: event.ctrlKey ? [lastLayer, lastColumn] : [layer, lastColumn],
    };
    const to = moves[event.key];
    if (!to) return;
    event.preventDefault();
    this.moveFocus(Math.min(lastLayer, Math.max(0, to[0])), Math.min(lastColumn, Math.max(0, to[1])), true);
  }

  /** The roving tabindex: `layer`, `column` becomes the one cell Tab reaches (and is focused if `focus`). */
  private moveFocus(layer: number, column: number, focus: boolean): void {
    this.cells[this.focused.layer][this.focused.column].tabIndex = -1;
    this.focused = { layer, column };
    const cell = this.cells[layer][column];
    cell.tabIndex = 0;
    if (focus) cell.focus();
  }
}
