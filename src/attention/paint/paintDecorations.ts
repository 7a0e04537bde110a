/**
 * The paint's decoration types. A decoration's background takes a theme colour but no opacity of
 * its own, so the strength of the tint is made by layers: PAINT_LEVELS types all painted with the
 * one theme colour `attentionExplorer.paintBackground` (translucent), and a token of level k is
 * covered by the first k of them; the editor draws them over each other, so a token of level k
 * shows 1 − (1 − α)^k of the colour, and a theme or a user's colour customisation changes every step.
 * The token the paint comes from is outlined in `attentionExplorer.paintSourceBorder`.
 */
import * as vscode from 'vscode';
import { PAINT_LEVELS } from '../../common/paint/paintLevels';
import { Disposable } from '../../host/dispose';
import type { PaintedRanges } from './documentPaint';

const PAINT_BACKGROUND = 'attentionExplorer.paintBackground';
const PAINT_SOURCE_BORDER = 'attentionExplorer.paintSourceBorder';

export class PaintDecorations extends Disposable {
  private readonly layers = Array.from({ length: PAINT_LEVELS }, () =>
    this.register(vscode.window.createTextEditorDecorationType({ backgroundColor: new vscode.ThemeColor(PAINT_BACKGROUND), rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed })),
  );
  private readonly source = this.register(
    vscode.window.createTextEditorDecorationType({
      borderColor: new vscode.ThemeColor(PAINT_SOURCE_BORDER),
      borderStyle: 'solid',
      borderWidth: '1px',
      overviewRulerColor: new vscode.ThemeColor(PAINT_SOURCE_BORDER),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );
  private paintedIn = new Set<vscode.TextEditor>();

  /** Paints the tokens and outlines the one the paint comes from in `editors` (all showing the one document), replacing what they showed. */
  apply(editors: readonly vscode.TextEditor[], { tokens, from }: PaintedRanges): void {
    const byLayer = this.layers.map((_, layer) => tokens.filter((token) => token.level > layer).map((token) => token.range));
    for (const editor of editors) {
      this.layers.forEach((type, layer) => editor.setDecorations(type, byLayer[layer]));
      editor.setDecorations(this.source, [from]);
      this.paintedIn.add(editor);
    }
  }

  clear(): void {
    for (const editor of this.paintedIn) {
      for (const type of [...this.layers, this.source]) editor.setDecorations(type, []);
    }
    this.paintedIn.clear();
  }
}
