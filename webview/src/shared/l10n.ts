/**
 * The page's strings in VS Code's display language. The host writes them into the HTML as JSON in
 * `<main id="app" data-strings="…">` (src/host/webview/pageHtml.ts); a page's translator reads and
 * checks them once, when the page starts. A key that is missing, not a string, or whose `{0}`…
 * placeholders differ from the English original falls back to that original
 * (src/common/l10n/webviewStrings.ts), so a broken translation shows English, never a hole or a
 * stray "{1}". Each page makes its own `t` from its table: webview/src/attention/l10n.ts,
 * webview/src/reader/l10n.ts.
 */
import type { StringTable } from '../../../src/common/l10n/webviewStrings';
import { format, resolveStrings } from './l10nFormat';

export { formatParts } from './l10nFormat';

/** A string of the page by key, its `{0}`, `{1}`… filled in with `args`. */
export type Translate<K extends string> = (key: K, ...args: readonly (string | number)[]) => string;

/** A page's `t`: its table's keys, looked up in the strings the host gave this page. */
export function createTranslator<T extends StringTable>(english: T): Translate<keyof T & string> {
  const strings = resolveStrings(english, document.getElementById('app')?.dataset.strings);
  return (key, ...args) => format(strings[key], args);
}
