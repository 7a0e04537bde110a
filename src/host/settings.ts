import * as vscode from 'vscode';
import { DEFAULT_MAX_TOKENS, HARD_MAX_TOKENS } from '../common/attention/analysis';
import { resolveConfig, type AttentionConfig } from '../common/attention/config';

export const SETTINGS_SECTION = 'attentionExplorer';

export interface AnalysisSettings {
  readonly config: AttentionConfig;
  readonly maxTokens: number;
}

/** The user's attention settings, checked: throws ConfigError with a message to show. */
export function readAnalysisSettings(): AnalysisSettings {
  const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const config = resolveConfig({
    dModel: settings.get<number>('dModel'),
    heads: settings.get<number>('heads'),
    seed: settings.get<number>('seed'),
    mask: settings.get<AttentionConfig['mask']>('mask'),
    positional: settings.get<AttentionConfig['positional']>('positional'),
  });
  const maxTokens = Math.min(Math.max(Math.floor(settings.get<number>('maxTokens') ?? DEFAULT_MAX_TOKENS), 1), HARD_MAX_TOKENS);
  return { config, maxTokens };
}

export function openSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `@ext:attention-explorer.attention-explorer`);
}
