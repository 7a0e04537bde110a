/** The panel's two views of an analysis as tabs (WAI-ARIA tabs: arrow keys move between them). */
import type { PanelTab } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from './l10n';

export class Tabs {
  readonly element: HTMLElement;
  private readonly buttons: Record<PanelTab, HTMLButtonElement>;

  constructor(
    private readonly panels: Record<PanelTab, HTMLElement>,
    private current: PanelTab,
    private readonly onChange: (tab: PanelTab) => void,
  ) {
    const make = (tab: PanelTab, label: string) => {
      const button = el('button', { className: 'tab', text: label, attrs: { type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, 'data-tab': tab } });
      button.addEventListener('click', () => this.select(tab));
      return button;
    };
    this.buttons = { heatmap: make('heatmap', t('tabHeatmap')), steps: make('steps', t('tabSteps')) };
    for (const [tab, panel] of Object.entries(panels) as [PanelTab, HTMLElement][]) {
      panel.id = `panel-${tab}`;
      panel.classList.add('tab-panel');
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `tab-${tab}`);
    }
    this.element = el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': t('tabsLabel') } }, Object.values(this.buttons));
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      const next: PanelTab = this.current === 'heatmap' ? 'steps' : 'heatmap';
      this.select(next);
      this.buttons[next].focus();
    });
    this.apply();
  }

  get selected(): PanelTab {
    return this.current;
  }

  select(tab: PanelTab): void {
    if (tab === this.current) return;
    this.current = tab;
    this.apply();
    this.onChange(tab);
  }

  private apply(): void {
    for (const tab of ['heatmap', 'steps'] as const) {
      const on = tab === this.current;
      this.buttons[tab].setAttribute('aria-selected', String(on));
      this.buttons[tab].tabIndex = on ? 0 : -1;
      this.panels[tab].hidden = !on;
    }
  }
}
