/**
 * The attention panel is one panel, reused for every analysis (like the Markdown preview), so
 * running Show Attention again updates it instead of piling up tabs. This owns the open panel, and
 * brings back a panel VS Code restores after a window reload, from its checked saved state.
 */
import * as vscode from 'vscode';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { parseWebviewState } from '../common/protocol/attentionPanel';
import { Disposable } from '../host/dispose';
import { webviewOptions } from '../host/webview/webviewSecurity';
import { AttentionPanel, type AttentionPanelServices, type ComputeOptions } from './attentionPanel';

export class AttentionPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  /** Every open panel (a window reload can restore more than one); `current` is the one reused. */
  private readonly panels = new Set<AttentionPanel>();
  private current?: AttentionPanel;
  private readonly currentEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the panel reused changes, or what it shows does (an analysis, its head or layer; none while computing). */
  readonly onDidChangeCurrentAnalysis = this.currentEmitter.event;

  constructor(private readonly services: AttentionPanelServices) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(AttentionPanel.viewType, this));
    this.register({ dispose: () => [...this.panels].forEach((panel) => panel.dispose()) });
  }

  /** The panel the next analysis goes to, whose analysis is painted on the document. */
  get currentPanel(): AttentionPanel | undefined {
    return this.current;
  }

  /** Computes the analysis in the panel (opened beside the editor if none is open); resolves to what was shown. */
  show(request: AnalysisRequest, options: ComputeOptions = {}): Promise<AttentionView | undefined> {
    if (this.current) {
      this.current.panel.reveal(this.current.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return this.current.compute(request, options);
    }
    const panel = vscode.window.createWebviewPanel(
      AttentionPanel.viewType,
      vscode.l10n.t('Attention'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.services.extensionUri),
    );
    return this.adopt(panel).compute(request, options);
  }

  /** Stops every analysis under way; false when none was. */
  cancelComputations(): boolean {
    let cancelled = false;
    for (const panel of this.panels) cancelled = panel.cancelComputation() || cancelled;
    return cancelled;
  }

  /** Shows the steps view of the analysis on screen; false when no panel shows one. */
  revealSteps(): boolean {
    if (!this.current?.hasAnalysis) return false;
    this.current.panel.reveal(this.current.panel.viewColumn ?? vscode.ViewColumn.Beside, false);
    this.current.reveal('steps');
    return true;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const attention = this.adopt(panel);
    if (saved === undefined || saved === null) return; // closed before anything was analysed
    const state = parseWebviewState(saved);
    if (!state) {
      this.services.log.warn('the attention panel\'s saved state is not valid; it was not restored');
      attention.showError(vscode.l10n.t('This panel\'s saved analysis could not be restored. Select text and run "Show Attention" again.'));
      return;
    }
    if (state.request) await attention.compute(state.request, { totalTokens: state.totalTokens, tab: state.tab, ...(state.model ? { display: state.model } : {}) });
  }

  private adopt(panel: vscode.WebviewPanel): AttentionPanel {
    const attention = new AttentionPanel(panel, this.services);
    this.panels.add(attention);
    this.current = attention;
    attention.onDidChangeShown(() => this.current === attention && this.currentEmitter.fire());
    attention.onDidDispose(() => {
      this.panels.delete(attention);
      if (this.current === attention) this.current = [...this.panels].pop();
      this.currentEmitter.fire();
    });
    this.currentEmitter.fire();
    return attention;
  }
}
