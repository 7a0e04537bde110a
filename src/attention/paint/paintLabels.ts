/** How the paint names what it paints: the model, its layer and the head, in the user's language. */
import * as vscode from 'vscode';
import type { HeadChoice } from '../../common/protocol/attentionPanel';
import type { ShownAnalysis } from '../attentionPanel';

export function headName(head: HeadChoice): string {
  if (head === 'average') return vscode.l10n.t('average of heads');
  if (head === 'maximum') return vscode.l10n.t('maximum of heads');
  return vscode.l10n.t('head {0}', head + 1);
}

/** "built-in · head 2", or "bert-tiny · layer 3 · average of heads". */
export function headLabel(analysis: ShownAnalysis, head: HeadChoice): string {
  const model = analysis.model?.name ?? vscode.l10n.t('built-in');
  const layer = analysis.view.model ? [vscode.l10n.t('layer {0}', analysis.view.model.display.layer + 1)] : [];
  return [model, ...layer, headName(head)].join(' · ');
}
