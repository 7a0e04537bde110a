/**
 * Small checks that every contract's parsers share: a message or a saved state is data from
 * another side (or an older version of the extension) and is never trusted for its shape.
 */
export type Fields = Record<string, unknown>;

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An id or title short enough to be one: keeps a hostile message from carrying megabytes. */
export function isShortString(value: unknown, maxLength = 500): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

export function isIndex(value: unknown, below = Number.MAX_SAFE_INTEGER): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < below;
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
