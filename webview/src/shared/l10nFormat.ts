/**
 * The pure part of the webviews' localisation (no DOM, so Node tests can run it): checking the
 * strings the host handed over against the English table, and filling in `{0}`, `{1}`….
 */
import { placeholders, type StringTable } from '../../../src/common/l10n/webviewStrings';

/** `{0}`, `{1}`… replaced by the arguments; a placeholder without one stays as it is. */
export function format(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));
}

/**
 * The strings of `english`'s keys, from the page's JSON where it has a valid one: a string, not
 * blank, with the same placeholders as the English. Anything else is the English original.
 */
export function resolveStrings<T extends StringTable>(english: T, json: string | null | undefined): { [K in keyof T]: string } {
  let given: unknown;
  try {
    given = json ? JSON.parse(json) : undefined;
  } catch {
    given = undefined;
  }
  const table = typeof given === 'object' && given !== null && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
  const resolved: Record<string, string> = {};
  for (const [key, original] of Object.entries(english)) {
    const value = Object.hasOwn(table, key) ? table[key] : undefined;
    resolved[key] = typeof value === 'string' && value.trim() !== '' && placeholders(value).join() === placeholders(original).join() ? value : original;
  }
  return resolved as { [K in keyof T]: string };
}

/**
 * A string with elements in it: the pieces of `template` around its placeholders, each placeholder
 * replaced by its argument (a DOM node, say), for `el(..., children)`. Word order is the translation's.
 */
export function formatParts<T>(template: string, args: readonly T[]): (T | string)[] {
  const parts: (T | string)[] = [];
  let at = 0;
  for (const match of template.matchAll(/\{(\d+)\}/g)) {
    const index = Number(match[1]);
    if (index >= args.length) continue;
    if (match.index > at) parts.push(template.slice(at, match.index));
    parts.push(args[index]);
    at = match.index + match[0].length;
  }
  if (at < template.length) parts.push(template.slice(at));
  return parts;
}

/** A count for reading, with thousands separators: 16384 → "16,384" (as the chapter's numbers are written). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
