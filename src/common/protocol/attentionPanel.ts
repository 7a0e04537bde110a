/**
 * The contract between the extension host and the attention panel's webview: the messages each
 * side sends, the state the webview saves, and the parsers each side runs on what it receives.
 * Both sides import this module; neither acts on data that has not passed its parser.
 */
import type { AnalysisRequest, AttentionView } from '../attention/analysisView';

export type { AnalysisRequest, AttentionView };
import { HARD_MAX_TOKENS } from '../attention/analysis';
import { ConfigError, resolveConfig, type AttentionConfig } from '../attention/config';
import type { Token } from '../attention/tokenizer';
import { isIndex, isRecord, isShortString, type Fields } from './validate';

/** Which head the heatmap shows: an index, or the mean of all heads. */
export type HeadChoice = number | 'average';

/** A section of the bundled chapter shown beside the heatmap, as Markdown source text. */
export interface NoteSection {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
}

export type HostMessage =
  | { readonly type: 'analysis'; readonly view: AttentionView; readonly notes: readonly NoteSection[] }
  | { readonly type: 'computing'; readonly sourceName: string; readonly tokenCount: number }
  | { readonly type: 'error'; readonly message: string };

export type WebviewMessage = { readonly type: 'ready' } | { readonly type: 'openSection'; readonly sectionId: string };

/** What the webview keeps with `setState`, so a hidden or reloaded panel comes back as it was. */
export interface WebviewState {
  readonly selectedHead: HeadChoice;
  /** Enough to recompute the analysis after a window reload: the result is deterministic. */
  readonly request?: AnalysisRequest;
  /** How many tokens the whole selection had, when only the first were analysed. */
  readonly totalTokens?: number;
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
    default:
      return undefined;
  }
}

/** A saved state, checked as strictly as a message: it may be stale, partial or from an older version. */
export function parseWebviewState(value: unknown): WebviewState | undefined {
  if (!isRecord(value) || !isHeadChoice(value.selectedHead)) return undefined;
  if (value.request === undefined) return { selectedHead: value.selectedHead };
  const request = parseAnalysisRequest(value.request);
  if (!request) return undefined;
  if (value.totalTokens !== undefined && !isIndex(value.totalTokens)) return undefined;
  return { selectedHead: value.selectedHead, request, ...(value.totalTokens !== undefined ? { totalTokens: value.totalTokens } : {}) };
}

export function parseAnalysisRequest(value: unknown): AnalysisRequest | undefined {
  if (!isRecord(value) || typeof value.text !== 'string' || value.text.trim() === '' || !isShortString(value.sourceName)) return undefined;
  const config = parseConfig(value.config);
  if (!config || !Number.isInteger(value.maxTokens) || (value.maxTokens as number) < 1 || (value.maxTokens as number) > HARD_MAX_TOKENS) return undefined;
  return { text: value.text, sourceName: value.sourceName, config, maxTokens: value.maxTokens as number };
}

// ---- the webview's parsers ----------------------------------------------------------------

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'computing':
      return isShortString(value.sourceName) && isIndex(value.tokenCount) ? { type: 'computing', sourceName: value.sourceName, tokenCount: value.tokenCount } : undefined;
    case 'error':
      return typeof value.message === 'string' ? { type: 'error', message: value.message } : undefined;
    case 'analysis': {
      const view = parseAttentionView(value.view);
      const notes = parseNotes(value.notes);
      return view && notes ? { type: 'analysis', view, notes } : undefined;
    }
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
  if (!Array.isArray(value.weights) || value.weights.length !== config.heads || !value.weights.every((head) => isWeightMatrix(head, n))) return undefined;
  if (value.totalTokens !== undefined && !(isIndex(value.totalTokens) && value.totalTokens > n)) return undefined;
  if (typeof value.elapsedMs !== 'number' || !(value.elapsedMs >= 0) || !Number.isFinite(value.elapsedMs)) return undefined;
  return {
    text: value.text,
    sourceName: value.sourceName,
    tokens,
    config,
    weights: value.weights as number[][],
    ...(value.totalTokens !== undefined ? { totalTokens: value.totalTokens as number } : {}),
    elapsedMs: value.elapsedMs,
  };
}

// ---- shared pieces ------------------------------------------------------------------------

function isHeadChoice(value: unknown): value is HeadChoice {
  return value === 'average' || isIndex(value);
}

/** A complete config that the core itself would produce: a partial or stale one is refused, not filled in. */
function parseConfig(value: unknown): AttentionConfig | undefined {
  if (!isRecord(value)) return undefined;
  try {
    const config = resolveConfig(value as Partial<AttentionConfig>);
    return (Object.keys(config) as (keyof AttentionConfig)[]).every((key) => value[key] === config[key]) ? config : undefined;
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

function parseTokens(value: unknown, text: string): Token[] | undefined {
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

function isWeightMatrix(value: unknown, n: number): boolean {
  if (!Array.isArray(value) || value.length !== n * n) return false;
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

function parseNotes(value: unknown): NoteSection[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const notes: NoteSection[] = [];
  for (const note of value as unknown[]) {
    if (!isRecord(note) || !isShortString(note.id) || !isShortString(note.title) || typeof note.markdown !== 'string') return undefined;
    notes.push({ id: note.id, title: note.title, markdown: note.markdown });
  }
  return notes;
}
