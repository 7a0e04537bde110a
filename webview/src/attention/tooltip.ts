/**
 * The cell tooltip: query token, key token and weight, as text; or, for a block of a long
 * selection's overview, which queries and keys it spans and their largest weight.
 */
import { el } from '../shared/dom';
import { formatCount, formatParts } from '../shared/l10nFormat';
import type { BlockInfo } from './heatmapLong';
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
  show(info: CellInfo | BlockInfo, x: number, y: number): void {
    if ('queries' in info) {
      const weight = el('span', { className: 'tooltip-weight', text: formatWeight(info.weight) });
      this.element.replaceChildren(
        el('div', { className: 'tooltip-block' }, formatParts(blockText(info, '{0}'), [weight])),
        el('div', { className: 'tooltip-note', text: t('tooltipBlockNote') }),
      );
    } else {
      this.element.replaceChildren(
        row(t('tooltipQuery'), info.query, info.queryIndex),
        row(t('tooltipKey'), info.key, info.keyIndex),
        el('div', { className: 'tooltip-row' }, [
          el('span', { className: 'tooltip-name', text: t('tooltipWeight') }),
          el('span', { className: 'tooltip-weight', text: formatWeight(info.weight) }),
        ]),
      );
    }
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

/** A block of the overview in words: "Queries 1,025–1,040 × keys 17–32: largest weight 0.0123". */
export function blockText(info: BlockInfo, weight: string = formatWeight(info.weight)): string {
  return t('tooltipBlock', formatCount(info.queries[0] + 1), formatCount(info.queries[1]), formatCount(info.keys[0] + 1), formatCount(info.keys[1]), weight);
}
