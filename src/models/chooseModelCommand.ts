/**
 * "Attention Explorer: Choose Model…": which engine Show Attention runs. Offers the built-in
 * engine, the BERT and GPT-2 models in the local Hugging Face cache and those downloaded before,
 * "Browse…" for any folder, and "Download Model…"; a folder is checked (its config.json read)
 * before it is set in `attentionExplorer.model`, so a bad choice is said at once, not at the next
 * analysis. Args `{ folder }` (a path or URI) or `{ builtIn: true }` choose without asking.
 */
import * as vscode from 'vscode';
import { readModelInfo } from '../common/models/folder/modelFolder';
import type { ModelInfo } from '../common/models/view/modelView';
import type { Command } from '../host/commandManager';
import { readSetting, SETTINGS, SETTINGS_SECTION } from '../host/settings';
import { findCachedModels, infoOf, readIfPresent } from './cachedModels';
import { listDownloadedModels } from './download/downloadedModels';
import { BUILT_IN_MODEL, modelFolderUri, modelName, settingValueOf } from './modelFolders';

export interface ChooseModelArgs {
  readonly folder?: string;
  readonly builtIn?: boolean;
}

/** One entry of the list: a folder, or the built-in engine (no uri). */
export interface ModelChoice {
  readonly label: string;
  readonly group: 'built-in' | 'cache' | 'downloaded';
  readonly uri?: vscode.Uri;
  readonly info?: ModelInfo;
}

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice?: ModelChoice;
  readonly action?: 'browse' | 'download';
}

export class ChooseModelCommand implements Command {
  static readonly id = 'attentionExplorer.chooseModel';
  readonly id = ChooseModelCommand.id;

  constructor(
    private readonly places: { readonly cache?: vscode.Uri; readonly globalStorage: vscode.Uri; readonly home?: vscode.Uri },
    private readonly downloadCommandId: string,
  ) {}

  /** Every model the list offers, built-in first: for the Quick Pick, and for scripts and tests. */
  async choices(): Promise<ModelChoice[]> {
    const cached = await findCachedModels(this.places.cache);
    const downloaded: ModelChoice[] = [];
    for (const model of await listDownloadedModels(this.places.globalStorage).catch(() => [])) {
      const info = await infoOf(model.uri, model.repo);
      if (info) downloaded.push({ label: model.repo, group: 'downloaded', uri: model.uri, info });
    }
    return [
      { label: vscode.l10n.t('Built-in engine'), group: 'built-in' },
      ...cached.map((model): ModelChoice => ({ label: model.repo, group: 'cache', uri: model.uri, info: model.info })),
      ...downloaded,
    ];
  }

  async execute(args?: unknown): Promise<string | undefined> {
    const given = typeof args === 'object' && args !== null ? (args as ChooseModelArgs) : {};
    if (given.builtIn === true) return this.use(undefined);
    if (typeof given.folder === 'string') return this.useFolder(given.folder);
    const picked = await vscode.window.showQuickPick(this.items(), { title: vscode.l10n.t('Choose the Model Whose Attention Is Shown'), matchOnDescription: true, matchOnDetail: true });
    if (!picked) return undefined;
    if (picked.action === 'download') return void vscode.commands.executeCommand(this.downloadCommandId);
    if (picked.action === 'browse') {
      const folders = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Use This Model'), title: vscode.l10n.t('A Hugging Face model folder (config.json, tokenizer, weights)') });
      return folders?.[0] ? this.useFolder(folders[0].toString()) : undefined;
    }
    return this.use(picked.choice?.uri);
  }

  private async items(): Promise<ChoiceItem[]> {
    const current = readSetting(SETTINGS.model);
    const currentUri = safeUri(current, this.places.home)?.toString();
    const items: ChoiceItem[] = [];
    let group: ModelChoice['group'] | undefined;
    for (const choice of await this.choices()) {
      if (choice.group !== group && choice.group !== 'built-in') {
        items.push({ label: choice.group === 'cache' ? vscode.l10n.t('Hugging Face cache') : vscode.l10n.t('Downloaded'), kind: vscode.QuickPickItemKind.Separator });
      }
      group = choice.group;
      const isCurrent = choice.uri ? choice.uri.toString() === currentUri : currentUri === undefined;
      items.push({
        label: `${choice.uri ? '$(circuit-board)' : '$(beaker)'} ${choice.label}`,
        description: [choice.info ? describeModel(choice.info) : vscode.l10n.t('random weights, seed {0}', readSetting(SETTINGS.seed)), isCurrent ? vscode.l10n.t('(current)') : ''].filter(Boolean).join(' '),
        detail: choice.uri ? (choice.uri.scheme === 'file' ? choice.uri.fsPath : choice.uri.toString()) : vscode.l10n.t('The chapter\'s engine: shows how attention is computed, not what a trained model attends to.'),
        choice,
      });
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, detail: vscode.l10n.t('Any folder in Hugging Face layout: config.json, the tokenizer files, model.safetensors or pytorch_model.bin.'), action: 'browse' });
    items.push({ label: `$(cloud-download) ${vscode.l10n.t('Download Model…')}`, detail: vscode.l10n.t('Fetch a model from the Hugging Face hub into the extension\'s storage (the only command that uses the network).'), action: 'download' });
    return items;
  }

  /** Checks the folder (a path or URI) is a model we run, then uses it; says why not otherwise. */
  private async useFolder(folder: string): Promise<string | undefined> {
    let uri: vscode.Uri | undefined;
    try {
      uri = modelFolderUri(folder, this.places.home);
      if (!uri) return this.use(undefined);
      const folderUri = uri;
      await readModelInfo(await modelName(folderUri), (file) => readIfPresent(vscode.Uri.joinPath(folderUri, file)));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Attention Explorer cannot use {0}: {1}', folder, (error as Error).message));
      return undefined;
    }
    return this.use(uri);
  }

  private async use(uri: vscode.Uri | undefined): Promise<string> {
    const value = uri ? settingValueOf(uri) : BUILT_IN_MODEL;
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(SETTINGS.model.key, value, vscode.ConfigurationTarget.Global);
    const name = uri ? await modelName(uri) : vscode.l10n.t('the built-in engine');
    void vscode.window.showInformationMessage(vscode.l10n.t('Attention Explorer: Show Attention now runs {0}.', name));
    return value;
  }
}

/** An error about the model in use, with a button that opens Choose Model…. */
export function showModelError(message: string): void {
  const choose = vscode.l10n.t('Choose Model…');
  void vscode.window.showErrorMessage(message, choose).then((picked) => picked === choose && vscode.commands.executeCommand(ChooseModelCommand.id));
}

export function describeModel(info: ModelInfo): string {
  return vscode.l10n.t('{0} · {1} layers × {2} heads · {3} wide', info.type === 'bert' ? 'BERT' : 'GPT-2', info.layers, info.heads, info.hidden);
}

function safeUri(value: string, home: vscode.Uri | undefined): vscode.Uri | undefined {
  try {
    return modelFolderUri(value, home);
  } catch {
    return undefined;
  }
}
