/**
 * The hover on a painted token: its weight, in plain text (the tokens are the document's own
 * words, appended as text, never as markdown; nothing in it runs a command). Registered only while
 * paint is shown, for the painted document's scheme.
 */
import * as vscode from 'vscode';
import { Disposable } from '../../host/dispose';
import type { DocumentPaint } from './documentPaint';
import { headLabel } from './paintLabels';

export class PaintHover extends Disposable implements vscode.HoverProvider {
  private registration?: vscode.Disposable;
  private scheme?: string;

  constructor(private readonly paint: DocumentPaint) {
    super();
    this.register({ dispose: () => this.hide() });
  }

  show(uri: vscode.Uri): void {
    if (this.registration && this.scheme === uri.scheme) return;
    this.hide();
    this.scheme = uri.scheme;
    this.registration = vscode.languages.registerHoverProvider({ scheme: uri.scheme }, this);
  }

  hide(): void {
    this.registration?.dispose();
    this.registration = undefined;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const at = this.paint.paintedAt(document, position);
    if (!at) return undefined;
    const { painted, token } = at;
    const tokens = painted.analysis.view.tokens;
    const [query, key] = painted.direction === 'from' ? [painted.from, token.index] : [token.index, painted.from];
    const largest = Math.max(...painted.tokens.map((candidate) => candidate.weight));
    const text = new vscode.MarkdownString();
    text.appendText(vscode.l10n.t('Attention from "{0}" to "{1}": {2}', tokens[query].text, tokens[key].text, formatWeight(token.weight)));
    text.appendMarkdown('\n\n');
    text.appendText(vscode.l10n.t('{0} of the largest; {1}', `${Math.round((100 * token.weight) / largest)}%`, headLabel(painted.analysis, painted.head)));
    return new vscode.Hover(text, this.paint.tokenRange(document, token.index));
  }
}

/** Four decimals, as the panel's tooltip; three significant digits below 0.001 (the weights of a long selection). */
function formatWeight(weight: number): string {
  return weight >= 0.001 ? weight.toFixed(4) : weight.toPrecision(3);
}
