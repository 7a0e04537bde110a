/**
 * "Attention Explorer: Download Model…": asks for a Hugging Face repository id (three suggestions,
 * or any id typed, with an optional "@revision"), fetches its config.json, tokenizer files and
 * weights from the hub of `attentionExplorer.modelHub` into the extension's global storage, with
 * a progress notification in bytes and Cancel, and offers to use the model. The only code of the
 * extension that sends anything over the network.
 *
 * For tests and scripts, its arguments skip the prompt and can cancel it:
 * `{ repo: 'org/name', revision?: 'main', cancellation?: CancellationToken }`; it returns the
 * model's folder, or undefined when nothing was downloaded.
 */
import * as vscode from 'vscode';
import type { Command } from '../../host/commandManager';
import { openSettings, readSetting, SETTINGS, SETTINGS_SECTION, SettingError } from '../../host/settings';
import { settingValueOf } from '../modelFolders';
import { formatBytes } from './byteSize';
import { DownloadError } from './downloadError';
import { downloadFailureMessage, type DownloadSubject } from './downloadMessages';
import { workspaceFileSink, type FileSink } from './fileSink';
import { globalStorageModels } from './globalStorageModels';
import { checkedHub, DEFAULT_REVISION, isRepoId, parseRepoInput, SUGGESTED_REPOSITORIES } from './hubFiles';
import { downloadModel, type DownloadProgress } from './modelDownload';

export interface DownloadModelArgs {
  readonly repo?: string;
  readonly revision?: string;
  /** Cancels as the notification's Cancel does. */
  readonly cancellation?: vscode.CancellationToken;
}

/** How often the notification's text changes, at most. */
const PROGRESS_INTERVAL_MS = 100;

export class DownloadModelCommand implements Command {
  static readonly id = 'attentionExplorer.downloadModel';
  readonly id = DownloadModelCommand.id;
  /** Repositories being downloaded in this window: a second download of one would race the first. */
  private readonly running = new Set<string>();

  constructor(
    private readonly context: Pick<vscode.ExtensionContext, 'globalStorageUri' | 'extension'>,
    private readonly log: vscode.LogOutputChannel,
    private readonly sink: FileSink = workspaceFileSink(),
  ) {}

  async execute(rawArgs?: unknown): Promise<vscode.Uri | undefined> {
    const args = argsOf(rawArgs);
    let hub: string | undefined;
    try {
      hub = checkedHub(readSetting(SETTINGS.modelHub));
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      return this.settingError(error.message);
    }
    if (!hub) return this.settingError(vscode.l10n.t('"{0}" must be the http:// or https:// address of the Hugging Face hub or a mirror of it.', `${SETTINGS_SECTION}.${SETTINGS.modelHub.key}`));
    const input = args.repo !== undefined ? { repo: args.repo.trim(), revision: args.revision } : await askRepository(hub);
    if (!input) return undefined;
    const subject: DownloadSubject = { repo: input.repo, revision: input.revision || DEFAULT_REVISION, hub };
    if (!isRepoId(subject.repo)) return this.failed(subject, new DownloadError({ kind: 'invalidRepo' }));
    if (this.running.has(subject.repo)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is already being downloaded.', subject.repo));
      return undefined;
    }
    this.running.add(subject.repo);
    try {
      return await this.download(subject, args.cancellation);
    } finally {
      this.running.delete(subject.repo);
    }
  }

  private download(subject: DownloadSubject, cancellation: vscode.CancellationToken | undefined): Thenable<vscode.Uri | undefined> {
    const options = { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', subject.repo), cancellable: true };
    return vscode.window.withProgress(options, async (progress, token) => {
      const abort = new AbortController();
      const cancel = () => abort.abort();
      const listeners = [token.onCancellationRequested(cancel), cancellation?.onCancellationRequested(cancel)];
      if (token.isCancellationRequested || cancellation?.isCancellationRequested) cancel();
      progress.report({ message: vscode.l10n.t('Asking {0} for the files…', new URL(subject.hub).host) });
      this.log.info(`downloading ${subject.repo} at ${subject.revision} from ${subject.hub}`);
      try {
        const { location, meta } = await downloadModel(subject, {
          fetch: (url, init) => fetch(url, init),
          store: globalStorageModels(this.context.globalStorageUri, this.sink),
          signal: abort.signal,
          onProgress: progressReporter(progress),
        });
        const size = meta.files.reduce((sum, file) => sum + file.size, 0);
        this.log.info(`downloaded ${subject.repo} (commit ${meta.commit}, ${meta.files.map((file) => file.name).join(', ')}; ${size} bytes) into ${location.toString(true)}`);
        this.offerToUse(subject.repo, size, location);
        return location;
      } catch (error) {
        return this.failed(subject, error);
      } finally {
        for (const listener of listeners) listener?.dispose();
      }
    });
  }

  private offerToUse(repo: string, size: number, folder: vscode.Uri): void {
    const use = vscode.l10n.t('Use This Model');
    const where = folder.scheme === 'file' ? folder.fsPath : folder.toString(true);
    void vscode.window.showInformationMessage(vscode.l10n.t('Downloaded {0} ({1}) into {2}.', repo, formatBytes(size), where), use).then(async (choice) => {
      if (choice !== use) return;
      try {
        await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(SETTINGS.model.key, settingValueOf(folder), vscode.ConfigurationTarget.Global);
      } catch (error) {
        this.log.error('could not set the model setting', error);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not set "{0}": {1}', `${SETTINGS_SECTION}.${SETTINGS.model.key}`, String(error)));
      }
    });
  }

  private failed(subject: DownloadSubject, error: unknown): undefined {
    if (!(error instanceof DownloadError)) {
      this.log.error(`downloading ${subject.repo} failed`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not download {0}: {1}', subject.repo, error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    const message = downloadFailureMessage(error.failure, subject);
    this.log.info(`downloading ${subject.repo}: ${JSON.stringify(error.failure)}`);
    if (error.failure.kind === 'cancelled') void vscode.window.showInformationMessage(message);
    else void vscode.window.showErrorMessage(message);
    return undefined;
  }

  private settingError(message: string): undefined {
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showErrorMessage(vscode.l10n.t('Attention Explorer settings: {0}', message), open).then((choice) => choice === open && openSettings(this.context.extension.id));
    return undefined;
  }
}

function argsOf(value: unknown): DownloadModelArgs {
  if (!value || typeof value !== 'object') return {};
  const { repo, revision, cancellation } = value as Record<string, unknown>;
  const isToken = (token: unknown): token is vscode.CancellationToken => !!token && typeof (token as vscode.CancellationToken).onCancellationRequested === 'function';
  return {
    repo: typeof repo === 'string' ? repo : undefined,
    revision: typeof revision === 'string' && revision.trim() ? revision.trim() : undefined,
    cancellation: isToken(cancellation) ? cancellation : undefined,
  };
}

/** "12.3 MB of 409.1 MB · model.safetensors", at most every PROGRESS_INTERVAL_MS; the bar as the fraction of all bytes. */
function progressReporter(progress: vscode.Progress<{ message?: string; increment?: number }>): (update: DownloadProgress) => void {
  let shownPercent = 0;
  let shownAt = 0;
  let shownFile = '';
  return ({ received, total, file }) => {
    const now = Date.now();
    if (now - shownAt < PROGRESS_INTERVAL_MS && file === shownFile && received < total) return;
    shownAt = now;
    shownFile = file;
    const percent = total > 0 ? (100 * received) / total : 0;
    progress.report({ message: vscode.l10n.t('{0} of {1} · {2}', formatBytes(received), formatBytes(total), file), increment: Math.max(0, percent - shownPercent) });
    shownPercent = Math.max(shownPercent, percent);
  };
}

/** The prompt: the suggestions, and whatever is typed as an item of its own ("org/name@revision" allowed). */
function askRepository(hub: string): Promise<{ repo: string; revision: string | undefined } | undefined> {
  const descriptions: Record<string, string> = {
    'google-bert/bert-base-chinese': vscode.l10n.t('BERT, Chinese (12 layers)'),
    'uer/chinese_roberta_L-4_H-256': vscode.l10n.t('BERT architecture, Chinese, small (4 layers)'),
    'openai-community/gpt2': vscode.l10n.t('GPT-2, English (12 layers)'),
  };
  const suggestions: vscode.QuickPickItem[] = SUGGESTED_REPOSITORIES.map((repo) => ({ label: repo, description: descriptions[repo] }));
  const pick = vscode.window.createQuickPick();
  pick.title = vscode.l10n.t('Download Model from {0}', new URL(hub).host);
  pick.placeholder = vscode.l10n.t('A Hugging Face repository id, such as google-bert/bert-base-chinese; add @revision for a branch, tag or commit');
  pick.items = suggestions;
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    pick.items = typed && !SUGGESTED_REPOSITORIES.includes(typed) ? [{ label: typed, description: vscode.l10n.t('Download this repository') }, ...suggestions] : suggestions;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.label ?? pick.value;
      resolve(chosen.trim() ? parseRepoInput(chosen) : undefined);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
