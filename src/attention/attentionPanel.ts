/**
 * One open attention panel: computes an analysis in a worker, shows it, and replaces it when a
 * newer one is asked for. It owns its computation and everything it registers, and is disposed
 * with its webview panel.
 */
import * as vscode from 'vscode';
import { InputError } from '../common/attention/analysis';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { tokenize } from '../common/attention/tokenizer';
import { parseWebviewMessage, type HostMessage, type NoteSection, type WebviewMessage } from '../common/protocol/attentionPanel';
import { attentionPanelHtml } from '../host/webview/webviewSecurity';
import { WebviewPanelHost } from '../host/webview/webviewPanelHost';
import { CancelledError, type AnalysisRunner } from './analysisRunner';

/** After this long, an analysis shows a progress notification that can cancel it. */
const SLOW_ANALYSIS_MS = 500;

export interface AttentionPanelServices {
  readonly extensionUri: vscode.Uri;
  readonly runner: AnalysisRunner;
  /** The chapter's notes shown beside the heatmap. */
  attentionNotes(): Promise<NoteSection[]>;
  openSection(sectionId: string): Thenable<unknown>;
  readonly log: vscode.LogOutputChannel;
}

export class AttentionPanel extends WebviewPanelHost<HostMessage, WebviewMessage> {
  static readonly viewType = 'attentionExplorer.attention';

  private computation?: vscode.CancellationTokenSource;

  constructor(panel: vscode.WebviewPanel, private readonly services: AttentionPanelServices) {
    super(panel, services.extensionUri, { html: (webview) => attentionPanelHtml(webview, services.extensionUri), parse: parseWebviewMessage }, services.log);
    this.register({ dispose: () => this.computation?.cancel() });
  }

  /** Shows a message in place of an analysis (a state that could not be restored, say). */
  showError(message: string): void {
    void this.show({ type: 'error', message });
  }

  /**
   * Computes the analysis and shows it; resolves to what was shown, or undefined when it was
   * replaced, cancelled or failed. `totalTokens`: the size of the whole selection, when known.
   */
  async compute(request: AnalysisRequest, totalTokens?: number): Promise<AttentionView | undefined> {
    this.computation?.cancel(); // a newer request wins
    const source = new vscode.CancellationTokenSource();
    this.computation = source;
    const superseded = () => source.token.isCancellationRequested || this.isDisposed;
    this.panel.title = vscode.l10n.t('Attention: {0}', request.sourceName);
    void this.show({ type: 'computing', sourceName: request.sourceName, tokenCount: tokenize(request.text, request.maxTokens).length });
    try {
      const analysed = await this.withProgress(this.services.runner.run(request, source.token), source);
      if (superseded()) return undefined;
      const notes = await this.services.attentionNotes().catch((error: unknown) => {
        this.services.log.error('the chapter notes could not be loaded', error);
        return [];
      });
      if (superseded()) return undefined;
      const view = totalTokens !== undefined && totalTokens > analysed.tokens.length ? { ...analysed, totalTokens } : analysed;
      const delivered = await this.show({ type: 'analysis', view, notes });
      this.services.log.info(`${view.tokens.length} tokens of ${request.sourceName} computed in ${view.elapsedMs} ms${delivered ? ' and shown' : ''}`);
      return view;
    } catch (error) {
      if (error instanceof CancelledError) {
        this.services.log.info(`analysis of ${request.sourceName} cancelled`);
        if (this.computation === source && !this.isDisposed) this.showError(vscode.l10n.t('The analysis was cancelled.'));
        return undefined;
      }
      const message =
        error instanceof InputError
          ? vscode.l10n.t('Attention Explorer: {0}', error.message)
          : vscode.l10n.t('Attention Explorer could not compute attention: {0}', (error as Error).message);
      this.services.log.error(error as Error);
      if (!superseded()) this.showError(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    } finally {
      source.dispose();
      if (this.computation === source) this.computation = undefined;
    }
  }

  protected onMessage(message: WebviewMessage): void {
    if (message.type === 'openSection') void this.services.openSection(message.sectionId);
  }

  protected undeliverable(error: Error): HostMessage {
    return { type: 'error', message: vscode.l10n.t('The result could not be shown: {0}', error.message) };
  }

  /** Most analyses take well under a second: only a slow one gets a notification with Cancel. */
  private async withProgress<T>(running: Promise<T>, source: vscode.CancellationTokenSource): Promise<T> {
    const slow = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Computing attention…'), cancellable: true }, (_progress, token) => {
        token.onCancellationRequested(() => source.cancel());
        return running.catch(() => undefined);
      });
    }, SLOW_ANALYSIS_MS);
    try {
      return await running;
    } finally {
      clearTimeout(slow);
    }
  }
}
