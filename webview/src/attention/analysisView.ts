/** One analysis on screen: header, head selector and legend, heatmap, and the chapter's notes. */
import { averageHeads } from '../../../src/common/attention/headAverage';
import type { AttentionView, HeadChoice, NoteSection } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from './l10n';
import { Heatmap } from './heatmap';
import { HeadSelector } from './headSelector';
import { renderHeader } from './header';
import { Legend } from './legend';
import { renderNotes } from './notes';

export class AnalysisView {
  readonly element: HTMLElement;
  private readonly heatmap = new Heatmap();
  private readonly legend = new Legend();
  private readonly selector: HeadSelector;
  private readonly tokens: readonly string[];
  private average?: number[];

  constructor(
    private readonly view: AttentionView,
    notes: readonly NoteSection[],
    private head: HeadChoice,
    onHeadChange: (choice: HeadChoice) => void,
    openSection: (sectionId: string) => void,
  ) {
    this.tokens = view.tokens.map((t) => t.text);
    this.selector = new HeadSelector(view.weights.length, head, (choice) => {
      this.show(choice);
      onHeadChange(choice);
    });
    const toolbar = el('div', { className: 'toolbar' }, [this.selector.element, this.legend.element]);
    const figure = el('section', { className: 'figure', attrs: { 'aria-label': t('heatmapLabel') } }, [toolbar, this.heatmap.element]);
    this.element = el('div', { className: 'analysis' }, [renderHeader(view), el('div', { className: 'content' }, [figure, renderNotes(notes, openSection)])]);
  }

  /** Draws the chosen head; call once the element is in the document, so it can be measured. */
  show(choice: HeadChoice = this.head): void {
    this.head = choice;
    const values = choice === 'average' ? (this.average ??= averageHeads(this.view.weights)) : this.view.weights[choice];
    let max = 0;
    for (const w of values) if (w > max) max = w;
    const causal = this.view.config.mask === 'causal';
    this.heatmap.setData({ tokens: this.tokens, values, max, isMasked: (q, k) => causal && k > q });
    this.legend.update(max, causal);
  }

  stepHead(key: string): boolean {
    return this.selector.step(key);
  }

  /** The theme changed: canvases take their colours from it. */
  repaint(): void {
    this.heatmap.redraw();
    this.legend.draw();
  }

  dispose(): void {
    this.heatmap.dispose();
  }
}
