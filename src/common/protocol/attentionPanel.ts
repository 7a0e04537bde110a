/**
 * The one message protocol between the extension host and the attention webview. Both sides
 * import these types; the host checks every incoming message with `parseWebviewMessage`.
 */
import type { AttentionConfig } from '../attention/config';
import type { Token } from '../attention/tokenizer';

/** Which head the heatmap shows: an index, or the mean of all heads. */
export type HeadChoice = number | 'average';

/** What the panel needs of one analysis: the weights, not every intermediate. */
export interface AttentionView {
  /** The analysed text; token offsets point into it. */
  readonly text: string;
  /** Where the text came from, for the panel's title (a file name, "untitled", …). */
  readonly sourceName: string;
  readonly tokens: readonly Token[];
  readonly config: AttentionConfig;
  /** Per head, the N×N softmax weights in row-major order: row = query token, column = key token. */
  readonly weights: readonly (readonly number[])[];
  /** Set when only the first tokens were analysed: how many the whole selection had. */
  readonly totalTokens?: number;
  /** Time the computation took, in milliseconds. */
  readonly elapsedMs: number;
}

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

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openSection'; readonly sectionId: string };

/** What the webview keeps with `setState`, so a hidden or reloaded panel comes back as it was. */
export interface WebviewState {
  readonly selectedHead: HeadChoice;
  /** Enough to recompute the analysis after a window reload: the result is deterministic. */
  readonly request?: AnalysisRequest;
}

export interface AnalysisRequest {
  readonly text: string;
  readonly sourceName: string;
  readonly config: AttentionConfig;
  /** The most tokens to analyse; the rest of the text is left out. */
  readonly maxTokens: number;
}

/** A message from the webview, or undefined when it is not one we sent for: never trust its shape. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openSection':
      return typeof message.sectionId === 'string' && message.sectionId.length <= 200
        ? { type: 'openSection', sectionId: message.sectionId }
        : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The chapter reader (a second webview): the whole chapter, opened at a section.

/** A section of the chapter as the reader renders it. */
export interface ReaderSection {
  readonly id: string;
  readonly title: string;
  /** 1 for the chapter title, 2 for its sections, 3 for subsections. */
  readonly level: number;
  readonly markdown: string;
  /** Whether the section offers "Try it" (runs Show Attention on the chapter's example sentences). */
  readonly tryIt: boolean;
}

/** A glossary entry as the reader needs it to link terms to their definitions. */
export interface ReaderGlossaryEntry {
  readonly term: string;
  readonly aliases: readonly string[];
  readonly definition: string;
  readonly sectionId: string;
}

export type ReaderHostMessage =
  | {
      readonly type: 'chapter';
      readonly sections: readonly ReaderSection[];
      readonly glossary: readonly ReaderGlossaryEntry[];
    }
  /** Scroll to a section; with `term`, also show that glossary entry's definition. */
  | { readonly type: 'reveal'; readonly sectionId: string; readonly term?: string };

export type ReaderWebviewMessage =
  | { readonly type: 'ready' }
  /** The section at the top of the reader's viewport changed (the tree follows it). */
  | { readonly type: 'visibleSection'; readonly sectionId: string }
  | { readonly type: 'tryIt' };

/** What the reader keeps with `setState`: where it was. */
export interface ReaderState {
  readonly sectionId?: string;
}

export function parseReaderMessage(value: unknown): ReaderWebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'tryIt':
      return { type: 'tryIt' };
    case 'visibleSection':
      return typeof message.sectionId === 'string' && message.sectionId.length <= 200
        ? { type: 'visibleSection', sectionId: message.sectionId }
        : undefined;
    default:
      return undefined;
  }
}
