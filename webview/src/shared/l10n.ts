/**
 * The page's strings in VS Code's display language. The host writes them into the HTML as JSON in
 * `<main id="app" data-strings="…">` (src/host/webview/pageHtml.ts); they are read and checked
 * once, when the page starts. A key that is missing, not a string, or whose `{0}`… placeholders
 * differ from the English original falls back to that original (src/common/l10n/webviewStrings.ts),
 * so a broken translation shows English, never a hole or a stray "{1}".
 */
import { placeholders, type StringTable } from '../../../src/common/l10n/webviewStrings';

export type Translate<K extends string> = (key: K, ...args: readonly (string | number)[]) => string;

/** `{0}`, `{1}`… replaced by the arguments; a placeholder without one stays as it is. */
export function format(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));
}

/** The strings of `english`'s keys, from the page's JSON where it has a valid one. */
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
    resolved[key] = typeof value === 'string' && value.trim() !== '' && samePlaceholders(value, original) ? value : original;
  }
  return resolved as { [K in keyof T]: string };
}

function samePlaceholders(a: string, b: string): boolean {
  return placeholders(a).join() === placeholders(b).join();
}

/** A page's `t`: its table's keys, looked up in the strings the host gave this page. */
export function createTranslator<T extends StringTable>(english: T): Translate<keyof T & string> {
  const strings = resolveStrings(english, document.getElementById('app')?.dataset.strings);
  return (key, ...args) => format(strings[key], args);
}

/**
 * A string with elements in it: the pieces of `template` around its placeholders, the placeholders
 * replaced by `args` (nodes or text), for `el(..., children)`. Word order is the translation's.
 */
export function formatParts(template: string, args: readonly (Node | string)[]): (Node | string)[] {
  const parts: (Node | string)[] = [];
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
