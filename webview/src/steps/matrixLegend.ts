/** A matrix view's legend (the colour scale's ends and the masked swatch), and CSS colours as RGB. */
import { el, themeColor } from '../shared/dom';
import { t } from '../attention/l10n';
import { weightColor } from '../attention/colorScale';
import { mix, signedColors, type Rgb, type ThemeColors } from './matrixColors';
import { formatValue } from './matrixGeometry';

/** The line under the matrix: the scale's ends with their values, and what masked cells look like. */
export class MatrixLegend {
  readonly element: HTMLElement;
  private readonly bar = el('canvas', { className: 'mv-legend-bar', attrs: { 'aria-hidden': 'true' } });
  private readonly swatch = el('canvas', { className: 'mv-legend-swatch', attrs: { 'aria-hidden': 'true' } });

  constructor(
    private readonly scale: 'signed' | 'unit',
    maxAbs: number,
    maskedText: string | undefined,
  ) {
    const [low, high] = scale === 'signed' ? [-maxAbs, maxAbs] : [0, 1];
    const description = scale === 'signed' ? t('matrixLegendSigned', formatValue(low), formatValue(high)) : t('matrixLegendUnit');
    this.element = el('div', { className: 'mv-legend', attrs: { role: 'group', 'aria-label': t('matrixLegendLabel') } }, [
      el('span', { className: 'mv-legend-end', text: formatValue(low), attrs: { 'aria-hidden': 'true' } }),
      this.bar,
      el('span', { className: 'mv-legend-end', text: formatValue(high), attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'sr-only', text: description }),
    ]);
    if (maskedText !== undefined) this.element.append(el('span', { className: 'mv-legend-masked' }, [this.swatch, maskedText]));
  }

  paint(theme: ThemeColors): void {
    const dpr = devicePixelRatio || 1;
    const ctx = sized(this.bar, 120, 10, dpr);
    if (ctx) {
      const width = this.bar.width;
      const signed = signedColors(theme);
      for (let x = 0; x < width; x++) {
        const at = x / Math.max(1, width - 1);
        const color = this.scale === 'signed' ? signed[Math.round(at * 510)] : weightColor(at, 1);
        ctx.fillStyle = `rgb(${color.join(',')})`;
        ctx.fillRect(x, 0, 1, this.bar.height);
      }
    }
    const swatch = sized(this.swatch, 12, 12, dpr);
    if (swatch) {
      const line = cssRgb(themeColor('--vscode-descriptionForeground', '#808080'));
      swatch.fillStyle = `rgb(${theme.background.join(',')})`;
      swatch.fillRect(0, 0, this.swatch.width, this.swatch.height);
      swatch.fillStyle = `rgb(${mix(theme.background, line, 0.45).join(',')})`;
      const period = Math.max(4, Math.round(6 * dpr));
      for (let y = 0; y < this.swatch.height; y++) {
        for (let x = 0; x < this.swatch.width; x++) if ((x + y) % period < Math.max(1, dpr)) swatch.fillRect(x, y, 1, 1);
      }
    }
  }
}

/** A canvas of `width` × `height` CSS px in whole device pixels, and its context. */
function sized(canvas: HTMLCanvasElement, width: number, height: number, dpr: number): CanvasRenderingContext2D | null {
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${canvas.width / dpr}px`;
  canvas.style.height = `${canvas.height / dpr}px`;
  return canvas.getContext('2d');
}

/** Any CSS colour as RGB, the way the canvas itself parses it. */
export function cssRgb(color: string): Rgb {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) return [255, 255, 255];
  ctx.canvas.width = 1;
  ctx.canvas.height = 1;
  ctx.fillStyle = '#000000';
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}
