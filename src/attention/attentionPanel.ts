/**
 * One open attention panel: computes an analysis in its worker, shows it, answers the steps view's
 * requests for a head's intermediates (as typed arrays), recomputes with another mask or positional
 * encoding when the page asks, and highlights a token in its editor. It owns its worker and
 * everything it registers, and is disposed with its webview panel.
 */
import * as vscode from 'vscode';
import { InputError } from '../common/attention/analysis';
import { combinedHeadsAt } from '../common/attention/headAverage';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { tokenize } from '../common/attention/tokenizer';
import type { StepsGuide } from '../common/chapter/stepsGuide';
import { parseWebviewMessage, type HeadChoice, type HostMessage, type ModelRef, type NoteSection, type PanelTab, type WebviewMessage } from '../common/protocol/attentionPanel';
import type { TileRect } from '../common/protocol/worker';
import { attentionPanelHtml } from '../host/webview/webviewSecurity';
import { WebviewPanelHost } from '../host/webview/webviewPanelHost';
import { DEFAULT_MODEL_DISPLAY, type ModelDisplay } from '../common/models/view/modelView';
import { showModelError } from '../models/chooseModelCommand';
import { ModelSettingError, workerModel } from '../models/modelFolders';
import { AnalysisSession, CancelledError, type WorkerPool } from './analysisSession';
import { SourceHighlight, type SourceText } from './sourceHighlight';
import { exportAnalysis } from './export/exportAnalysis';
import { compareFromPanel } from '../contexts/compareFromPanel';

/** After this long, an analysis shows a progress notification that can cancel it. */
const SLOW_ANALYSIS_MS = 500;

export interface AttentionPanelServices {
  readonly extensionUri: vscode.Uri;
  readonly workers: WorkerPool;
  /** The chapter's notes shown beside the heatmap. */
  attentionNotes(): Promise<NoteSection[]>;
  /** The chapter's words for the steps view. */
  stepsGuide(): Promise<StepsGuide | undefined>;
  openSection(sectionId: string): Thenable<unknown>;
  readonly log: vscode.LogOutputChannel;
}

/** Where an analysis comes from, besides its text: for highlighting tokens and for the first view. */
export interface ComputeOptions {
  /** The size of the whole selection, when only its first tokens are analysed. */
  readonly totalTokens?: number;
  readonly source?: SourceText;
  readonly tab?: PanelTab;
  /** How a model's analysis is first shown (a restored panel's layer and toggles). */
  readonly display?: ModelDisplay;
}

/** What a panel shows now, as the page shows it: for painting it on the document and for export. */
export interface ShownAnalysis {
  /** Names the analysis: a message about an older one is ignored. */
  readonly analysisId: number;
  readonly view: AttentionView;
  readonly request: AnalysisRequest;
  /** The document and place the text came from (absent for text that came from no editor). */
  readonly source?: SourceText;
  /** The head the heatmap shows (the page tells on every change). */
  readonly head: HeadChoice;
  /** The pretrained model that computed it; the built-in engine's when absent. */
  readonly model?: ModelRef;
}

export class AttentionPanel extends WebviewPanelHost<HostMessage, WebviewMessage> {
  static readonly viewType = 'attentionExplorer.attention';

  private readonly session: AnalysisSession;
  private readonly highlight = this.register(new SourceHighlight());
  private computation?: vscode.CancellationTokenSource;
  private analysisId = 0;
  /** What is shown now, for recomputing it with other toggles. */
  private shownRequest?: { request: AnalysisRequest; options: ComputeOptions; view: AttentionView };
  /** The head the page shows (told by its "headShown" messages). */
  private shownHead: HeadChoice = 'average';
  private readonly shownEmitter = this.register(new vscode.EventEmitter<ShownAnalysis | undefined>());
  /** Fires when what the panel shows changes: a new analysis, another head, an error in its place, the panel closed (undefined). */
  readonly onDidChangeShown = this.shownEmitter.event;

  constructor(panel: vscode.WebviewPanel, private readonly services: AttentionPanelServices) {
    super(panel, services.extensionUri, { html: (webview) => attentionPanelHtml(webview, services.extensionUri), parse: parseWebviewMessage }, services.log);
    this.session = new AnalysisSession(services.workers.spawn, services.workers.parallelism);
    this.register({ dispose: () => (this.computation?.cancel(), this.session.stop()) });
  }

  /** Whether an analysis is shown (not an error or progress). */
  get hasAnalysis(): boolean {
    return this.shownRequest !== undefined;
  }

  /** The analysis on screen and the head shown; undefined while none is (computing, an error). */
  get analysis(): ShownAnalysis | undefined {
    const shown = this.shownRequest;
    if (!shown || this.computation) return undefined;
    const { request, options, view } = shown;
    return { analysisId: this.analysisId, view, request, head: this.shownHead, ...(options.source ? { source: options.source } : {}), ...(request.model ? { model: request.model } : {}) };
  }

  /**
   * Exact weights of a rectangle of the analysis shown (row-major): sliced from the view when it
   * has every head's N × N matrix; asked of the workers for a long selection (its view has overviews).
   */
  async exactWeights(rect: TileRect, token: vscode.CancellationToken): Promise<ArrayLike<number>> {
    const view = this.shownRequest?.view;
    if (!view) throw new Error('there is no analysis to read weights from');
    if (view.overview) return (await this.session.tile(rect, token)).values;
    const n = view.tokens.length;
    const { head } = rect;
    // Only the rectangle's cells (a row painted on the document costs N · H, not N² · H), the
    // average and maximum as the page computes them, so that the numbers are the heatmap's.
    const cell = (i: number) => (typeof head === 'number' ? view.weights[head][i] : combinedHeadsAt(view.weights, head, i));
    const values = new Array<number>(rect.rows * rect.cols);
    for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) values[r * rect.cols + c] = cell((rect.row0 + r) * n + rect.col0 + c);
    return values;
  }

  /** Shows a message in place of an analysis (a state that could not be restored, say). */
  showError(message: string): void {
    this.shownRequest = undefined;
    this.shownEmitter.fire(undefined);
    void this.show({ type: 'error', message });
  }

  override dispose(): void {
    if (!this.isDisposed) this.shownEmitter.fire(undefined);
    super.dispose();
  }

  /** Stops the analysis under way, if any (its workers at once); whether there was one. */
  cancelComputation(): boolean {
    if (!this.computation) return false;
    this.computation.cancel();
    return true;
  }

  /** Switches the page to one of its views. */
  reveal(tab: PanelTab): void {
    void this.post({ type: 'reveal', tab });
  }

  /** Computes the analysis and shows it; resolves to what was shown, or undefined when it was replaced, cancelled or failed. */
  async compute(request: AnalysisRequest, options: ComputeOptions = {}): Promise<AttentionView | undefined> {
    this.computation?.cancel(); // a newer request wins
    const source = new vscode.CancellationTokenSource();
    this.computation = source;
    const analysisId = ++this.analysisId;
    const started = performance.now();
    computing.start();
    this.shownEmitter.fire(undefined);
    const superseded = () => source.token.isCancellationRequested || this.isDisposed;
    this.highlight.clear();
    this.panel.title = vscode.l10n.t('Attention: {0}', request.sourceName);
    const tokenCount = tokenize(request.text, request.maxTokens).length;
    void this.show({ type: 'computing', sourceName: request.sourceName, tokenCount, ...(request.model ? { model: request.model.name } : {}) });
    try {
      const done = new WorkDone(request.model ? 'layer' : 'head');
      const report = (count: number, total: number) => done.report(count, total);
      const running = request.model ? this.runModel(request, options, source.token, report) : this.session.analyse(request, tokenCount, source.token, report);
      const analysed = await this.withProgress(running, source, done);
      const computed = performance.now();
      if (superseded()) return undefined;
      const [notes, guide] = await this.chapterWords();
      if (superseded()) return undefined;
      const { totalTokens } = options;
      const view = totalTokens !== undefined && totalTokens > analysed.tokens.length ? { ...analysed, totalTokens } : analysed;
      this.shownRequest = { request, options: { ...options, totalTokens: view.totalTokens, display: view.model?.display }, view };
      this.highlight.setSource(options.source, view.tokens);
      if (this.computation === source) this.computation = undefined; // done: what is shown may be read now
      this.shownEmitter.fire(this.analysis);
      const postStarted = performance.now();
      const delivered = await this.show({ type: 'analysis', analysisId, view, notes, ...(guide ? { guide } : {}), ...(options.tab ? { tab: options.tab } : {}), ...(request.model ? { model: request.model } : {}) });
      const ms = (from: number, to = performance.now()) => Math.round(to - from);
      this.services.log.info(
        `${view.tokens.length} tokens of ${request.sourceName} computed in ${view.elapsedMs} ms${delivered ? ' and shown' : ''}: ` +
          `${ms(started, computed)} ms in the worker and on the way, ${ms(computed, postStarted)} ms for the notes, ${ms(postStarted)} ms posting`,
      );
      return view;
    } catch (error) {
      if (error instanceof CancelledError) {
        this.services.log.info(`analysis of ${request.sourceName} cancelled`);
        if (this.computation === source && !this.isDisposed) this.showError(vscode.l10n.t('The analysis was cancelled.'));
        return undefined;
      }
      const message =
        error instanceof InputError || error instanceof ModelSettingError
          ? vscode.l10n.t('Attention Explorer: {0}', error.message)
          : vscode.l10n.t('Attention Explorer could not compute attention: {0}', (error as Error).message);
      this.services.log.error(error as Error);
      if (!superseded()) this.showError(message);
      if (request.model) showModelError(message);
      else void vscode.window.showErrorMessage(message);
      return undefined;
    } finally {
      source.dispose();
      computing.end();
      if (this.computation === source) this.computation = undefined;
    }
  }

  protected async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'openSection':
        await this.services.openSection(message.sectionId);
        break;
      case 'requestSteps':
        await this.sendSteps(message.analysisId, message.head);
        break;
      case 'requestTile':
        await this.sendTile(message);
        break;
      case 'recompute': {
        const shown = this.shownRequest;
        if (!shown || this.computation) return; // nothing shown, or a computation already under way
        const config = { ...shown.request.config, mask: message.mask, positional: message.positional };
        await this.compute({ ...shown.request, config }, { ...shown.options, tab: undefined });
        break;
      }
      case 'modelDisplay':
        await this.sendModelDisplay(message.analysisId, message.display);
        break;
      case 'highlightToken':
        this.highlight.show(message.index);
        break;
      case 'headShown':
        if (message.analysisId !== this.analysisId || !this.shownRequest || (typeof message.head === 'number' && message.head >= this.shownRequest.view.config.heads)) return;
        this.shownHead = message.head;
        this.shownEmitter.fire(this.analysis);
        break;
      case 'export':
        await exportAnalysis({ analysis: this.analysis, exactWeights: (rect, token) => this.exactWeights(rect, token), cliFile: (...asked) => this.session.exportFile(...asked), log: this.services.log }, message);
        break;
      case 'compareContexts':
        await compareFromPanel(this.analysis, message);
        break;
    }
  }

  /** The chapter's notes and steps guide for the page; none (logged) when the chapter cannot be read. */
  private chapterWords(): Promise<readonly [NoteSection[], StepsGuide | undefined]> {
    return Promise.all([this.services.attentionNotes(), this.services.stepsGuide()]).catch((error: unknown) => {
      this.services.log.error('the chapter notes could not be loaded', error);
      return [[], undefined] as const;
    });
  }

  /** A model's run in the worker, shown first as `options.display` says (else as the last model analysis was). */
  private async runModel(request: AnalysisRequest, options: ComputeOptions, token: vscode.CancellationToken, onLayer: (done: number, total: number) => void): Promise<AttentionView> {
    const { model, transfer } = await workerModel(request.model!, this.services.workers);
    const display = options.display ?? this.shownRequest?.view.model?.display ?? DEFAULT_MODEL_DISPLAY;
    return this.session.model(request, model, display, token, onLayer, transfer);
  }

  /** The shown model analysis another way: a new analysis message (the page draws it like any). */
  private async sendModelDisplay(analysisId: number, display: ModelDisplay): Promise<void> {
    const shown = this.shownRequest;
    if (analysisId !== this.analysisId || this.computation || !shown?.view.model) return;
    const source = new vscode.CancellationTokenSource();
    try {
      const view = await this.session.modelDisplay(display, source.token);
      if (analysisId !== this.analysisId || this.isDisposed) return;
      const [notes, guide] = await this.chapterWords();
      const id = ++this.analysisId;
      this.shownRequest = { ...shown, options: { ...shown.options, display: view.model?.display }, view };
      this.highlight.setSource(shown.options.source, view.tokens);
      this.shownEmitter.fire(this.analysis);
      await this.show({ type: 'analysis', analysisId: id, view, notes, ...(guide ? { guide } : {}), ...(shown.request.model ? { model: shown.request.model } : {}) });
    } catch (error) {
      if (error instanceof CancelledError) return;
      this.services.log.error('a model display could not be made', error);
      this.showError(vscode.l10n.t('Attention Explorer could not compute attention: {0}', (error as Error).message));
    } finally {
      source.dispose();
    }
  }

  protected override onReady(): void {
    this.highlight.clear();
  }

  protected undeliverable(error: Error): HostMessage {
    return { type: 'error', message: vscode.l10n.t('The result could not be shown: {0}', error.message) };
  }

  /** A head's steps, for the analysis the page shows; nothing when the page asks about an older one. */
  private async sendSteps(analysisId: number, head: number): Promise<void> {
    if (analysisId !== this.analysisId || this.computation || !this.shownRequest) return;
    const source = new vscode.CancellationTokenSource();
    try {
      const data = await this.session.steps(head, source.token, this.shownRequest.view.model?.display.layer);
      if (analysisId === this.analysisId && !this.isDisposed) await this.post({ type: 'steps', analysisId, data });
    } catch (error) {
      if (error instanceof CancelledError) return;
      this.services.log.error(`the steps of head ${head + 1} could not be computed`, error);
      if (analysisId === this.analysisId) await this.post({ type: 'stepsFailed', analysisId, message: vscode.l10n.t('The steps of head {0} could not be computed: {1}', head + 1, (error as Error).message) });
    } finally {
      source.dispose();
    }
  }

  /** Exact weights of a long selection's rectangle, for the heatmap zoomed in on it. */
  private async sendTile(rect: Extract<WebviewMessage, { type: 'requestTile' }>): Promise<void> {
    const { analysisId, head, row0, col0, rows, cols } = rect;
    const view = this.shownRequest?.view;
    if (analysisId !== this.analysisId || this.computation || !view?.overview) return;
    const n = view.tokens.length;
    if (row0 + rows > n || col0 + cols > n || (typeof head === 'number' && head >= view.config.heads)) return; // a page that asks for what is not there gets nothing
    const source = new vscode.CancellationTokenSource();
    try {
      const tile = await this.session.tile({ head, row0, col0, rows, cols }, source.token);
      if (analysisId === this.analysisId && !this.isDisposed) await this.post({ type: 'tile', analysisId, tile });
    } catch (error) {
      if (error instanceof CancelledError) return;
      this.services.log.error('an exact tile could not be computed', error);
      if (analysisId === this.analysisId) await this.post({ type: 'tileFailed', analysisId, message: vscode.l10n.t('The exact weights could not be computed: {0}', (error as Error).message) });
    } finally {
      source.dispose();
    }
  }

  /**
   * Most analyses take well under a second: only a slow one gets a notification, which counts the
   * heads done and whose Cancel stops the worker at once.
   */
  private async withProgress<T>(running: Promise<T>, source: vscode.CancellationTokenSource, heads: WorkDone): Promise<T> {
    const slow = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Computing attention…'), cancellable: true }, (progress, token) => {
        token.onCancellationRequested(() => source.cancel());
        heads.attach(progress);
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

/** The context key `attentionExplorer.computing`: true while any panel computes (for the Cancel command's menu entry). */
const computing = new (class {
  private count = 0;
  start(): void {
    if (this.count++ === 0) void vscode.commands.executeCommand('setContext', 'attentionExplorer.computing', true);
  }
  end(): void {
    if (--this.count === 0) void vscode.commands.executeCommand('setContext', 'attentionExplorer.computing', false);
  }
})();

/** The heads (or a model's layers) done so far, shown in the progress notification once there is one. */
class WorkDone {
  private done = 0;
  private total = 0;
  private progress?: vscode.Progress<{ message?: string; increment?: number }>;

  constructor(private readonly unit: 'head' | 'layer') {}

  report(done: number, total: number): void {
    const increment = total > 0 ? ((done - this.done) / total) * 100 : 0;
    this.done = done;
    this.total = total;
    this.progress?.report({ message: this.message(), increment });
  }

  /** The notification appeared: it starts where the analysis is. */
  attach(progress: vscode.Progress<{ message?: string; increment?: number }>): void {
    this.progress = progress;
    if (this.total > 0) progress.report({ message: this.message(), increment: (this.done / this.total) * 100 });
  }

  private message(): string {
    return this.unit === 'layer' ? vscode.l10n.t('layer {0} of {1} done', this.done, this.total) : vscode.l10n.t('head {0} of {1} done', this.done, this.total);
  }
}
