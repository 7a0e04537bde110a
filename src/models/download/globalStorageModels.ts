/**
 * The downloaded models' folder, `{globalStorageUri}/models/`: one folder per repository
 * ("org--name"), filled under a sibling "org--name.partial-<random>" and renamed into place when
 * complete. An older download is itself renamed aside (to a partial name) just before, and deleted
 * just after, so that a failed rename puts it back. A partial folder left by a window that was
 * closed or crashed mid-download is deleted by the next download of that repository.
 */
import * as vscode from 'vscode';
import { DOWNLOAD_META_FILE, parseDownloadMeta } from './downloadMeta';
import type { FileSink } from './fileSink';
import { modelFolderName } from './hubFiles';
import type { ModelStore, PartialModelFolder } from './modelDownload';

export const MODELS_FOLDER = 'models';
const PARTIAL_MARK = '.partial-';
/** Older than this, a partial folder is no download under way in another window. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export function modelsFolder(globalStorageUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(globalStorageUri, MODELS_FOLDER);
}

export function globalStorageModels(globalStorageUri: vscode.Uri, sink: FileSink): ModelStore<vscode.Uri> {
  const { fs } = vscode.workspace;
  const models = modelsFolder(globalStorageUri);
  return {
    maxFileSize: sink.maxFileSize,
    async begin(folderName): Promise<PartialModelFolder<vscode.Uri>> {
      await deleteStalePartials(models, folderName);
      const partial = vscode.Uri.joinPath(models, partialName(folderName));
      await fs.createDirectory(partial); // and its parents
      return {
        createFile: (name) => sink.createFile(vscode.Uri.joinPath(partial, name)),
        discard: async () => fs.delete(partial, { recursive: true, useTrash: false }),
        async commit() {
          const target = vscode.Uri.joinPath(models, folderName);
          const older = (await exists(target)) ? vscode.Uri.joinPath(models, partialName(folderName)) : undefined;
          if (older) await fs.rename(target, older, { overwrite: false });
          try {
            await fs.rename(partial, target, { overwrite: false });
          } catch (error) {
            if (older) await Promise.resolve(fs.rename(older, target, { overwrite: false })).catch(() => undefined);
            throw error;
          }
          if (older) await Promise.resolve(fs.delete(older, { recursive: true, useTrash: false })).catch(() => undefined);
          return target;
        },
      };
    },
  };
}

/** "org--name.partial-<time>-<random>": the time (base 36 milliseconds) says when it was begun. */
function partialName(folderName: string): string {
  return `${folderName}${PARTIAL_MARK}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

async function deleteStalePartials(models: vscode.Uri, folderName: string): Promise<void> {
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(models)).catch(() => []);
  for (const [name] of entries) {
    if (!name.startsWith(`${folderName}${PARTIAL_MARK}`)) continue;
    const begun = parseInt(name.slice(folderName.length + PARTIAL_MARK.length).split('-')[0], 36);
    if (Date.now() - begun < STALE_AFTER_MS || (await isDownloadOf(vscode.Uri.joinPath(models, name), name))) continue;
    await Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.joinPath(models, name), { recursive: true, useTrash: false })).catch(() => undefined);
  }
}

/** Whether the folder is the complete download of a repository whose own folder name is `name` (a repository may be called "x.partial-y"). */
async function isDownloadOf(folder: vscode.Uri, name: string): Promise<boolean> {
  const meta = await Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, DOWNLOAD_META_FILE))).then(parseDownloadMeta, () => undefined);
  return meta !== undefined && modelFolderName(meta.repo) === name;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
