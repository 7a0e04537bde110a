/**
 * The contract between the extension host and the attention panel's webview: the messages each
 * side sends, the state the webview saves, and the parsers each side runs on what it receives.
 * Both sides import this module; neither acts on data that has not passed its parser.
 */
import type { AnalysisRequest, AttentionView, WeightsOverview, WeightsTile } from '../attention/analysisView';

export type { AnalysisRequest, AttentionView, WeightsOverview, WeightsTile };
import { HARD_MAX_TOKENS } from '../attention/analysis';
import { hasOverview, overviewBlock, overviewSize, TILE_MAX_CELLS } from '../attention/longSelection';
import { ConfigError, LIMITS, resolveConfig, type AttentionConfig, type MaskKind, type PositionalKind } from '../attention/config';
import type { Token } from '../attention/tokenizer';
import { STEP_COUNT, type ChapterPassage, type StepsGuide } from '../chapter/stepsGuide';
import { isIndex, isRecord, isShortString, type Fields } from './validate';
import { modelThumbGeometry, type ModelDisplay, type ModelInfo, type ModelRef, type ModelViewPart } from '../models/view/modelView';

export type { ModelDisplay, ModelInfo, ModelRef, ModelViewPart };

export type { ChapterPassage, StepsGuide };

/** Which head the heatmap shows: an index, or the mean or the maximum of all heads. */
export type HeadChoice = number | 'average' | 'maximum';

/** The panel's two views of one analysis. */
export type PanelTab = 'heatmap' | 'steps';

/** A cell of the attention matrix: a query token's row, a key token's column. */
export interface CellChoice {
  readonly query: number;
  readonly key: number;
}

/** What the panel exports: the heatmap as an image (PNG drawn by the page, or SVG), the weights (CSV), the analysis (the CLI's JSON or safetensors). */
export type ExportFormat = 'png' | 'svg' | 'csv' | 'json' | 'safetensors';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'svg', 'csv', 'json', 'safetensors'];

/** The largest PNG the page may hand over (a 2× heatmap of 1,024 tokens is a few MB). */
export const MAX_EXPORT_PNG_BYTES = 64 * 1024 * 1024;

/** A section of the bundled chapter shown beside the heatmap, as Markdown source text. */
export interface NoteSection {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
}

export type HostMessage =
  | {
      readonly type: 'analysis';
      /** Names this analysis: steps asked for an older one are not shown on this one. */
      readonly analysisId: number;
      readonly view: AttentionView;
      readonly notes: readonly NoteSection[];
      /** The chapter's words for the steps view; absent when the chapter could not be read. */
      readonly guide?: StepsGuide;
      /** Open on this view (the reader's "show the steps" asks for the steps). */
      readonly tab?: PanelTab;
      /** The model folder that computed it, so that the page can save a request that runs it again. */
      readonly model?: ModelRef;
    }
  /** One head's intermediates, sent when the steps view asks: typed arrays, checked by parseStepsData. */
  | { readonly type: 'steps'; readonly analysisId: number; readonly data: unknown }
  | { readonly type: 'stepsFailed'; readonly analysisId: number; readonly message: string }
  /** Exact weights of a long selection, sent when the heatmap asks: checked by parseWeightsTile. */
  | { readonly type: 'tile'; readonly analysisId: number; readonly tile: unknown }
  | { readonly type: 'tileFailed'; readonly analysisId: number; readonly message: string }
  | { readonly type: 'reveal'; readonly tab: PanelTab }
  /** `model`: the pretrained model's name, when one computes (tokenCount is then the text's words, its pieces being unknown yet). */
  | { readonly type: 'computing'; readonly sourceName: string; readonly tokenCount: number; readonly model?: string }
  | { readonly type: 'error'; readonly message: string };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openSection'; readonly sectionId: string }
  | { readonly type: 'requestSteps'; readonly analysisId: number; readonly head: number }
  /** Recompute the shown analysis with another mask or positional encoding (the settings stay). */
  | { readonly type: 'recompute'; readonly mask: MaskKind; readonly positional: PositionalKind }
  /** The exact weights of a rectangle of a long selection's matrix (at most TILE_MAX_CELLS). */
  | { readonly type: 'requestTile'; readonly analysisId: number; readonly head: HeadChoice; readonly row0: number; readonly col0: number; readonly rows: number; readonly cols: number }
  /** Show a model's analysis another way: another layer, special tokens hidden, pieces merged into words. */
  | { readonly type: 'modelDisplay'; readonly analysisId: number; readonly display: ModelDisplay }
  /** Highlight a token of the analysed text in its editor, or clear the highlight (null). */
  | { readonly type: 'highlightToken'; readonly index: number | null }
  /** The head the heatmap shows now: sent when the analysis is drawn and on every change (the document's paint follows it). */
  | { readonly type: 'headShown'; readonly analysisId: number; readonly head: HeadChoice }
  /** Export the analysis shown, as `head` shows it; `png`: the heatmap the page drew at 2×, as PNG bytes (only for format 'png'). */
  | { readonly type: 'export'; readonly analysisId: number; readonly format: ExportFormat; readonly head: HeadChoice; readonly png?: Uint8Array }
  /** Run Compare Contexts; `token`: a token of the analysis shown whose word is compared (else the chapter's example). */
  | { readonly type: 'compareContexts'; readonly analysisId: number; readonly token?: number };

/** What the webview keeps with `setState`, so a hidden or reloaded panel comes back as it was. */
export interface WebviewState {
  readonly selectedHead: HeadChoice;
  readonly tab?: PanelTab;
  /** The cell whose arithmetic is shown. */
  readonly cell?: CellChoice;
  /** Enough to recompute the analysis after a window reload: the result is deterministic. */
  readonly request?: AnalysisRequest;
  /** How many tokens the whole selection had, when only the first were analysed. */
  readonly totalTokens?: number;
  /** A model's layer and toggles (the request names the model). */
  readonly model?: ModelDisplay;
}

/** Rows of softmax weights sum to 1; this much rounding is allowed on the way. */
const ROW_SUM_TOLERANCE = 1e-6;

// ---- the host's parsers -------------------------------------------------------------------

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openSection':
      return isShortString(value.sectionId, 200) ? { type: 'openSection', sectionId: value.sectionId } : undefined;
    case 'requestSteps':
      return isIndex(value.analysisId) && isIndex(value.head, LIMITS.maxHeads) ? { type: 'requestSteps', analysisId: value.analysisId, head: value.head } : undefined;
    case 'recompute':
      return (value.mask === 'none' || value.mask === 'causal') && (value.positional === 'none' || value.positional === 'sinusoidal')
        ? { type: 'recompute', mask: value.mask, positional: value.positional }
        : undefined;
    case 'requestTile': {
      const { analysisId, head, row0, col0, rows, cols } = value;
      if (!isIndex(analysisId) || !isHeadChoice(head) || (typeof head === 'number' && head >= LIMITS.maxHeads)) return undefined;
      if (!isIndex(row0, HARD_MAX_TOKENS) || !isIndex(col0, HARD_MAX_TOKENS) || !isIndex(rows, HARD_MAX_TOKENS + 1) || !isIndex(cols, HARD_MAX_TOKENS + 1)) return undefined;
      if (rows === 0 || cols === 0 || rows * cols > TILE_MAX_CELLS || row0 + rows > HARD_MAX_TOKENS || col0 + cols > HARD_MAX_TOKENS) return undefined;
      return { type: 'requestTile', analysisId, head, row0, col0, rows, cols };
    }
    case 'modelDisplay': {
      const display = parseModelDisplay(value.display);
      return isIndex(value.analysisId) && display ? { type: 'modelDisplay', analysisId: value.analysisId, display } : undefined;
    }
    case 'highlightToken':
      return value.index === null || isIndex(value.index, HARD_MAX_TOKENS) ? { type: 'highlightToken', index: value.index } : undefined;
    case 'headShown':
      return isIndex(value.analysisId) && isPanelHead(value.head) ? { type: 'headShown', analysisId: value.analysisId, head: value.head } : undefined;
    case 'export': {
      const { analysisId, format, head, png } = value;
      if (!isIndex(analysisId) || !EXPORT_FORMATS.includes(format as ExportFormat) || !isPanelHead(head)) return undefined;
      if (format !== 'png') return png === undefined ? { type: 'export', analysisId, format: format as ExportFormat, head } : undefined;
      return isPng(png) ? { type: 'export', analysisId, format, head, png } : undefined;
    }
    case 'compareContexts':
      if (!isIndex(value.analysisId) || (value.token !== undefined && !isIndex(value.token, HARD_MAX_TOKENS))) return undefined;
      return { type: 'compareContexts', analysisId: value.analysisId, ...(value.token !== undefined ? { token: value.token as number } : {}) };
    default:
      return undefined;
  }
}

/** A head the panel can show: the average, the maximum, or one of at most LIMITS.maxHeads. */
function isPanelHead(value: unknown): value is HeadChoice {
  return isHeadChoice(value) && (typeof value !== 'number' || value < LIMITS.maxHeads);
}

/** PNG bytes of a size the host accepts: the signature is checked here, the rest by whoever opens the file. */
function isPng(value: unknown): value is Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return value instanceof Uint8Array && value.length > signature.length && value.length <= MAX_EXPORT_PNG_BYTES && signature.every((byte, i) => value[i] === byte);
}

/** A saved state, checked as strictly as a message: it may be stale, partial or from an older version. */
export function parseWebviewState(value: unknown): WebviewState | undefined {
  if (!isRecord(value) || !isHeadChoice(value.selectedHead)) return undefined;
  if (value.tab !== undefined && value.tab !== 'heatmap' && value.tab !== 'steps') return undefined;
  const cell = value.cell === undefined ? undefined : parseCell(value.cell);
  if (value.cell !== undefined && !cell) return undefined;
  const view = { selectedHead: value.selectedHead, ...(value.tab ? { tab: value.tab as PanelTab } : {}), ...(cell ? { cell } : {}) };
  if (value.request === undefined) return view;
  const request = parseAnalysisRequest(value.request);
  if (!request) return undefined;
  if (value.totalTokens !== undefined && !isIndex(value.totalTokens)) return undefined;
  if (cell && (cell.query >= request.maxTokens || cell.key >= request.maxTokens)) return undefined;
  const model = value.model === undefined ? undefined : parseModelDisplay(value.model);
  if (value.model !== undefined && (!model || !request.model)) return undefined;
  return { ...view, request, ...(value.totalTokens !== undefined ? { totalTokens: value.totalTokens } : {}), ...(model ? { model } : {}) };
}

/** The most layers a model may have: more than any BERT or GPT-2 checkpoint (gpt2-xl has 48). */
export const MAX_MODEL_LAYERS = 256;

export function parseModelDisplay(value: unknown): ModelDisplay | undefined {
  if (!isRecord(value) || !isIndex(value.layer, MAX_MODEL_LAYERS) || typeof value.hideSpecial !== 'boolean' || typeof value.mergeWords !== 'boolean') return undefined;
  return { layer: value.layer, hideSpecial: value.hideSpecial, mergeWords: value.mergeWords };
}

function parseModelRef(value: unknown): ModelRef | undefined {
  return isRecord(value) && isShortString(value.uri, 4096) && value.uri !== '' && isShortString(value.name) ? { uri: value.uri, name: value.name } : undefined;
}

function parseCell(value: unknown): CellChoice | undefined {
  return isRecord(value) && isIndex(value.query, HARD_MAX_TOKENS) && isIndex(value.key, HARD_MAX_TOKENS) ? { query: value.query, key: value.key } : undefined;
}

export function parseAnalysisRequest(value: unknown): AnalysisRequest | undefined {
  if (!isRecord(value) || typeof value.text !== 'string' || value.text.trim() === '' || !isShortString(value.sourceName)) return undefined;
  const config = parseConfig(value.config);
  if (!config || !Number.isInteger(value.maxTokens) || (value.maxTokens as number) < 1 || (value.maxTokens as number) > HARD_MAX_TOKENS) return undefined;
  const model = value.model === undefined ? undefined : parseModelRef(value.model);
  if (value.model !== undefined && !model) return undefined;
  return { text: value.text, sourceName: value.sourceName, config, maxTokens: value.maxTokens as number, ...(model ? { model } : {}) };
}

// ---- the webview's parsers ----------------------------------------------------------------

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'computing':
      if (!isShortString(value.sourceName) || !isIndex(value.tokenCount) || (value.model !== undefined && !isShortString(value.model))) return undefined;
      return { type: 'computing', sourceName: value.sourceName, tokenCount: value.tokenCount, ...(value.model !== undefined ? { model: value.model as string } : {}) };
    case 'error':
      return typeof value.message === 'string' ? { type: 'error', message: value.message } : undefined;
    case 'analysis': {
      const view = parseAttentionView(value.view);
      const notes = parseNotes(value.notes);
      const guide = value.guide === undefined ? undefined : parseGuide(value.guide);
      if (!view || !notes || !isIndex(value.analysisId) || (value.guide !== undefined && !guide)) return undefined;
      if (value.tab !== undefined && !isTab(value.tab)) return undefined;
      const model = value.model === undefined ? undefined : parseModelRef(value.model);
      if (value.model !== undefined && !(model && view.model)) return undefined;
      return { type: 'analysis', analysisId: value.analysisId, view, notes, ...(guide ? { guide } : {}), ...(value.tab ? { tab: value.tab } : {}), ...(model ? { model } : {}) };
    }
    case 'steps':
      return isIndex(value.analysisId) && isRecord(value.data) ? { type: 'steps', analysisId: value.analysisId, data: value.data } : undefined;
    case 'stepsFailed':
      return isIndex(value.analysisId) && typeof value.message === 'string' ? { type: 'stepsFailed', analysisId: value.analysisId, message: value.message } : undefined;
    case 'tile':
      return isIndex(value.analysisId) && isRecord(value.tile) ? { type: 'tile', analysisId: value.analysisId, tile: value.tile } : undefined;
    case 'tileFailed':
      return isIndex(value.analysisId) && typeof value.message === 'string' ? { type: 'tileFailed', analysisId: value.analysisId, message: value.message } : undefined;
    case 'reveal':
      return isTab(value.tab) ? { type: 'reveal', tab: value.tab } : undefined;
    default:
      return undefined;
  }
}

/**
 * The invariants the heatmap relies on: N ≥ 1 tokens whose offsets lie in the text, a valid
 * config, and per head N×N weights in [0, 1] whose rows sum to 1.
 */
export function parseAttentionView(value: unknown): AttentionView | undefined {
  if (!isRecord(value) || typeof value.text !== 'string' || !isShortString(value.sourceName)) return undefined;
  const config = parseConfig(value.config);
  const tokens = parseTokens(value.tokens, value.text);
  if (!config || !tokens || tokens.length === 0) return undefined;
  const n = tokens.length;
  const overview = value.overview === undefined ? undefined : parseOverview(value.overview, n);
  if (hasOverview(n) !== (overview !== undefined)) return undefined;
  const isHeadMatrix = (head: unknown) => head instanceof Float32Array && (overview ? isWeightRange(head, overview.size ** 2) : isWeightMatrix(head, n));
  if (!Array.isArray(value.weights) || value.weights.length !== config.heads || !value.weights.every(isHeadMatrix)) return undefined;
  if (value.totalTokens !== undefined && !(isIndex(value.totalTokens) && value.totalTokens > n)) return undefined;
  if (typeof value.elapsedMs !== 'number' || !(value.elapsedMs >= 0) || !Number.isFinite(value.elapsedMs)) return undefined;
  const model = value.model === undefined ? undefined : parseModelPart(value.model, n, config);
  if (value.model !== undefined && (!model || overview)) return undefined;
  return {
    text: value.text,
    sourceName: value.sourceName,
    tokens,
    config,
    weights: value.weights as Float32Array[],
    ...(overview ? { overview } : {}),
    ...(value.totalTokens !== undefined ? { totalTokens: value.totalTokens as number } : {}),
    elapsedMs: value.elapsedMs,
    ...(model ? { model } : {}),
  };
}

/** A model's part of a view of `n` shown tokens: sizes that agree with the config, a layer it has, a thumbnail of each of its heads. */
function parseModelPart(value: unknown, n: number, config: AttentionConfig): ModelViewPart | undefined {
  if (!isRecord(value) || !isRecord(value.info)) return undefined;
  const info = value.info;
  if (!isShortString(info.name) || (info.type !== 'bert' && info.type !== 'gpt2') || !isIndex(info.layers, MAX_MODEL_LAYERS + 1) || info.layers === 0) return undefined;
  if (info.heads !== config.heads || info.hidden !== config.dModel || !isIndex(info.vocabSize) || info.vocabSize === 0) return undefined;
  const display = parseModelDisplay(value.display);
  if (!display || display.layer >= (info.layers as number) || !isIndex(value.pieces) || (value.pieces as number) < n) return undefined;
  if (typeof value.hasSpecial !== 'boolean' || typeof value.hasSubwords !== 'boolean') return undefined;
  const { size } = modelThumbGeometry(n);
  const layers = info.layers as number;
  const isThumb = (t: unknown) => t instanceof Float32Array && isWeightRange(t, size * size);
  if (value.thumbSize !== size || !Array.isArray(value.thumbnails) || value.thumbnails.length !== layers * config.heads || !value.thumbnails.every(isThumb)) return undefined;
  if (!Array.isArray(value.layerAverages) || value.layerAverages.length !== layers || !value.layerAverages.every(isThumb)) return undefined;
  return {
    info: { name: info.name, type: info.type, layers, heads: config.heads, hidden: config.dModel, vocabSize: info.vocabSize as number },
    display,
    pieces: value.pieces as number,
    hasSpecial: value.hasSpecial,
    hasSubwords: value.hasSubwords,
    thumbSize: size,
    thumbnails: value.thumbnails as Float32Array[],
    layerAverages: value.layerAverages as Float32Array[],
  };
}

/** A long selection's overview: the block size and the average's matrix that N tokens call for. */
function parseOverview(value: unknown, n: number): WeightsOverview | undefined {
  if (!isRecord(value) || value.block !== overviewBlock(n) || value.size !== overviewSize(n)) return undefined;
  const size = value.size as number;
  if (!(value.average instanceof Float32Array) || !isWeightRange(value.average, size * size)) return undefined;
  return { block: value.block as number, size, average: value.average };
}

/** Exact weights the heatmap asked for: inside the N × N matrix, of a head there is, each in [0, 1]. */
export function parseWeightsTile(value: unknown, n: number, heads: number): WeightsTile | undefined {
  if (!isRecord(value)) return undefined;
  const { head, row0, col0, rows, cols, values } = value;
  if (!(head === 'average' || head === 'maximum' || isIndex(head, heads))) return undefined;
  if (!isIndex(row0, n) || !isIndex(col0, n) || !isIndex(rows, n + 1) || !isIndex(cols, n + 1) || rows === 0 || cols === 0) return undefined;
  if (row0 + rows > n || col0 + cols > n || !(values instanceof Float32Array) || !isWeightRange(values, rows * cols)) return undefined;
  return { head, row0, col0, rows, cols, values };
}

// ---- shared pieces ------------------------------------------------------------------------

function isHeadChoice(value: unknown): value is HeadChoice {
  return value === 'average' || value === 'maximum' || isIndex(value);
}

function isTab(value: unknown): value is PanelTab {
  return value === 'heatmap' || value === 'steps';
}

function parsePassage(value: unknown): ChapterPassage | undefined {
  return isRecord(value) && isShortString(value.sectionId) && isShortString(value.sectionTitle) && isShortString(value.text, 5000)
    ? { sectionId: value.sectionId, sectionTitle: value.sectionTitle, text: value.text }
    : undefined;
}

function parseGuide(value: unknown): StepsGuide | undefined {
  if (!isRecord(value) || !Array.isArray(value.steps) || value.steps.length !== STEP_COUNT) return undefined;
  const steps = value.steps.map(parsePassage);
  if (steps.some((step) => !step)) return undefined;
  const optional = {} as Record<'dimensions' | 'multiHead' | 'positions' | 'mask' | 'example', ChapterPassage>;
  for (const key of ['dimensions', 'multiHead', 'positions', 'mask', 'example'] as const) {
    if (value[key] === undefined) continue;
    const passage = parsePassage(value[key]);
    if (!passage) return undefined;
    optional[key] = passage;
  }
  return { steps: steps as ChapterPassage[], ...optional };
}

/** A complete config that the core itself would produce: a partial or stale one is refused, not filled in. */
export function parseConfig(value: unknown): AttentionConfig | undefined {
  if (!isRecord(value)) return undefined;
  try {
    const config = resolveConfig(value as Partial<AttentionConfig>);
    return (Object.keys(config) as (keyof AttentionConfig)[]).every((key) => value[key] === config[key]) ? config : undefined;
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

export function parseTokens(value: unknown, text: string): Token[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const tokens: Token[] = [];
  for (const token of value as unknown[]) {
    if (!isRecord(token) || typeof token.text !== 'string') return undefined;
    const { start, end } = token as Fields;
    if (!isIndex(start) || !isIndex(end) || end < start || end > text.length) return undefined;
    tokens.push({ text: token.text, start, end });
  }
  return tokens;
}

/** N×N float32 weights in [0, 1] whose rows sum to 1 (rounding each to float32 moves a row's sum by at most 2⁻²⁴). */
function isWeightMatrix(value: Float32Array, n: number): boolean {
  if (value.length !== n * n) return false;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const w = value[i * n + j];
      if (typeof w !== 'number' || !(w >= 0 && w <= 1)) return false;
      sum += w;
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) return false;
  }
  return true;
}

/** `length` weights, each in [0, 1] (a block's largest or a tile's: rows need not be whole). */
function isWeightRange(value: Float32Array, length: number): boolean {
  return value.length === length && value.every((w) => w >= 0 && w <= 1);
}

function parseNotes(value: unknown): NoteSection[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const notes: NoteSection[] = [];
  for (const note of value as unknown[]) {
    if (!isRecord(note) || !isShortString(note.id) || !isShortString(note.title) || typeof note.markdown !== 'string') return undefined;
    notes.push({ id: note.id, title: note.title, markdown: note.markdown });
  }
  return notes;
}
