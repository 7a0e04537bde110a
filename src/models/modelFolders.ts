/**
 * Model folders as the extension host sees them: the `attentionExplorer.model` setting read into
 * a folder URI, the name the panel shows for a folder, and what a worker needs to load one (its
 * path, for a Node worker that reads it itself; else its files' bytes, read through workspace.fs,
 * which is how the web host reads, up to WEB_MODEL_MAX_BYTES).
 */
import * as vscode from 'vscode';
import { MODEL_FOLDER_FILES } from '../common/models/folder/modelFolder';
import { WEIGHT_FILES } from '../common/models/files';
import type { ModelRef } from '../common/models/view/modelView';
import type { WorkerModel } from '../common/protocol/worker';
import type { WorkerPool } from '../attention/analysisSession';
import { DOWNLOAD_META_FILE } from './download/downloadMeta';

/** The setting's value for the chapter's own engine. */
export const BUILT_IN_MODEL = 'built-in';

/** The most a model's files may weigh where they pass through the extension host (the web; the issue's ~100 MB, with room for uer's 4-layer models). */
export const WEB_MODEL_MAX_BYTES = 120e6;


export class ModelSettingError extends Error {}

/**
 * The folder the setting names, or undefined for the built-in engine. A URI (scheme://…) as it is;
 * `~/…` under the home folder (where there is one); an absolute path as a file path; anything
 * else relative to the first workspace folder.
 */
export function modelFolderUri(value: string, home: vscode.Uri | undefined): vscode.Uri | undefined {
  const text = value.trim();
  if (text === '' || text === BUILT_IN_MODEL) return undefined;
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(text)) return vscode.Uri.parse(text, true);
  if (text === '~' || text.startsWith('~/')) {
    if (!home) throw new ModelSettingError(vscode.l10n.t('"{0}" starts with ~, but this window has no home folder: give the full path or a URI.', text));
    return vscode.Uri.joinPath(home, text.slice(2));
  }
  if (text.startsWith('/') || /^[a-z]:[\\/]/i.test(text) || text.startsWith('\\\\')) return vscode.Uri.file(text);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new ModelSettingError(vscode.l10n.t('"{0}" is a relative path, but no folder is open: give the full path.', text));
  return vscode.Uri.joinPath(folder.uri, text);
}

/** The setting's value that names `uri`: its path where it is a file, else the URI itself. */
export function settingValueOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/**
 * What the panel calls a folder: `org/name` for a snapshot of the Hugging Face cache
 * (models--org--name/snapshots/rev), the repository of a download, else the folder's name.
 */
export async function modelName(uri: vscode.Uri): Promise<string> {
  const cached = /\/models--([^/]+?)--([^/]+)\/snapshots\/[^/]+\/?$/.exec(uri.path);
  if (cached) return `${cached[1]}/${cached[2]}`;
  try {
    const meta = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, DOWNLOAD_META_FILE)))) as { repo?: unknown };
    if (typeof meta.repo === 'string' && meta.repo.length <= 200) return meta.repo;
  } catch {
    // not a download of ours
  }
  return uri.path.split('/').filter(Boolean).pop() ?? uri.toString();
}

export function modelRef(uri: vscode.Uri, name: string): ModelRef {
  return { uri: uri.toString(), name };
}

/** The size of a file of the folder, or undefined when there is none: from the disk when the host can (`statFile`), else through workspace.fs. */
async function sizeOf(uri: vscode.Uri, statFile?: WorkerPool['statFile']): Promise<{ size: number; mtime: number } | undefined> {
  if (statFile && uri.scheme === 'file') return statFile(uri.fsPath);
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.File ? { size: stat.size, mtime: stat.mtime } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a worker is sent to load `ref`, and the buffers to hand over with it. The key changes
 * when the folder's weights do (their size or time), so a kept model is never a stale one.
 */
export async function workerModel(ref: ModelRef, workers: Pick<WorkerPool, 'readsFiles' | 'statFile'>): Promise<{ model: WorkerModel; transfer: ArrayBuffer[] }> {
  const folder = vscode.Uri.parse(ref.uri, true);
  const stats = await Promise.all(MODEL_FOLDER_FILES.map((name) => sizeOf(vscode.Uri.joinPath(folder, name), workers.statFile)));
  const present = new Map<string, { size: number; mtime: number }>();
  MODEL_FOLDER_FILES.forEach((name, i) => stats[i] && present.set(name, stats[i]));
  if (!present.has('config.json')) {
    throw new ModelSettingError(vscode.l10n.t('{0} has no config.json: it is not a Hugging Face model folder. Run "Choose Model…" to pick another.', folder.scheme === 'file' ? folder.fsPath : folder.toString()));
  }
  // Only the weights file the loader reads (safetensors when there are both).
  const weights = WEIGHT_FILES.find((name) => present.has(name));
  for (const name of WEIGHT_FILES) if (name !== weights) present.delete(name);
  const stamp = weights ? `${weights}:${present.get(weights)!.size}:${present.get(weights)!.mtime}` : 'no weights';
  const key = `${ref.uri}|${stamp}`;
  if (workers.readsFiles && folder.scheme === 'file') return { model: { key, name: ref.name, source: { kind: 'path', path: folder.fsPath } }, transfer: [] };
  const total = [...present.values()].reduce((sum, stat) => sum + stat.size, 0);
  if (total > WEB_MODEL_MAX_BYTES) {
    throw new ModelSettingError(
      vscode.l10n.t('{0} is {1} MB: models of more than {2} MB can only be run in the desktop VS Code, which reads them from disk.', ref.name, Math.round(total / 1e6), Math.round(WEB_MODEL_MAX_BYTES / 1e6)),
    );
  }
  const files: Record<string, Uint8Array> = {};
  for (const name of present.keys()) files[name] = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
  const transfer = [...new Set(Object.values(files).filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength).map((b) => b.buffer as ArrayBuffer))];
  return { model: { key, name: ref.name, source: { kind: 'files', files } }, transfer };
}
