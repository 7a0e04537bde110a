/**
 * Attention painted on the document: with an analysis shown, the cursor on a token of the analysed
 * text tints the other tokens by that token's weights, for the model, layer and head the panel
 * shows (or a head chosen for the paint): the attention it pays (its row) or that it is paid (its
 * column). The weights come from AttentionPanel.exactWeights (a 1 × N or N × 1 rectangle; for a
 * long selection the workers compute it). It listens to the editor only while an analysis with a
 * source is shown and painting is on: without one it costs nothing.
 */
import * as vscode from 'vscode';
import type { HeadChoice } from '../../common/protocol/attentionPanel';
import { paintLevels, type PaintedToken } from '../../common/paint/paintLevels';
import { shiftSpan, tokenAt, type Span } from '../../common/paint/paintGeometry';
import { Disposable, disposeAll } from '../../host/dispose';
import type { AttentionPanel, ShownAnalysis } from '../attentionPanel';
import type { AttentionPanelManager } from '../attentionPanelManager';
import { PaintDecorations } from './paintDecorations';
import { PaintHover } from './paintHover';

export type PaintDirection = 'from' | 'to';

/** What the user chose for the paint. */
export interface PaintOptions {
  readonly enabled: boolean;
  readonly direction: PaintDirection;
  /** The head painted; undefined: the one the panel shows. */
  readonly head?: HeadChoice;
}

/** What is painted now. */
export interface Painted {
  readonly analysis: ShownAnalysis;
  /** The token the paint comes from (its index in the view). */
  readonly from: number;
  readonly direction: PaintDirection;
  readonly head: HeadChoice;
  readonly tokens: readonly PaintedToken[];
}

export interface PaintedRanges {
  readonly tokens: readonly { readonly range: vscode.Range; readonly level: number }[];
  readonly from: vscode.Range;
}

/** What the status bar and the quick pick show. */
export interface PaintState {
  readonly options: PaintOptions;
  /** The analysis that can be painted: shown, from a document. */
  readonly analysis?: ShownAnalysis;
  /** The head painted (the chosen one, else the panel's). */
  readonly head?: HeadChoice;
  readonly painted?: Painted;
  /** The analysed text was edited: its tokens no longer name the same characters. */
  readonly edited: boolean;
}

export class DocumentPaint extends Disposable {
  private readonly decorations = this.register(new PaintDecorations());
  private readonly hover = this.register(new PaintHover(this));
  private readonly stateEmitter = this.register(new vscode.EventEmitter<PaintState>());
  readonly onDidChangeState = this.stateEmitter.event;
  private options: PaintOptions = { enabled: true, direction: 'from' };
  private panel?: AttentionPanel;
  private analysis?: ShownAnalysis;
  /** The analysed text in its document (document offsets), while it is as it was analysed. */
  private span?: Span;
  private edited = false;
  private painted?: Painted;
  /** Editor listeners: only while there is something to paint. */
  private listeners: vscode.Disposable[] = [];
  /** The weights asked for last: a newer request cancels it. */
  private request?: vscode.CancellationTokenSource;

  constructor(private readonly panels: AttentionPanelManager) {
    super();
    this.register(panels.onDidChangeCurrentAnalysis(() => this.update()));
    this.register({ dispose: () => (this.stopListening(), this.request?.cancel()) });
  }

  get state(): PaintState {
    const { options, analysis, painted, edited } = this;
    return { options, edited, ...(analysis ? { analysis, head: this.head(analysis) } : {}), ...(painted ? { painted } : {}) };
  }

  /** Paints otherwise: the same token again (wherever the cursor is now), or nothing when turned off. */
  setOptions(change: Partial<PaintOptions>): void {
    this.options = { ...this.options, ...change };
    if ('head' in change && change.head === undefined) this.options = { enabled: this.options.enabled, direction: this.options.direction };
    this.update();
  }

  /** Removes the paint; the next token the cursor goes to is painted again. */
  clear(): void {
    this.request?.cancel();
    this.request = undefined;
    this.painted = undefined;
    this.decorations.clear();
    this.hover.hide();
    this.fireState();
  }

  /** The painted token at `position` of `document`, with its weight; undefined where nothing is painted. */
  paintedAt(document: vscode.TextDocument, position: vscode.Position): { painted: Painted; token: PaintedToken } | undefined {
    const { painted, span } = this;
    if (!painted || !span || document.uri.toString() !== painted.analysis.source?.uri.toString()) return undefined;
    const tokens = painted.analysis.view.tokens;
    const at = tokenAt(tokens, document.offsetAt(position) - span.start);
    const token = at === undefined ? undefined : painted.tokens.find((candidate) => candidate.index === at);
    return token && { painted, token };
  }

  /** The analysed text's range in `document`, for a hover's range. */
  tokenRange(document: vscode.TextDocument, index: number): vscode.Range | undefined {
    const token = this.painted?.analysis.view.tokens[index];
    if (!token || !this.span) return undefined;
    return new vscode.Range(document.positionAt(this.span.start + token.start), document.positionAt(this.span.start + token.end));
  }

  /** What the current panel shows changed (or the panel): paint it, or stop. */
  private update(): void {
    const panel = this.panels.currentPanel;
    const analysis = panel?.analysis;
    const previous = this.painted;
    // Another head or layer of the same analysis keeps the text's place (moved by edits before it) and its edited state.
    const sameText = analysis?.source !== undefined && analysis.source === this.analysis?.source;
    this.panel = panel;
    this.analysis = analysis?.source ? analysis : undefined;
    if (!sameText) {
      this.span = this.analysis && this.sourceSpan(this.analysis);
      this.edited = false;
    }
    if (this.options.head !== undefined && this.analysis && typeof this.options.head === 'number' && this.options.head >= this.analysis.view.config.heads) {
      this.options = { enabled: this.options.enabled, direction: this.options.direction }; // that head is not in this analysis
    }
    this.clear();
    if (!this.analysis || !this.span || !this.options.enabled) {
      this.stopListening();
      return;
    }
    this.startListening();
    // The same token again (another head or layer), else the one under the cursor.
    const again = sameText && previous && this.analysis.view.tokens.findIndex((token) => {
      const was = previous.analysis.view.tokens[previous.from];
      return token.start === was.start && token.end === was.end;
    });
    if (typeof again === 'number' && again >= 0) void this.paint(again);
    else this.paintAtCursor(vscode.window.activeTextEditor);
  }

  /** The span of the analysed text in its open document, if it is still the version analysed. */
  private sourceSpan(analysis: ShownAnalysis): Span | undefined {
    const source = analysis.source!;
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === source.uri.toString());
    if (!document || document.version !== source.version) return undefined;
    return { start: source.offset, end: source.offset + analysis.view.text.length };
  }

  private startListening(): void {
    if (this.listeners.length > 0) return;
    this.listeners = [
      vscode.window.onDidChangeTextEditorSelection((event) => this.paintAtCursor(event.textEditor)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()),
    ];
  }

  private stopListening(): void {
    disposeAll(this.listeners);
  }

  private isSource(document: vscode.TextDocument): boolean {
    return document.uri.toString() === this.analysis?.source?.uri.toString();
  }

  /** A cursor (an empty selection) on a token of the analysed text paints from it. */
  private paintAtCursor(editor: vscode.TextEditor | undefined): void {
    const { analysis, span } = this;
    if (!editor || !analysis || !span || !this.isSource(editor.document) || !editor.selection.isEmpty) return;
    const offset = editor.document.offsetAt(editor.selection.active);
    if (offset < span.start || offset > span.end) return;
    const index = tokenAt(analysis.view.tokens, offset - span.start);
    if (index === undefined || (this.painted?.from === index && this.painted.analysis === analysis)) return;
    void this.paint(index);
  }

  private head(analysis: ShownAnalysis): HeadChoice {
    return this.options.head ?? analysis.head;
  }

  private async paint(from: number): Promise<void> {
    const { analysis, panel } = this;
    if (!analysis || !panel) return;
    this.request?.cancel();
    const request = (this.request = new vscode.CancellationTokenSource());
    const n = analysis.view.tokens.length;
    const head = this.head(analysis);
    const { direction } = this.options;
    const rect = direction === 'from' ? { head, row0: from, col0: 0, rows: 1, cols: n } : { head, row0: 0, col0: from, rows: n, cols: 1 };
    let weights: ArrayLike<number>;
    try {
      weights = await panel.exactWeights(rect, request.token);
    } catch (error) {
      if (!request.token.isCancellationRequested) warn(error);
      return;
    } finally {
      request.dispose();
      if (this.request === request) this.request = undefined;
    }
    if (request.token.isCancellationRequested || this.analysis !== analysis || !this.span) return;
    const tokens = analysis.view.tokens;
    this.painted = { analysis, from, direction, head, tokens: paintLevels(weights, (i) => tokens[i].start < tokens[i].end) };
    this.redraw();
    this.hover.show(analysis.source!.uri);
    this.fireState();
  }

  /** Where the paint is in `document` (the painted one): each token's range and level, and the token it comes from. */
  paintedRanges(document: vscode.TextDocument): PaintedRanges | undefined {
    const { painted, span } = this;
    if (!painted || !span || !this.isSource(document)) return undefined;
    const tokens = painted.analysis.view.tokens;
    const range = (index: number) => new vscode.Range(document.positionAt(span.start + tokens[index].start), document.positionAt(span.start + tokens[index].end));
    return { tokens: painted.tokens.map((token) => ({ range: range(token.index), level: token.level })), from: range(painted.from) };
  }

  /** Draws what is painted in every visible editor of the document (an editor shown again has lost it). */
  private redraw(): void {
    const editors = vscode.window.visibleTextEditors.filter((editor) => this.isSource(editor.document));
    const ranges = editors.length > 0 ? this.paintedRanges(editors[0].document) : undefined;
    if (ranges) this.decorations.apply(editors, ranges);
  }

  /** Edits before the analysed text move it; an edit in it (or at its ends) ends the paint until the next analysis. */
  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    if (!this.span || event.contentChanges.length === 0 || !this.isSource(event.document)) return;
    const edits = event.contentChanges.map((change) => ({ rangeOffset: change.rangeOffset, rangeLength: change.rangeLength, textLength: change.text.length }));
    this.span = shiftSpan(this.span, edits);
    if (this.span) return;
    this.edited = true;
    this.stopListening();
    this.clear();
  }

  private fireState(): void {
    this.stateEmitter.fire(this.state);
  }
}

function warn(error: unknown): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('Attention Explorer: the attention could not be painted: {0}', (error as Error).message));
}
