/** The cell tooltip: query token, key token and weight, as text. */
import { el } from '../shared/dom';
import { t } from './l10n';

export interface CellInfo {
  readonly query: string;
  readonly queryIndex: number;
  readonly key: string;
  readonly keyIndex: number;
  readonly weight: number;
  readonly masked: boolean;
}

export class Tooltip {
  readonly element = el('div', { className: 'tooltip', attrs: { role: 'tooltip', id: 'heatmap-tooltip' } });

  constructor() {
    this.element.hidden = true;
  }

  /** Shows the cell's facts next to (x, y), viewport coordinates, kept inside the viewport. */
  show(info: CellInfo, x: number, y: number): void {
    this.element.replaceChildren(
      row(t('tooltipQuery'), info.query, info.queryIndex),
      row(t('tooltipKey'), info.key, info.keyIndex),
      el('div', { className: 'tooltip-row' }, [
        el('span', { className: 'tooltip-name', text: t('tooltipWeight') }),
        el('span', { className: 'tooltip-weight', text: formatWeight(info.weight) }),
      ]),
    );
    if (info.masked) this.element.append(el('div', { className: 'tooltip-masked', text: t('tooltipMasked') }));
    this.element.hidden = false;
    const margin = 12;
    const { width, height } = this.element.getBoundingClientRect();
    const left = x + margin + width > innerWidth ? Math.max(0, x - margin - width) : x + margin;
    const top = y + margin + height > innerHeight ? Math.max(0, y - margin - height) : y + margin;
    // CSSOM, not a style attribute: allowed by the CSP's style-src.
    this.element.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}

function row(name: string, token: string, index: number): HTMLElement {
  return el('div', { className: 'tooltip-row' }, [
    el('span', { className: 'tooltip-name', text: name }),
    el('span', { className: 'tooltip-token', text: token }),
    el('span', { className: 'tooltip-index', text: `#${index + 1}` }),
  ]);
}

export function formatWeight(weight: number): string {
  return weight.toFixed(4);
}
