/** What "Download Model…" tells the user when a download fails, in their language. */
import * as vscode from 'vscode';
import { formatBytes } from './byteSize';
import type { DownloadFailure } from './downloadError';

export interface DownloadSubject {
  readonly repo: string;
  readonly revision: string;
  /** The hub's address, as the setting gives it. */
  readonly hub: string;
}

/** The advice for what the command cannot fetch itself. */
const cliAdvice = (repo: string) =>
  vscode.l10n.t('Download it with "huggingface-cli download {0}" (logged in with your token), then choose its folder with "Attention Explorer: Choose Model…".', repo);

export function downloadFailureMessage(failure: DownloadFailure, { repo, revision, hub }: DownloadSubject): string {
  switch (failure.kind) {
    case 'invalidRepo':
      return vscode.l10n.t('"{0}" is not a Hugging Face repository id: it looks like "organization/model", with letters, digits, "-", "_" and ".".', repo);
    case 'invalidRevision':
      return vscode.l10n.t('"{0}" is not a revision: give a branch, a tag or a commit.', revision);
    case 'repoNotFound':
      return `${vscode.l10n.t('{0} has no repository {1}, or it is private.', hub, repo)} ${vscode.l10n.t('Check the id; a private repository needs a token, which this command does not send.')} ${cliAdvice(repo)}`;
    case 'revisionNotFound':
      return vscode.l10n.t('{0} has no revision "{1}".', repo, revision);
    case 'needsToken':
      return `${vscode.l10n.t('{0} is gated or private: the hub gives its files only with a Hugging Face token, which this command does not send.', repo)} ${cliAdvice(repo)}`;
    case 'noConfig':
      return vscode.l10n.t('{0} has no config.json at "{1}": it is not a transformers model.', repo, revision);
    case 'unsupportedModel':
      return failure.modelType === undefined
        ? vscode.l10n.t('{0} is not a model Attention Explorer reads (it reads BERT and GPT-2): {1}. Nothing was downloaded.', repo, failure.detail)
        : vscode.l10n.t('{0} is a "{1}" model; Attention Explorer reads BERT ("bert") and GPT-2 ("gpt2") models. Nothing was downloaded.', repo, failure.modelType);
    case 'noWeights':
      return vscode.l10n.t('{0} has no weights Attention Explorer reads: neither model.safetensors nor pytorch_model.bin. Nothing was kept.', repo);
    case 'network':
      return vscode.l10n.t('Could not reach {0} ({1}). Check the network connection, or set "attentionExplorer.modelHub" to a mirror of the hub.', hub, failure.detail);
    case 'httpStatus':
      return vscode.l10n.t('{0} answered HTTP {1} for {2} of {3}. Nothing was kept; try again later.', hub, failure.status, failure.file, repo);
    case 'tooManyRedirects':
      return vscode.l10n.t('{0} of {1} was redirected too many times. Nothing was kept.', failure.file, repo);
    case 'hashMismatch':
      return vscode.l10n.t(
        '{0} of {1} arrived corrupted: its {2} is {3}, but the hub announced {4}. Nothing was kept; try again.',
        failure.file,
        repo,
        failure.algorithm,
        failure.actual,
        failure.expected,
      );
    case 'sizeMismatch':
      return vscode.l10n.t('{0} of {1} arrived incomplete: {2} bytes instead of the {3} announced. Nothing was kept; try again.', failure.file, repo, failure.actual, failure.expected);
    case 'tooLargeHere':
      return `${vscode.l10n.t('{0} of {1} is {2}: larger than this window can download (at most {3}, since here each file is written in one piece).', failure.file, repo, formatBytes(failure.size), formatBytes(failure.limit))} ${cliAdvice(repo)}`;
    case 'storage':
      return vscode.l10n.t("Could not write {0} into the extension's storage: {1}. Nothing was kept.", repo, failure.detail);
    case 'cancelled':
      return vscode.l10n.t('The download of {0} was cancelled. Nothing was kept.', repo);
  }
}
