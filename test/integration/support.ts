/** Shared steps of the integration tests: documents, selections, settings, the extension's API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttentionExplorerApi } from '../../src/activate';
import type { AttentionView } from '../../src/common/attention/analysisView';

export const EXTENSION_ID = 'attention-explorer.attention-explorer';

export async function extensionApi(): Promise<{ extension: vscode.Extension<AttentionExplorerApi>; api: AttentionExplorerApi }> {
  const extension = vscode.extensions.getExtension<AttentionExplorerApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return { extension, api: await extension.activate() };
}

/** An untitled document (nothing is written to disk) shown in an editor. */
export async function openText(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  // The command reads window.activeTextEditor, which follows the workbench a moment later.
  await until(() => vscode.window.activeTextEditor?.document === document, `${JSON.stringify(content.slice(0, 20))} is the active editor`);
  return editor;
}

export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function select(editor: vscode.TextEditor, text: string): void {
  const start = editor.document.getText().indexOf(text);
  assert.ok(start >= 0, `the document contains ${text}`);
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + text.length));
}

export async function showAttention(args?: { truncate?: boolean; long?: boolean }): Promise<AttentionView | undefined> {
  return vscode.commands.executeCommand<AttentionView | undefined>('attentionExplorer.showAttention', args);
}

/** Sets attentionExplorer.* user settings for the duration of `body`, then restores them. */
export async function withSettings<T>(values: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const settings = vscode.workspace.getConfiguration('attentionExplorer');
  const previous = Object.keys(values).map((key) => [key, settings.inspect(key)?.globalValue] as const);
  for (const [key, value] of Object.entries(values)) await settings.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    for (const [key, value] of previous) await settings.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

export function openWebviewTabs(viewTypeSuffix: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewTypeSuffix));
}

/** The tab model reaches the extension host a moment after the workbench changes: poll it. */
export async function waitForWebviewTabs(viewTypeSuffix: string, count: number): Promise<number> {
  await until(() => openWebviewTabs(viewTypeSuffix).length === count, `${count} ${viewTypeSuffix} tab(s) are open`).catch(() => undefined);
  return openWebviewTabs(viewTypeSuffix).length;
}

/**
 * Closes every editor; untitled documents are reverted first, so no "Save?" dialog blocks. Tests
 * otherwise leave their untitled documents open: closing them races with the next test's editor.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isUntitled || !document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await until(() => vscode.window.activeTextEditor === undefined, 'no editor is active');
}

/** Row i of a flat N×N matrix. */
export const row = (flat: ArrayLike<number>, n: number, i: number): number[] => Array.from(flat).slice(i * n, (i + 1) * n);

type MessageKind = 'info' | 'warning' | 'error';

/**
 * Records the notifications the extension shows while `body` runs (they still show). The
 * extension and these tests share one `vscode` API object, so wrapping its functions sees the
 * extension's calls.
 */
export async function recordMessages<T>(body: () => Promise<T>): Promise<{ result: T; messages: { kind: MessageKind; text: string }[] }> {
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names: Record<MessageKind, string> = { info: 'showInformationMessage', warning: 'showWarningMessage', error: 'showErrorMessage' };
  const messages: { kind: MessageKind; text: string }[] = [];
  const originals = Object.entries(names).map(([kind, name]) => {
    const original = window[name];
    window[name] = (...args: unknown[]) => {
      messages.push({ kind: kind as MessageKind, text: String(args[0]) });
      // Nobody answers a test's notification: resolve as a dismissed one would.
      void original.apply(vscode.window, args);
      return Promise.resolve(undefined);
    };
    return [name, original] as const;
  });
  try {
    return { result: await body(), messages };
  } finally {
    for (const [name, original] of originals) window[name] = original;
  }
}
