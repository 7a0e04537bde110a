/**
 * Checks a message event's data before the reader acts on it: a malformed chapter must give a
 * clear message, not a half-rendered page.
 */
import type { ReaderGlossaryEntry, ReaderHostMessage, ReaderSection } from '../../../src/common/protocol/attentionPanel';

export function parseReaderHostMessage(data: unknown): ReaderHostMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'chapter':
      return Array.isArray(data.sections) && data.sections.length > 0 && data.sections.every(isSection) && Array.isArray(data.glossary) && data.glossary.every(isGlossaryEntry)
        ? { type: 'chapter', sections: data.sections, glossary: data.glossary }
        : undefined;
    case 'reveal':
      if (typeof data.sectionId !== 'string' || (data.term !== undefined && typeof data.term !== 'string')) return undefined;
      return data.term === undefined ? { type: 'reveal', sectionId: data.sectionId } : { type: 'reveal', sectionId: data.sectionId, term: data.term };
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isSection(value: unknown): value is ReaderSection {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    typeof value.title === 'string' &&
    Number.isInteger(value.level) &&
    typeof value.markdown === 'string' &&
    typeof value.tryIt === 'boolean'
  );
}

function isGlossaryEntry(value: unknown): value is ReaderGlossaryEntry {
  return (
    isRecord(value) &&
    typeof value.term === 'string' &&
    Array.isArray(value.aliases) &&
    value.aliases.every((a) => typeof a === 'string') &&
    typeof value.definition === 'string' &&
    typeof value.sectionId === 'string'
  );
}
