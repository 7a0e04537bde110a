/**
 * The attention panel: one panel, reused for every analysis (like the Markdown preview), so
 * running Show Attention again updates it instead of piling up tabs.
 */
import * as vscode from 'vscode';
import { InputError } from '../common/attention/analysis';
import {
  parseWebviewMessage,
  type AnalysisRequest,
  type AttentionView,
  type HostMessage,
  type WebviewState,
} from '../common/protocol/attentionPanel';
import { tokenize } from '../common/attention/tokenizer';
import { CancelledError, type AnalysisRunner } from './analysisRunner';
import type { ChapterStore } from '../chapter/chapterStore';
import { attentionPanelHtml, webviewOptions } from '../host/webview/webviewSecurity';

/** After this long, an analysis shows a progress notification that can cancel it. */
const SLOW_ANALYSIS_MS = 500;

export class AttentionPanel implements vscode.Disposable {
  static readonly viewType = 'attentionExplorer.attention';

  private panel?: vscode.WebviewPanel;
  private ready = false;
  /** The last message, re-sent whenever the webview (re)loads: hidden panels lose their DOM. */
  private current?: HostMessage;
  private computation?: vscode.CancellationTokenSource;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runner: AnalysisRunner,
    private readonly chapter: ChapterStore,
    private readonly openSection: (sectionId: string) => Thenable<unknown>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Computes the analysis and shows it; resolves to what was shown, or undefined if it was not. */
  async show(request: AnalysisRequest): Promise<AttentionView | undefined> {
    this.reveal();
    return this.compute(request);
  }

  /** Takes over a panel VS Code restored after a window reload, and recomputes what it showed. */
  async restore(panel: vscode.WebviewPanel, state: WebviewState | undefined): Promise<void> {
    this.attach(panel);
    if (state?.request) await this.compute(state.request);
  }

  dispose(): void {
    this.computation?.cancel();
    this.panel?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private reveal(): void {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      AttentionPanel.viewType,
      'Attention',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.onDidDispose(
      () => {
        this.computation?.cancel();
        if (this.panel === panel) this.panel = undefined;
        this.current = undefined;
      },
      undefined,
      this.disposables,
    );
    panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw), undefined, this.disposables);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'attention.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = attentionPanelHtml(panel.webview, this.extensionUri);
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // not ours, or malformed: ignore rather than trust
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.current) void this.panel?.webview.postMessage(this.current);
        break;
      case 'openSection':
        void this.openSection(message.sectionId);
        break;
    }
  }

  private post(message: HostMessage): void {
    this.current = message;
    if (this.ready) void this.panel?.webview.postMessage(message);
  }

  private async compute(request: AnalysisRequest): Promise<AttentionView | undefined> {
    this.computation?.cancel(); // a newer request wins
    const source = new vscode.CancellationTokenSource();
    this.computation = source;
    if (this.panel) this.panel.title = `Attention: ${request.sourceName}`;
    this.post({ type: 'computing', sourceName: request.sourceName, tokenCount: tokenize(request.text, request.maxTokens).length });
    try {
      const running = this.runner.run(request, source.token);
      // Most analyses take well under a second: only a slow one gets a notification with Cancel.
      const slow = setTimeout(() => {
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Computing attention…', cancellable: true },
          (_progress, token) => {
            token.onCancellationRequested(() => source.cancel());
            return running.catch(() => undefined);
          },
        );
      }, SLOW_ANALYSIS_MS);
      const view = await running.finally(() => clearTimeout(slow));
      if (source.token.isCancellationRequested) return undefined;
      this.post({ type: 'analysis', view, notes: await this.chapter.attentionNotes() });
      this.log.info(`${view.tokens.length} tokens of ${request.sourceName} in ${view.elapsedMs} ms`);
      return view;
    } catch (error) {
      if (error instanceof CancelledError) {
        this.log.info(`analysis of ${request.sourceName} cancelled`);
        if (this.computation === source) this.post({ type: 'error', message: 'The analysis was cancelled.' });
        return undefined;
      }
      const message = error instanceof InputError ? error.message : `Attention Explorer could not compute attention: ${(error as Error).message}`;
      this.log.error(error as Error);
      this.post({ type: 'error', message });
      void vscode.window.showErrorMessage(message);
      return undefined;
    } finally {
      source.dispose();
      if (this.computation === source) this.computation = undefined;
    }
  }
}
