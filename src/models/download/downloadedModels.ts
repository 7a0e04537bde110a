/**
 * The models "Download Model…" completed, for "Choose Model…": each folder of
 * `{globalStorageUri}/models/` with a valid attention-explorer-download.json whose repository is
 * the folder's own (so a partial folder, or one set aside while a newer download moves in, is
 * never listed).
 */
import * as vscode from 'vscode';
import { DOWNLOAD_META_FILE, parseDownloadMeta } from './downloadMeta';
import { modelsFolder } from './globalStorageModels';
import { modelFolderName } from './hubFiles';

export async function listDownloadedModels(globalStorageUri: vscode.Uri): Promise<{ repo: string; revision: string; uri: vscode.Uri }[]> {
  const models = modelsFolder(globalStorageUri);
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(models);
  } catch {
    return []; // nothing downloaded yet
  }
  const listed = await Promise.all(
    entries
      .filter(([, type]) => (type & vscode.FileType.Directory) !== 0)
      .map(async ([name]) => {
        const uri = vscode.Uri.joinPath(models, name);
        const meta = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, DOWNLOAD_META_FILE)).then(parseDownloadMeta, () => undefined);
        return meta && modelFolderName(meta.repo) === name ? { repo: meta.repo, revision: meta.revision, uri } : undefined;
      }),
  );
  return listed.filter((model) => model !== undefined).sort((a, b) => a.repo.localeCompare(b.repo));
}
