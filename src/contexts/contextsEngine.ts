/**
 * What Compare Contexts computes with, read from the settings as Show Attention reads them: the
 * built-in engine's analysis settings, and the model folder when `attentionExplorer.model` names one.
 */
import * as vscode from 'vscode';
import type { AttentionConfig } from '../common/attention/config';
import type { ModelRef } from '../common/models/view/modelView';
import { openSettings, readAnalysisSettings, readSetting, SETTINGS, SettingError } from '../host/settings';
import { showModelError } from '../models/chooseModelCommand';
import { modelFolderUri, modelName, modelRef, ModelSettingError } from '../models/modelFolders';

export interface ContextsEngineChoice {
  readonly config: AttentionConfig;
  readonly maxTokens: number;
  readonly model?: ModelRef;
}

/** The settings' engine; throws SettingError or ModelSettingError (see showEngineError). */
export async function readContextsEngine(home: vscode.Uri | undefined): Promise<ContextsEngineChoice> {
  const { config, maxTokens } = readAnalysisSettings();
  const uri = modelFolderUri(readSetting(SETTINGS.model), home);
  const model = uri && modelRef(uri, await modelName(uri));
  return { config, maxTokens, ...(model ? { model } : {}) };
}

/** Tells the user what is wrong with the settings, with the way to fix it; false for an error that is not theirs. */
export function showEngineError(error: unknown, extensionId: string): boolean {
  if (error instanceof ModelSettingError) {
    showModelError(vscode.l10n.t('Attention Explorer settings: {0}', error.message));
    return true;
  }
  if (!(error instanceof SettingError)) return false;
  const open = vscode.l10n.t('Open Settings');
  void vscode.window.showErrorMessage(vscode.l10n.t('Attention Explorer settings: {0}', error.message), open).then((choice) => choice === open && openSettings(extensionId));
  return true;
}
