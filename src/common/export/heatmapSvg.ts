/**
 * The heatmap as SVG: every cell a <rect> coloured on the page's viridis scale (the same 256
 * levels), every token a <text> label on both axes, masked cells hatched, and the legend (a
 * gradient with its ticks, and the masked swatch under a causal mask). Light background and dark
 * text whatever the theme, as a figure for a paper. Every label is there, however small the cells:
 * a vector image is zoomed into. Over SVG_MAX_TOKENS tokens it is refused (N² rects: 512 tokens
 * are 262,144 rects, about 15 MB); the PNG has no such limit.
 * Made in chunks (a row of cells each), so that the host can yield between them.
 */
import { formatTick, scaleTicks } from '../color/scaleTicks';
import { viridis, weightColor } from '../color/viridis';
import { xmlText } from './xmlText';

export const SVG_MAX_TOKENS = 512;

export interface HeatmapSvgInput {
  readonly tokens: readonly string[];
  /** N × N, row-major (row = query, column = key). */
  readonly values: ArrayLike<number>;
  /** The top of the colour scale (the largest weight shown, as the page's). */
  readonly max: number;
  /** A causal mask: cells with key > query are hatched. */
  readonly causal: boolean;
  readonly title: string;
  /** Localised words: the legend's title, its masked swatch, the axes. */
  readonly words: { readonly legend: string; readonly masked: string; readonly query: string; readonly key: string };
}

const MARGIN = 12;
const TITLE_HEIGHT = 28;
const LEGEND_WIDTH = 240;
const LEGEND_HEIGHT = 64;
/** Labels longer than this (code points) are cut with an ellipsis. */
const LABEL_MAX_CHARS = 20;
const TEXT = '#333333';
const GRADIENT_STOPS = 16;

const px = (value: number) => String(Math.round(value * 100) / 100);
const hex = ([r, g, b]: readonly number[]) => `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;

function labelText(token: string): string {
  const chars = Array.from(token);
  return chars.length > LABEL_MAX_CHARS ? `${chars.slice(0, LABEL_MAX_CHARS - 1).join('')}…` : token;
}

/** The SVG, a chunk at a time: the header, one chunk per row of cells, the labels, the legend. */
export function* heatmapSvgChunks(input: HeatmapSvgInput): Generator<string> {
  const { tokens, values, max, causal, words } = input;
  const n = tokens.length;
  if (n > SVG_MAX_TOKENS) throw new RangeError(`an SVG of ${n} tokens would have ${n * n} cells: at most ${SVG_MAX_TOKENS} tokens`);
  if (values.length !== n * n) throw new RangeError(`${values.length} weights for ${n} tokens`);
  const cell = Math.min(24, Math.max(2, Math.floor(800 / Math.max(1, n))));
  const font = Math.min(12, Math.max(1, cell * 0.8));
  const longest = Math.max(1, ...tokens.map((token) => Array.from(labelText(token)).length));
  const labelBox = Math.ceil(longest * font * 0.62) + 8;
  const left = MARGIN + labelBox;
  const top = MARGIN + TITLE_HEIGHT + labelBox;
  const size = n * cell;
  const width = Math.max(left + size, MARGIN + LEGEND_WIDTH + 160) + MARGIN;
  const legendTop = top + size + 20;
  const height = legendTop + LEGEND_HEIGHT + MARGIN;
  const stops = Array.from({ length: GRADIENT_STOPS + 1 }, (_, i) => `<stop offset="${px(i / GRADIENT_STOPS)}" stop-color="${hex(viridis(i / GRADIENT_STOPS))}"/>`).join('');
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">\n` +
    `<title>${xmlText(input.title)}</title>\n` +
    `<defs><linearGradient id="scale" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient>` +
    `<pattern id="masked" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#808080" stroke-opacity="0.45" stroke-width="1.5"/></pattern></defs>\n` +
    `<rect width="100%" height="100%" fill="#ffffff"/>\n` +
    `<text x="${MARGIN}" y="${MARGIN + 16}" font-size="14" font-weight="600" fill="${TEXT}">${xmlText(input.title)}</text>\n` +
    `<text x="${left - 4}" y="${top - 4}" font-size="10" fill="${TEXT}" text-anchor="end">${xmlText(words.query)} \\ ${xmlText(words.key)}</text>\n` +
    `<g class="cells" shape-rendering="crispEdges">\n`;
  // A hairline between cells from 16 px, as the panel draws them.
  const side = cell >= 16 ? cell - 1 : cell;
  for (let q = 0; q < n; q++) {
    const row: string[] = [];
    const y = px(top + q * cell);
    for (let k = 0; k < n; k++) {
      const fill = causal && k > q ? 'url(#masked)' : hex(weightColor(values[q * n + k], max));
      row.push(`<rect x="${px(left + k * cell)}" y="${y}" width="${side}" height="${side}" fill="${fill}"/>`);
    }
    yield row.join('') + '\n';
  }
  yield '</g>\n';
  const labels: string[] = [`<g class="labels" font-size="${px(font)}" fill="${TEXT}">`];
  tokens.forEach((token, i) => {
    const text = xmlText(labelText(token));
    labels.push(`<text class="query-label" x="${left - 4}" y="${px(top + (i + 0.5) * cell)}" dominant-baseline="central" text-anchor="end">${text}</text>`);
    labels.push(`<text class="key-label" transform="translate(${px(left + (i + 0.5) * cell)} ${top - 4}) rotate(-90)" dominant-baseline="central">${text}</text>`);
  });
  labels.push('</g>\n');
  yield labels.join('\n');
  const barTop = legendTop + 20;
  const ticks = scaleTicks(max)
    .map((tick, i) => {
      const x = px(MARGIN + (i / 2) * LEGEND_WIDTH);
      return `<line x1="${x}" x2="${x}" y1="${barTop + 12}" y2="${barTop + 16}" stroke="${TEXT}"/><text x="${x}" y="${barTop + 28}" text-anchor="middle">${formatTick(tick)}</text>`;
    })
    .join('');
  const swatch = causal
    ? `<rect x="${MARGIN + LEGEND_WIDTH + 24}" y="${barTop - 1}" width="12" height="12" fill="url(#masked)" stroke="#808080"/><text x="${MARGIN + LEGEND_WIDTH + 42}" y="${barTop + 9}">${xmlText(words.masked)}</text>`
    : '';
  yield `<g class="legend" font-size="11" fill="${TEXT}"><text x="${MARGIN}" y="${legendTop + 12}" font-weight="600">${xmlText(words.legend)}</text>` +
    `<rect class="legend-bar" x="${MARGIN}" y="${barTop}" width="${LEGEND_WIDTH}" height="12" fill="url(#scale)"/>${ticks}${swatch}</g>\n</svg>\n`;
}
