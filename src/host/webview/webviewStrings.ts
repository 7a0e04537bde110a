/**
 * A webview's strings in the display language: each English value of its table (the key of
 * l10n/bundle.l10n.<language>.json) through `vscode.l10n.t`, keeping the table's keys. The page
 * receives the result in its HTML (pageHtml.ts) and fills in the `{0}` placeholders itself:
 * `l10n.t` with no arguments leaves them as they are.
 *
 * This is the one `l10n.t` call whose message is not a literal: test/unit/l10n.test.ts counts the
 * tables' values as the keys it uses.
 */
import * as vscode from 'vscode';
import type { StringTable } from '../../common/l10n/webviewStrings';

export function localizeStrings<T extends StringTable>(table: T): { [K in keyof T]: string } {
  return Object.fromEntries(Object.entries(table).map(([key, english]) => [key, vscode.l10n.t(english)])) as { [K in keyof T]: string };
}
