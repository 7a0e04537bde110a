/**
 * A webview's strings as the host hands them over (src/host/webview/webviewStrings.ts): each English
 * value of the table through the display language's bundle, l10n/bundle.l10n.<language>.json, as
 * `vscode.l10n.t` looks it up. English is the table itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { StringTable } from '../../../src/common/l10n/webviewStrings';

export function localizedStrings<T extends StringTable>(table: T, language: string): { [K in keyof T]: string } {
  const file = new URL(`../../../l10n/bundle.l10n.${language.toLowerCase()}.json`, import.meta.url);
  const bundle: Record<string, string> = language === 'en' || !existsSync(file) ? {} : JSON.parse(readFileSync(file, 'utf8'));
  return Object.fromEntries(Object.entries(table).map(([key, english]) => [key, bundle[english] ?? english])) as { [K in keyof T]: string };
}
