/**
 * The status bar item of the paint: what is painted (model · layer · head · from/to and the token),
 * shown while an analysis from a document is; a click opens the paint's quick pick.
 */
import * as vscode from 'vscode';
import { Disposable } from '../../host/dispose';
import type { DocumentPaint, PaintState } from './documentPaint';
import { headLabel } from './paintLabels';

export class PaintStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('attentionExplorer.paint', vscode.StatusBarAlignment.Right, 100));

  constructor(paint: DocumentPaint, commandId: string) {
    super();
    this.item.name = vscode.l10n.t('Attention Paint');
    this.item.command = commandId;
    this.register(paint.onDidChangeState((state) => this.update(state)));
    this.update(paint.state);
  }

  private update(state: PaintState): void {
    const { analysis, head, painted, options, edited } = state;
    if (!analysis || head === undefined) {
      this.item.hide();
      return;
    }
    let text: string;
    if (!options.enabled) text = vscode.l10n.t('Attention paint off');
    else if (edited) text = vscode.l10n.t('Attention paint: the text was edited');
    else {
      const token = painted && shortened(painted.analysis.view.tokens[painted.from].text);
      const direction = options.direction === 'from' ? (token === undefined ? vscode.l10n.t('from') : vscode.l10n.t('from "{0}"', token)) : token === undefined ? vscode.l10n.t('to') : vscode.l10n.t('to "{0}"', token);
      text = `${headLabel(analysis, head)} · ${direction}`;
    }
    this.item.text = `$(paintcan) ${text}`;
    this.item.tooltip = edited
      ? vscode.l10n.t('The analysed text was edited: run Show Attention again to paint it. Click for the paint\'s options.')
      : vscode.l10n.t('Attention painted on the document: put the cursor on a token of the analysed text. Click to change what is painted, or to clear it.');
    this.item.show();
  }
}

/** A long token (a merged word, a URL) is cut so that the item stays small. */
function shortened(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
