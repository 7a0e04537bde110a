/**
 * Hovering a token in the panel highlights it in the editor it came from: the token's offsets are
 * relative to the analysed text, which started at `offset` in its document. After an edit the
 * offsets no longer name the same characters, so nothing is highlighted until the next analysis.
 */
import * as vscode from 'vscode';
import type { Token } from '../common/attention/tokenizer';
import { Disposable } from '../host/dispose';

export interface SourceText {
  readonly uri: vscode.Uri;
  /** Where the analysed text starts in the document (VS Code offsets: CRLF counts 2). */
  readonly offset: number;
  /** The document's version when the text was read. */
  readonly version: number;
}

export class SourceHighlight extends Disposable {
  private readonly decoration = this.register(
    vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
      borderColor: new vscode.ThemeColor('editor.findMatchBorder'),
      borderStyle: 'solid',
      borderWidth: '1px',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
    }),
  );
  private source?: SourceText;
  private tokens: readonly Token[] = [];
  private shownIn: vscode.TextEditor[] = [];

  setSource(source: SourceText | undefined, tokens: readonly Token[]): void {
    this.clear();
    this.source = source;
    this.tokens = tokens;
  }

  /** Highlights token `index` (null: none) in every visible editor of the source document. */
  show(index: number | null): void {
    this.clear();
    const token = index === null ? undefined : this.tokens[index];
    const source = this.source;
    if (!token || !source) return;
    const editors = vscode.window.visibleTextEditors.filter((editor) => editor.document.uri.toString() === source.uri.toString());
    if (editors.length === 0 || editors[0].document.version !== source.version) return;
    const document = editors[0].document;
    const range = new vscode.Range(document.positionAt(source.offset + token.start), document.positionAt(source.offset + token.end));
    for (const editor of editors) {
      editor.setDecorations(this.decoration, [range]);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    this.shownIn = editors;
  }

  clear(): void {
    for (const editor of this.shownIn) editor.setDecorations(this.decoration, []);
    this.shownIn = [];
  }
}
