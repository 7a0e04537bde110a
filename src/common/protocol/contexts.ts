/**
 * The contract between the extension host and the Compare Contexts panel's webview: the messages
 * each side sends, the state the page saves (enough to compare again after a reload), and the
 * parsers each side runs on what it receives.
 */
import type { ContextSentence, ContextsEngine, ContextsResult, MissingWord, SentenceContext } from '../contexts/contexts';
import { MAX_CONTEXT_SENTENCES, MAX_WORD_LENGTH } from '../contexts/sentences';
import { parseConfig, parseTokens, type NoteSection } from './attentionPanel';
import { isIndex, isRecord, isShortString } from './validate';

export type { ContextSentence, ContextsResult, NoteSection, SentenceContext };

/** The longest sentence the panel compares in (and a saved state may hold). */
export const MAX_SENTENCE_LENGTH = 4000;
/** The widest vector a message may carry (a model's hidden size; the built-in engine's d_model is at most 4,096). */
const MAX_VECTOR = 8192;

/** What is compared, and where it came from: what the page saves and the host compares again. */
export interface ContextsSubject {
  readonly word: string;
  readonly sentences: readonly ContextSentence[];
  /** The chapter's "bank" example (its English originals and their translations). */
  readonly example: boolean;
  /** Where the sentences came from (a file name), when from a document. */
  readonly sourceName?: string;
  /** How many sentences of the document contain the word, when more than are compared. */
  readonly total?: number;
}

export type ContextsHostMessage =
  | { readonly type: 'computing'; readonly subject: ContextsSubject }
  | {
      readonly type: 'contexts';
      readonly subject: ContextsSubject;
      readonly result: ContextsResult;
      /** The chapter's section on the example (its paragraphs on 银行 and word2vec), when it could be read. */
      readonly passage?: NoteSection;
    }
  | { readonly type: 'error'; readonly message: string };

export type ContextsWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openSection'; readonly sectionId: string }
  /** Compare the chapter's example ("bank" in its English sentences) instead. */
  | { readonly type: 'compareExample' };

export interface ContextsState {
  readonly subject: ContextsSubject;
}

// ---- the host's parsers -------------------------------------------------------------------

export function parseContextsMessage(value: unknown): ContextsWebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'ready') return { type: 'ready' };
  if (value.type === 'compareExample') return { type: 'compareExample' };
  if (value.type === 'openSection' && isShortString(value.sectionId, 200)) return { type: 'openSection', sectionId: value.sectionId };
  return undefined;
}

/** A saved state, checked: it may come from an older version, or be damaged. */
export function parseContextsState(value: unknown): ContextsState | undefined {
  if (!isRecord(value)) return undefined;
  const subject = parseSubject(value.subject);
  return subject && { subject };
}

export function parseSubject(value: unknown): ContextsSubject | undefined {
  if (!isRecord(value) || !isWord(value.word) || typeof value.example !== 'boolean') return undefined;
  const { sentences } = value;
  if (!Array.isArray(sentences) || sentences.length === 0 || sentences.length > MAX_CONTEXT_SENTENCES) return undefined;
  const parsed = sentences.map(parseSentence);
  if (!parsed.every((s) => s !== undefined)) return undefined;
  if (value.sourceName !== undefined && !isShortString(value.sourceName)) return undefined;
  if (value.total !== undefined && !(isIndex(value.total) && value.total > parsed.length)) return undefined;
  return {
    word: value.word,
    sentences: parsed,
    example: value.example,
    ...(value.sourceName !== undefined ? { sourceName: value.sourceName as string } : {}),
    ...(value.total !== undefined ? { total: value.total as number } : {}),
  };
}

// ---- the webview's parsers ----------------------------------------------------------------

export function parseContextsHostMessage(value: unknown): ContextsHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'error':
      return typeof value.message === 'string' ? { type: 'error', message: value.message } : undefined;
    case 'computing': {
      const subject = parseSubject(value.subject);
      return subject && { type: 'computing', subject };
    }
    case 'contexts': {
      const subject = parseSubject(value.subject);
      const result = subject && parseResult(value.result, subject);
      if (!result) return undefined;
      const passage = value.passage === undefined ? undefined : parseNote(value.passage);
      if (value.passage !== undefined && !passage) return undefined;
      return { type: 'contexts', subject: subject, result, ...(passage ? { passage } : {}) };
    }
    default:
      return undefined;
  }
}

/** A result for `subject`: its sentences in order, vectors of one width, rows that are distributions, square tables of cosines. */
export function parseResult(value: unknown, subject: ContextsSubject): ContextsResult | undefined {
  if (!isRecord(value) || value.word !== subject.word || !Array.isArray(value.sentences) || value.sentences.length !== subject.sentences.length) return undefined;
  const engine = parseEngine(value.engine);
  if (!engine) return undefined;
  const sentences: SentenceContext[] = [];
  let width: number | undefined;
  for (const [i, raw] of (value.sentences as unknown[]).entries()) {
    const sentence = parseSentenceContext(raw);
    if (!sentence || sentence.text !== subject.sentences[i].text) return undefined;
    for (const vector of [sentence.staticVector, sentence.contextual]) {
      if (!vector) continue;
      if ((width ??= vector.length) !== vector.length) return undefined;
    }
    sentences.push(sentence);
  }
  const staticCosines = parseCosines(value.staticCosines, sentences.length);
  const contextualCosines = parseCosines(value.contextualCosines, sentences.length);
  if (!staticCosines || !contextualCosines || typeof value.elapsedMs !== 'number' || !(value.elapsedMs >= 0) || !Number.isFinite(value.elapsedMs)) return undefined;
  return { word: subject.word, engine, sentences, staticCosines, contextualCosines, elapsedMs: value.elapsedMs };
}

// ---- shared pieces ------------------------------------------------------------------------

function isWord(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_WORD_LENGTH;
}

function parseSentence(value: unknown): ContextSentence | undefined {
  if (!isRecord(value) || typeof value.text !== 'string' || value.text.trim() === '' || value.text.length > MAX_SENTENCE_LENGTH) return undefined;
  if (value.translation !== undefined && !isShortString(value.translation, MAX_SENTENCE_LENGTH)) return undefined;
  return { text: value.text, ...(value.translation !== undefined ? { translation: value.translation as string } : {}) };
}

function parseEngine(value: unknown): ContextsEngine | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'builtin') {
    const config = parseConfig(value.config);
    return config && { kind: 'builtin', config };
  }
  const { name, type, layers, heads, hidden } = value;
  if (value.kind !== 'model' || !isShortString(name) || (type !== 'bert' && type !== 'gpt2') || !isIndex(layers) || !isIndex(heads) || !isIndex(hidden, MAX_VECTOR + 1)) return undefined;
  return { kind: 'model', name, type, layers, heads, hidden };
}

function parseSentenceContext(value: unknown): SentenceContext | undefined {
  const sentence = parseSentence(value);
  if (!sentence || !isRecord(value)) return undefined;
  const tokens = parseTokens(value.tokens, sentence.text);
  if (!tokens || tokens.length === 0) return undefined;
  if (value.missing !== undefined) {
    const missing = parseMissing(value.missing);
    const none = value.wordTokens === undefined && value.staticVector === undefined && value.contextual === undefined && value.attention === undefined;
    return missing && none ? { ...sentence, tokens, missing } : undefined;
  }
  const { wordTokens } = value;
  if (!Array.isArray(wordTokens) || wordTokens.length === 0 || !wordTokens.every((i) => isIndex(i, tokens.length))) return undefined;
  if (!isVector(value.staticVector) || !isVector(value.contextual) || value.staticVector.length !== value.contextual.length) return undefined;
  if (!isVector(value.attention) || value.attention.length !== tokens.length || !isDistribution(value.attention)) return undefined;
  return { ...sentence, tokens, wordTokens: wordTokens as number[], staticVector: value.staticVector, contextual: value.contextual, attention: value.attention };
}

function parseMissing(value: unknown): MissingWord | undefined {
  if (!isRecord(value)) return undefined;
  if (value.reason === 'absent') return { reason: 'absent' };
  return value.reason === 'insideToken' && isShortString(value.token, MAX_SENTENCE_LENGTH) ? { reason: 'insideToken', token: value.token } : undefined;
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.length <= MAX_VECTOR && value.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Weights in [0, 1] that sum to 1, give or take float32 rounding of a model's weights. */
function isDistribution(row: readonly number[]): boolean {
  let sum = 0;
  for (const w of row) {
    if (w < 0 || w > 1 + 1e-6) return false;
    sum += w;
  }
  return Math.abs(sum - 1) < 1e-4;
}

function parseCosines(value: unknown, n: number): (number | null)[][] | undefined {
  if (!Array.isArray(value) || value.length !== n) return undefined;
  const isCosine = (c: unknown) => c === null || (typeof c === 'number' && c >= -1 && c <= 1);
  return value.every((row) => Array.isArray(row) && row.length === n && row.every(isCosine)) ? (value as (number | null)[][]) : undefined;
}

function parseNote(value: unknown): NoteSection | undefined {
  return isRecord(value) && isShortString(value.id, 200) && isShortString(value.title) && isShortString(value.markdown, 20000)
    ? { id: value.id, title: value.title, markdown: value.markdown }
    : undefined;
}
