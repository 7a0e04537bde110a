/**
 * "Attention Explorer: Cancel the Analysis": stops the analysis under way at once (its workers are
 * terminated), as the progress notification's Cancel does, for the keyboard and for scripts. Shown
 * in the Command Palette only while an analysis runs (context key attentionExplorer.computing).
 */
import type { Command } from '../host/commandManager';
import type { AttentionPanelManager } from './attentionPanelManager';

export class CancelAnalysisCommand implements Command {
  static readonly id = 'attentionExplorer.cancelAnalysis';
  readonly id = CancelAnalysisCommand.id;

  constructor(private readonly panels: AttentionPanelManager) {}

  /** Whether an analysis was running. */
  execute(): boolean {
    return this.panels.cancelComputations();
  }
}
