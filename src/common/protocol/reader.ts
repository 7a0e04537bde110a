/**
 * The contract between the extension host and the chapter reader's webview: messages both ways,
 * the saved state, their parsers, and the chapter message the host builds (a pure function, so
 * the browser tests send the very message the host sends).
 */
import { offersTryIt } from '../chapter/examples';
import { STEPS_SECTION_TITLE } from '../chapter/stepsGuide';
import type { ChapterSection } from '../chapter/sections';
import type { GlossaryEntry } from '../glossary/glossaryEntry';
import { isRecord, isShortString, isStringArray } from './validate';

/** A section of the chapter as the reader renders it. */
export interface ReaderSection {
  readonly id: string;
  readonly title: string;
  /** 1 for the chapter title, 2 for its sections, 3 for subsections. */
  readonly level: number;
  readonly markdown: string;
  /** Whether the section offers "Try it" (runs Show Attention on the chapter's example sentences). */
  readonly tryIt: boolean;
  /** Whether the section offers "Show the steps" (the chapter's steps, worked out in the attention panel). */
  readonly showSteps: boolean;
}

/** A glossary entry as the reader needs it to link terms to their definitions; `id` is the glossary's own. */
export type ReaderGlossaryEntry = Pick<GlossaryEntry, 'id' | 'term' | 'aliases' | 'definition' | 'sectionId'>;

export type ReaderHostMessage =
  | { readonly type: 'chapter'; readonly sections: readonly ReaderSection[]; readonly glossary: readonly ReaderGlossaryEntry[] }
  /** Scroll to a section; with `entryId`, also show that glossary entry's definition. */
  | { readonly type: 'reveal'; readonly sectionId: string; readonly entryId?: string }
  /** The chapter could not be loaded: what to tell the reader. */
  | { readonly type: 'error'; readonly message: string };

export type ReaderWebviewMessage =
  | { readonly type: 'ready' }
  /** The section at the top of the reader's viewport changed (the tree follows it). */
  | { readonly type: 'visibleSection'; readonly sectionId: string }
  | { readonly type: 'tryIt' }
  | { readonly type: 'showSteps' };

/** What the reader keeps with `setState`: where it was. */
export interface ReaderState {
  readonly sectionId?: string;
}

export function chapterMessage(sections: readonly ChapterSection[], glossary: readonly GlossaryEntry[]): ReaderHostMessage {
  return {
    type: 'chapter',
    sections: sections.map((s) => ({ id: s.id, title: s.title, level: s.level, markdown: s.body, tryIt: offersTryIt(s.title), showSteps: s.title === STEPS_SECTION_TITLE })),
    glossary: glossary.map(({ id, term, aliases, definition, sectionId }) => ({ id, term, aliases, definition, sectionId })),
  };
}

// ---- the host's parsers -------------------------------------------------------------------

export function parseReaderMessage(value: unknown): ReaderWebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'tryIt':
      return { type: 'tryIt' };
    case 'showSteps':
      return { type: 'showSteps' };
    case 'visibleSection':
      return isShortString(value.sectionId, 200) ? { type: 'visibleSection', sectionId: value.sectionId } : undefined;
    default:
      return undefined;
  }
}

/** The saved state, checked: it may come from an older version of the extension. */
export function parseReaderState(value: unknown): ReaderState {
  return isRecord(value) && isShortString(value.sectionId, 200) ? { sectionId: value.sectionId } : {};
}

// ---- the webview's parsers ----------------------------------------------------------------

export function parseReaderHostMessage(value: unknown): ReaderHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'chapter':
      return Array.isArray(value.sections) && value.sections.length > 0 && value.sections.every(isSection) && Array.isArray(value.glossary) && value.glossary.every(isGlossaryEntry)
        ? { type: 'chapter', sections: value.sections, glossary: value.glossary }
        : undefined;
    case 'reveal':
      if (!isShortString(value.sectionId, 200) || (value.entryId !== undefined && !isShortString(value.entryId, 200))) return undefined;
      return value.entryId === undefined ? { type: 'reveal', sectionId: value.sectionId } : { type: 'reveal', sectionId: value.sectionId, entryId: value.entryId };
    case 'error':
      return typeof value.message === 'string' ? { type: 'error', message: value.message } : undefined;
    default:
      return undefined;
  }
}

function isSection(value: unknown): value is ReaderSection {
  return (
    isRecord(value) &&
    isShortString(value.id) &&
    value.id !== '' &&
    typeof value.title === 'string' &&
    Number.isInteger(value.level) &&
    (value.level as number) >= 1 &&
    (value.level as number) <= 6 &&
    typeof value.markdown === 'string' &&
    typeof value.tryIt === 'boolean' &&
    typeof value.showSteps === 'boolean'
  );
}

function isGlossaryEntry(value: unknown): value is ReaderGlossaryEntry {
  return (
    isRecord(value) &&
    isShortString(value.id) &&
    value.id !== '' &&
    typeof value.term === 'string' &&
    isStringArray(value.aliases) &&
    typeof value.definition === 'string' &&
    isShortString(value.sectionId)
  );
}
