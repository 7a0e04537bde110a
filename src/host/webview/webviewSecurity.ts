/**
 * Security of every webview in one place: scripts only from our own bundle with a fresh nonce,
 * resources only from our own folders, and the HTML built by the pure page builder.
 */
import * as vscode from 'vscode';
import { renderPanelHtml } from './pageHtml';

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

/** A page of ours: one bundled script and stylesheet from dist/webview, under the strict CSP. */
function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, style: string): string {
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  return renderPanelHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: asset(script), styleUri: asset(style) });
}

export const attentionPanelHtml = (webview: vscode.Webview, extensionUri: vscode.Uri) => pageHtml(webview, extensionUri, 'main.js', 'styles.css');
export const readerHtml = (webview: vscode.Webview, extensionUri: vscode.Uri) => pageHtml(webview, extensionUri, 'reader.js', 'reader-styles.css');
