/** The colour scale: a computed viridis bar from 0 to the largest weight shown, with ticks. */
import { viridis } from './colorScale';
import { formatTick, scaleTicks } from '../../../src/common/color/scaleTicks';
import { el, themeColor } from '../shared/dom';
import { t } from './l10n';
import { maskedPattern } from './maskPattern';

export class Legend {
  readonly element: HTMLElement;
  private readonly bar = el('canvas', { className: 'legend-bar', attrs: { 'aria-hidden': 'true' } });
  private readonly ticks = el('div', { className: 'legend-ticks' });
  private readonly masked = el('span', { className: 'legend-masked' });
  private readonly swatch = el('canvas', { className: 'legend-swatch', attrs: { 'aria-hidden': 'true' } });
  private readonly label = el('span', { className: 'sr-only' });

  constructor() {
    this.masked.append(this.swatch, el('span', { text: t('legendMasked') }));
    this.element = el('div', { className: 'legend', attrs: { role: 'group', 'aria-label': t('legendLabel') } }, [
      el('span', { className: 'legend-title', text: t('legendTitle') }),
      el('div', { className: 'legend-scale' }, [this.bar, this.ticks]),
      this.masked,
      this.label,
    ]);
  }

  update(max: number, showMasked: boolean): void {
    const ticks = scaleTicks(max);
    this.ticks.replaceChildren(...ticks.map((t) => el('span', { text: formatTick(t) })));
    this.label.textContent = t('legendDescription', formatTick(max));
    this.masked.hidden = !showMasked;
    this.draw();
  }

  /** Paints the bar and the masked swatch at device resolution with the current theme. */
  draw(): void {
    const dpr = devicePixelRatio || 1;
    const width = Math.round(this.bar.clientWidth * dpr) || Math.round(160 * dpr);
    const height = Math.round(this.bar.clientHeight * dpr) || Math.round(10 * dpr);
    this.bar.width = width;
    this.bar.height = height;
    const ctx = this.bar.getContext('2d');
    if (ctx) paintScale(ctx, 0, 0, width, height);
    const size = Math.round(12 * dpr);
    this.swatch.width = size;
    this.swatch.height = size;
    const swatch = this.swatch.getContext('2d');
    const background = themeColor('--vscode-editor-background', '#ffffff');
    const pattern = swatch?.createPattern(maskedPattern(themeColor('--vscode-descriptionForeground', '#808080'), background), 'repeat');
    if (swatch && pattern) {
      swatch.fillStyle = pattern;
      swatch.fillRect(0, 0, size, size);
    }
  }
}

/** The viridis bar, a device pixel column at a time, into a `width` × `height` box at (x, y): the legend's, and the exported image's. */
export function paintScale(ctx: CanvasRenderingContext2D, x0: number, y0: number, width: number, height: number): void {
  for (let x = 0; x < width; x++) {
    const [r, g, b] = viridis(x / Math.max(1, width - 1));
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fillRect(x0 + x, y0, 1, height);
  }
}
