/**
 * "Attention Explorer: Attention Paint…" (also the status bar item's click): a quick pick to paint
 * attention from the token or to it, for the head the panel shows or another, to clear the paint,
 * or to turn painting off and on. A model's layer is the one the panel shows.
 */
import * as vscode from 'vscode';
import type { HeadChoice } from '../../common/protocol/attentionPanel';
import type { Command } from '../../host/commandManager';
import type { DocumentPaint, PaintOptions } from './documentPaint';
import { headName } from './paintLabels';

type Choice = vscode.QuickPickItem & { readonly apply?: () => void };

export class PaintQuickPickCommand implements Command {
  static readonly id = 'attentionExplorer.paintOptions';
  readonly id = PaintQuickPickCommand.id;

  constructor(private readonly paint: DocumentPaint) {}

  async execute(): Promise<void> {
    const { analysis, options, painted } = this.paint.state;
    const current = vscode.l10n.t('current');
    const mark = (on: boolean) => (on ? { description: current } : {});
    const set = (change: Partial<PaintOptions>) => () => this.paint.setOptions(change);
    const items: Choice[] = [];
    if (analysis) {
      items.push(
        { label: vscode.l10n.t('Direction'), kind: vscode.QuickPickItemKind.Separator },
        { label: `$(arrow-right) ${vscode.l10n.t('From the token: the attention it pays (its row)')}`, ...mark(options.direction === 'from'), apply: set({ direction: 'from' }) },
        { label: `$(arrow-left) ${vscode.l10n.t('To the token: the attention paid to it (its column)')}`, ...mark(options.direction === 'to'), apply: set({ direction: 'to' }) },
        { label: vscode.l10n.t('Head'), kind: vscode.QuickPickItemKind.Separator },
        { label: vscode.l10n.t('The head the panel shows ({0})', headName(analysis.head)), ...mark(options.head === undefined), apply: set({ head: undefined }) },
        ...(['average', 'maximum', ...Array.from({ length: analysis.view.config.heads }, (_, i) => i)] as HeadChoice[]).map((head) => ({
          label: capitalised(headName(head)),
          ...mark(options.head === head),
          apply: set({ head }),
        })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
      );
      if (painted) items.push({ label: `$(clear-all) ${vscode.l10n.t('Clear the Paint')}`, apply: () => this.paint.clear() });
    }
    items.push(
      options.enabled
        ? { label: `$(circle-slash) ${vscode.l10n.t('Turn Painting Off')}`, apply: set({ enabled: false }) }
        : { label: `$(paintcan) ${vscode.l10n.t('Turn Painting On')}`, apply: set({ enabled: true }) },
    );
    const choice = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Attention Paint'),
      placeHolder: analysis ? vscode.l10n.t('What the cursor\'s token paints on the document') : vscode.l10n.t('Run Show Attention on a selection to paint its attention'),
    });
    choice?.apply?.();
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
