/**
 * One Compare Contexts panel: asks its own worker (a session of its own, so that the attention
 * panel's analysis and steps stay where they are) for the word's vectors in each sentence, and
 * shows them beside the chapter's paragraphs on the example. Disposed with its webview panel.
 */
import * as vscode from 'vscode';
import { InputError } from '../common/attention/analysis';
import type { ContextsResult } from '../common/contexts/contexts';
import { parseContextsMessage, type ContextsHostMessage, type ContextsSubject, type ContextsWebviewMessage, type NoteSection } from '../common/protocol/contexts';
import { AnalysisSession, CancelledError, type WorkerPool } from '../attention/analysisSession';
import { contextsHtml } from '../host/webview/webviewSecurity';
import { WebviewPanelHost } from '../host/webview/webviewPanelHost';
import { ModelSettingError, workerModel } from '../models/modelFolders';
import type { ContextsEngineChoice } from './contextsEngine';

export interface ContextsPanelServices {
  readonly extensionUri: vscode.Uri;
  readonly workers: WorkerPool;
  readonly log: vscode.LogOutputChannel;
  /** The chapter's section on the example (its paragraphs on 银行); undefined when it has none. */
  passage(): Promise<NoteSection | undefined>;
  openSection(sectionId: string): Thenable<unknown>;
  /** Compare the chapter's example again (the page's button). */
  compareExample(): Thenable<unknown>;
}

export class ContextsPanel extends WebviewPanelHost<ContextsHostMessage, ContextsWebviewMessage> {
  static readonly viewType = 'attentionExplorer.contexts';

  private readonly session: AnalysisSession;
  private computation?: vscode.CancellationTokenSource;

  constructor(panel: vscode.WebviewPanel, private readonly services: ContextsPanelServices) {
    super(panel, services.extensionUri, { html: (webview) => contextsHtml(webview, services.extensionUri), parse: parseContextsMessage }, services.log);
    this.session = new AnalysisSession(services.workers.spawn, 1);
    this.register({ dispose: () => (this.computation?.cancel(), this.session.stop()) });
  }

  /** Compares the subject's word across its sentences and shows it; resolves to the result, or undefined when replaced or failed. */
  async compare(subject: ContextsSubject, engine: ContextsEngineChoice): Promise<ContextsResult | undefined> {
    this.computation?.cancel(); // a newer comparison wins
    const source = new vscode.CancellationTokenSource();
    this.computation = source;
    const superseded = () => source.token.isCancellationRequested || this.isDisposed;
    this.panel.title = vscode.l10n.t('Contexts: {0}', subject.word);
    void this.show({ type: 'computing', subject });
    const { config, maxTokens, model } = engine;
    const request = { word: subject.word, sentences: subject.sentences, config, maxTokens, ...(model ? { model } : {}) };
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Comparing contexts…') }, async () => {
        if (!model) return this.session.contexts(request, undefined, source.token);
        const { model: loaded, transfer } = await workerModel(model, this.services.workers);
        return this.session.contexts(request, loaded, source.token, transfer);
      });
      if (superseded()) return undefined;
      const passage = await this.services.passage().catch((error: unknown) => {
        this.services.log.error('the chapter passage could not be loaded', error);
        return undefined;
      });
      if (superseded()) return undefined;
      await this.show({ type: 'contexts', subject, result, ...(passage ? { passage } : {}) });
      this.services.log.info(`contexts of "${subject.word}" in ${subject.sentences.length} sentences computed in ${result.elapsedMs} ms`);
      return result;
    } catch (error) {
      if (error instanceof CancelledError) return undefined;
      const message =
        error instanceof InputError || error instanceof ModelSettingError
          ? vscode.l10n.t('Attention Explorer: {0}', error.message)
          : vscode.l10n.t('Attention Explorer could not compare the contexts: {0}', (error as Error).message);
      this.services.log.error(error as Error);
      if (!superseded()) this.showError(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    } finally {
      source.dispose();
      if (this.computation === source) this.computation = undefined;
    }
  }

  /** Shows a message in place of a comparison (a state that could not be restored, say). */
  showError(message: string): void {
    void this.show({ type: 'error', message });
  }

  protected async onMessage(message: ContextsWebviewMessage): Promise<void> {
    if (message.type === 'openSection') await this.services.openSection(message.sectionId);
    else if (message.type === 'compareExample') await this.services.compareExample();
  }

  protected undeliverable(error: Error): ContextsHostMessage {
    return { type: 'error', message: vscode.l10n.t('The result could not be shown: {0}', error.message) };
  }
}
