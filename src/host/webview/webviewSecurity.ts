/**
 * Security of every webview in one place: scripts only from our own bundle with a fresh nonce,
 * resources only from our own folders, and the HTML built by the pure page builder, carrying the
 * page's strings in the display language.
 */
import * as vscode from 'vscode';
import { ATTENTION_PANEL_STRINGS, CONTEXTS_STRINGS, READER_STRINGS, type StringTable } from '../../common/l10n/webviewStrings';
import { renderPanelHtml } from './pageHtml';
import { localizeStrings } from './webviewStrings';

/** Our webviews load only what we ship: the webview bundles (the chapter arrives as a message). */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/** 128 random bits, base64: a nonce that no document text can guess. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

interface Page {
  readonly script: string;
  readonly style: string;
  readonly title: string;
  readonly strings: StringTable;
}

/** A page of ours: one bundled script and stylesheet from dist/webview, under the strict CSP. */
function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: Page): string {
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  return renderPanelHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: asset(page.script),
    styleUri: asset(page.style),
    lang: vscode.env.language,
    strings: localizeStrings(page.strings),
    title: page.title,
  });
}

export const attentionPanelHtml = (webview: vscode.Webview, extensionUri: vscode.Uri) =>
  pageHtml(webview, extensionUri, { script: 'main.js', style: 'styles.css', title: vscode.l10n.t('Attention'), strings: ATTENTION_PANEL_STRINGS });
export const readerHtml = (webview: vscode.Webview, extensionUri: vscode.Uri) =>
  pageHtml(webview, extensionUri, { script: 'reader.js', style: 'reader-styles.css', title: vscode.l10n.t('Chapter'), strings: READER_STRINGS });
export const contextsHtml = (webview: vscode.Webview, extensionUri: vscode.Uri) =>
  pageHtml(webview, extensionUri, { script: 'contexts.js', style: 'contexts-styles.css', title: vscode.l10n.t('Contexts'), strings: CONTEXTS_STRINGS });
