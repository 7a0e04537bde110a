/**
 * One analysis on screen: header, head selector, mask and position toggles, legend, and two tabs:
 * the heatmap (with every head as small multiples, the selected cell's arithmetic and the chapter's
 * notes) and the steps view. A head or cell chosen in one place is chosen everywhere. Over
 * FULL_VIEW_MAX_TOKENS the heads come as overviews, with exact tiles asked for as the heatmap zooms
 * in; a long selection (over FULL_MATRIX_MAX_TOKENS) has neither steps nor arithmetic (they need a
 * head's N × N matrices, which are never made for it). A pretrained model's analysis has a layer
 * picker and its display toggles instead of the mask and positions, and its layer × head grid
 * beside the heatmap instead of the gallery; another layer or display is asked of the host, whose
 * answer is a new analysis that replaces this view.
 */
import { averageHeads, maxHeads } from '../../../src/common/attention/headAverage';
import { cellArithmetic } from '../../../src/common/attention/cellArithmetic';
import { FULL_MATRIX_MAX_TOKENS, isLongSelection } from '../../../src/common/attention/longSelection';
import type { CellChoice, HeadChoice, HostMessage, ModelDisplay, PanelTab, WebviewMessage } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { formatCount } from '../shared/l10nFormat';
import { renderCellArithmetic } from '../steps/cellArithmeticCard';
import { StepsCache } from '../steps/stepsData';
import { StepsView } from '../steps/stepsView';
import { renderCompareContextsButton } from './compareContextsButton';
import { renderComputeToggles } from './computeToggles';
import { HeadGallery } from './headGallery';
import { HeadSelector } from './headSelector';
import { renderHeader } from './header';
import { Heatmap } from './heatmap';
import { renderExportControls } from './heatmapExport';
import { t } from './l10n';
import { Legend } from './legend';
import { renderDisplayToggles, renderLayerPicker } from './modelControls';
import { ModelGrid, type GridChoice } from './modelGrid';
import { renderNotes } from './notes';
import { Tabs } from './tabs';
import { TileSource } from './tileSource';

type AnalysisMessage = Extract<HostMessage, { type: 'analysis' }>;

export interface AnalysisChoices {
  readonly head: HeadChoice;
  readonly tab: PanelTab;
  readonly cell?: CellChoice;
}

export class AnalysisView {
  readonly element: HTMLElement;
  private readonly heatmap: Heatmap;
  private readonly legend = new Legend();
  private readonly selector: HeadSelector;
  /** Every head at once: the gallery, or a model's layer × head grid. */
  private readonly gallery: HeadGallery | ModelGrid;
  /** "Recomputing…" while the host makes a model's analysis for another layer or display. */
  private readonly recomputing = el('span', { className: 'recomputing muted', attrs: { role: 'status' } });
  private readonly tabs: Tabs;
  private readonly stepsPanel = el('div', { className: 'steps-panel' });
  private readonly arithmetic = el('section', { className: 'heatmap-arithmetic', attrs: { 'aria-live': 'polite', 'aria-label': t('arithmeticLabel') } });
  private readonly cache: StepsCache;
  private steps?: StepsView;
  private readonly tokens: readonly string[];
  private readonly combined: Partial<Record<'average' | 'maximum', ArrayLike<number>>> = {};
  /** A long selection's exact weights, a tile at a time. */
  private readonly tiles?: TileSource;
  private choices: AnalysisChoices;
  /** The head whose steps and arithmetic are shown when the heatmap shows the average or maximum. */
  private lastHead = 0;
  private readonly unlisten: () => void;

  constructor(
    private readonly message: AnalysisMessage,
    choices: AnalysisChoices,
    private readonly onChoices: (choices: AnalysisChoices) => void,
    private readonly post: (message: WebviewMessage) => void,
  ) {
    const { view, notes, guide } = message;
    this.choices = choices;
    if (typeof choices.head === 'number') this.lastHead = choices.head;
    this.tokens = view.tokens.map((token) => token.text);
    this.cache = new StepsCache(message.analysisId, view.tokens.length, view.config.heads, (head) => post({ type: 'requestSteps', analysisId: message.analysisId, head }));
    this.unlisten = this.cache.listen((head) => head === this.stepsHead && this.showArithmetic());
    const openSection = (sectionId: string) => post({ type: 'openSection', sectionId });
    this.heatmap = new Heatmap((query, key) => this.selectCell({ query, key }));
    this.selector = new HeadSelector(view.weights.length, choices.head, (head) => this.selectHead(head));
    const causal = view.config.mask === 'causal';
    const { overview, model } = view;
    if (model) {
      this.gallery = new ModelGrid(model, causal, choices.head, (layer, head) => this.pickFromGrid(layer, head));
    } else if (overview) {
      this.tiles = new TileSource(view.tokens.length, view.config.heads, (head, rect) => post({ type: 'requestTile', analysisId: message.analysisId, head, ...rect }));
      this.combined.average = overview.average;
      this.gallery = new HeadGallery(view.weights, overview.size, causal, choices.head, (head) => this.selectHead(head), overview.average);
    } else {
      this.gallery = new HeadGallery(view.weights, view.tokens.length, causal, choices.head, (head) => this.selectHead(head));
    }
    const controls = model
      ? [renderLayerPicker(model, (layer) => this.showModel({ ...model.display, layer })), this.selector.element, renderDisplayToggles(model, (display) => this.showModel(display)), this.recomputing]
      : [this.selector.element, renderComputeToggles(view.config, guide, ({ mask, positional }) => post({ type: 'recompute', mask, positional }), openSection)];
    const exportControls = renderExportControls({ heatmap: this.heatmap, analysisId: message.analysisId, causal, model: model !== undefined, head: () => this.choices.head, post });
    const compare = renderCompareContextsButton(() => post({ type: 'compareContexts', analysisId: message.analysisId, ...(this.choices.cell ? { token: this.choices.cell.query } : {}) }));
    const toolbar = el('div', { className: 'toolbar' }, [...controls, this.legend.element, exportControls, compare]);
    const figure = el('section', { className: 'figure', attrs: { 'aria-label': t('heatmapLabel') } }, [this.heatmap.element]);
    const notesElement = renderNotes(notes, openSection);
    // A model's grid goes beside the heatmap, above the notes; the gallery below it.
    const heatmapPanel = el('div', { className: model ? 'content with-model-grid' : 'content' }, [
      el('div', { className: 'heatmap-main' }, model ? [figure, this.arithmetic] : [figure, this.arithmetic, this.gallery.element]),
      el('div', { className: 'content-side' }, model ? [this.gallery.element, notesElement] : [notesElement]),
    ]);
    this.tabs = new Tabs({ heatmap: heatmapPanel, steps: this.stepsPanel }, choices.tab, (tab) => this.selectTab(tab));
    this.element = el('div', { className: 'analysis' }, [renderHeader(view), toolbar, this.tabs.element, heatmapPanel, this.stepsPanel]);
  }

  /** Draws what is chosen; call once the element is in the document, so it can be measured. */
  show(): void {
    const { view } = this.message;
    const head = this.choices.head;
    const values = typeof head === 'number' ? view.weights[head] : (this.combined[head] ??= head === 'average' ? averageHeads(view.weights) : maxHeads(view.weights));
    let max = 0;
    for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
    const causal = view.config.mask === 'causal';
    const long = view.overview && this.tiles ? { block: view.overview.block, size: view.overview.size, head, tiles: this.tiles } : undefined;
    this.heatmap.setData({ tokens: this.tokens, values, max, isMasked: (q, k) => causal && k > q, ...(long ? { long } : {}) });
    this.heatmap.select(this.choices.cell);
    this.legend.update(max, causal);
    // The host paints the document with the head shown.
    this.post({ type: 'headShown', analysisId: this.message.analysisId, head });
    if (this.choices.tab === 'steps') this.showSteps();
    this.showArithmetic();
  }

  /** A host message for this analysis's steps or tiles; false when its data is not valid for this analysis. */
  receive(message: Extract<HostMessage, { type: 'steps' | 'stepsFailed' | 'tile' | 'tileFailed' }>): boolean {
    if (message.analysisId !== this.message.analysisId) return true; // an older analysis's: dropped
    if (message.type === 'tile') return this.tiles?.receive(message.tile) ?? false;
    if (message.type === 'tileFailed') {
      this.tiles?.fail(message.message);
      return true;
    }
    if (message.type === 'stepsFailed') {
      this.cache.fail(message.message);
      return true;
    }
    return this.cache.receive(message.data);
  }

  revealTab(tab: PanelTab): void {
    this.tabs.select(tab);
  }

  stepHead(key: string): boolean {
    return this.selector.step(key);
  }

  /** The theme changed: canvases take their colours from it. */
  repaint(): void {
    this.heatmap.redraw();
    this.legend.draw();
    this.gallery.repaint();
    this.steps?.repaint();
  }

  dispose(): void {
    this.unlisten();
    this.heatmap.dispose();
    this.steps?.dispose();
    this.post({ type: 'highlightToken', index: null });
  }

  private get stepsHead(): number {
    return typeof this.choices.head === 'number' ? this.choices.head : this.lastHead;
  }

  private update(choices: Partial<AnalysisChoices>): void {
    this.choices = { ...this.choices, ...choices };
    this.onChoices(this.choices);
  }

  private selectHead(head: HeadChoice): void {
    if (head === this.choices.head) return;
    if (typeof head === 'number') this.lastHead = head;
    this.update({ head });
    this.selector.select(head);
    this.gallery.select(head);
    this.show();
  }

  /** A grid cell: a head of the layer shown, or of another layer, which the host is asked for. */
  private pickFromGrid(layer: number, head: GridChoice): void {
    const display = this.message.view.model?.display;
    if (!display || layer === display.layer) {
      this.selectHead(head);
      return;
    }
    // Saved, not shown: the new analysis opens on it (main.ts takes the head from the saved choices).
    this.onChoices({ ...this.choices, head });
    this.showModel({ ...display, layer });
  }

  /** Asks the host for the model's analysis shown another way; it replaces this view when it comes. */
  private showModel(display: ModelDisplay): void {
    this.post({ type: 'modelDisplay', analysisId: this.message.analysisId, display });
    this.recomputing.textContent = t('recomputing');
    this.element.classList.add('recomputing-model');
  }

  private selectCell(cell: CellChoice): void {
    this.update({ cell });
    this.heatmap.select(cell);
    this.steps?.setCell(cell);
    this.showArithmetic();
  }

  private selectTab(tab: PanelTab): void {
    this.update({ tab });
    if (tab === 'steps') this.showSteps();
  }

  /**
   * Why the steps or the arithmetic are not shown, or undefined: a long selection's N × N matrices
   * are never made; a model's are those of its own pieces, not of the rows shown without special
   * tokens or with pieces merged into words.
   */
  private unavailableNotice(what: 'steps' | 'arithmetic'): HTMLElement | undefined {
    const { tokens, model } = this.message.view;
    const [limit, n] = [formatCount(FULL_MATRIX_MAX_TOKENS), formatCount(tokens.length)];
    const [hide, merge] = [t('hideSpecialLabel'), t('mergeWordsLabel')];
    let text: string | undefined;
    if (isLongSelection(tokens.length)) text = what === 'steps' ? t('stepsLongSelection', limit, n) : t('arithmeticLongSelection', limit, n);
    else if (model && (model.display.hideSpecial || model.display.mergeWords)) text = what === 'steps' ? t('stepsModelDisplay', hide, merge) : t('arithmeticModelDisplay', hide, merge);
    return text === undefined ? undefined : el('p', { className: 'steps-unavailable muted', text });
  }

  private showSteps(): void {
    const notice = this.unavailableNotice('steps');
    if (notice) {
      if (!this.stepsPanel.firstChild) this.stepsPanel.replaceChildren(notice);
      return;
    }
    if (!this.steps) {
      this.steps = new StepsView(this.message.view, this.message.guide, this.cache, {
        openSection: (sectionId) => this.post({ type: 'openSection', sectionId }),
        highlightToken: (index) => this.post({ type: 'highlightToken', index }),
        selectCell: (cell) => this.selectCell(cell),
      });
      this.stepsPanel.replaceChildren(this.steps.element);
      this.steps.setCell(this.choices.cell);
    }
    this.steps.setHead(this.stepsHead, typeof this.choices.head === 'number' ? undefined : t('stepsHeadNote', this.stepsHead + 1));
  }

  /** Below the heatmap: how the selected cell's weight came about, in the head shown (or the last head chosen). */
  private showArithmetic(): void {
    const notice = this.unavailableNotice('arithmetic');
    if (notice) {
      this.arithmetic.replaceChildren(notice);
      return;
    }
    const cell = this.choices.cell;
    if (!cell) {
      this.arithmetic.replaceChildren(el('p', { className: 'muted', text: t('selectCellHint') }));
      return;
    }
    const data = this.cache.get(this.stepsHead);
    if (!data) {
      this.arithmetic.replaceChildren(el('p', { className: 'muted', text: t('stepsComputing', this.stepsHead + 1) }));
      return;
    }
    const note = typeof this.choices.head === 'number' ? [] : [el('p', { className: 'muted', text: t('arithmeticHeadNote', this.stepsHead + 1) })];
    this.arithmetic.replaceChildren(...note, renderCellArithmetic(cellArithmetic(data.head, cell.query, cell.key), { query: this.tokens[cell.query], key: this.tokens[cell.key], head: data.head.head }));
  }
}
