/**
 * The Compare Contexts panel is one panel, reused (as the attention panel is): comparing again
 * updates it. This owns it and brings back the one VS Code restores after a window reload, from
 * its checked saved state, compared again with the settings as they are then.
 */
import * as vscode from 'vscode';
import type { ContextsResult } from '../common/contexts/contexts';
import { parseContextsState, type ContextsSubject } from '../common/protocol/contexts';
import { Disposable } from '../host/dispose';
import { webviewOptions } from '../host/webview/webviewSecurity';
import { readContextsEngine, showEngineError, type ContextsEngineChoice } from './contextsEngine';
import { ContextsPanel, type ContextsPanelServices } from './contextsPanel';

export interface ContextsManagerServices extends ContextsPanelServices {
  readonly extensionId: string;
  /** For `~/…` in the model setting; none on the web. */
  readonly home?: vscode.Uri;
}

export class ContextsPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  private current?: ContextsPanel;

  constructor(private readonly services: ContextsManagerServices) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(ContextsPanel.viewType, this));
    this.register({ dispose: () => this.current?.dispose() });
  }

  /** Compares in the panel (opened beside the editor if none is open). */
  show(subject: ContextsSubject, engine: ContextsEngineChoice): Promise<ContextsResult | undefined> {
    if (this.current) this.current.panel.reveal(this.current.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    else this.adopt(vscode.window.createWebviewPanel(ContextsPanel.viewType, vscode.l10n.t('Contexts'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.services.extensionUri)));
    return this.current!.compare(subject, engine);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const contexts = this.adopt(panel);
    if (saved === undefined || saved === null) return;
    const state = parseContextsState(saved);
    if (!state) {
      this.services.log.warn('the contexts panel\'s saved state is not valid; it was not restored');
      contexts.showError(vscode.l10n.t('This panel\'s saved comparison could not be restored. Run "Compare Contexts" again.'));
      return;
    }
    let engine: ContextsEngineChoice;
    try {
      engine = await readContextsEngine(this.services.home);
    } catch (error) {
      if (!showEngineError(error, this.services.extensionId)) throw error;
      contexts.showError((error as Error).message);
      return;
    }
    await contexts.compare(state.subject, engine);
  }

  private adopt(panel: vscode.WebviewPanel): ContextsPanel {
    this.current?.dispose();
    const contexts = new ContextsPanel(panel, this.services);
    this.current = contexts;
    contexts.onDidDispose(() => {
      if (this.current === contexts) this.current = undefined;
    });
    return contexts;
  }
}
