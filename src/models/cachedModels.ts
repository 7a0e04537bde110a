/**
 * The models already on this machine: the snapshots of the local Hugging Face cache
 * (`models--{org}--{name}/snapshots/{revision}/`, where huggingface_hub and transformers put what
 * they download) whose config.json Attention Explorer can run. Read through workspace.fs, so
 * listing a cache of many GB reads a few small files only.
 */
import * as vscode from 'vscode';
import { readModelInfo } from '../common/models/folder/modelFolder';
import type { ModelInfo } from '../common/models/view/modelView';

export interface FoundModel {
  readonly uri: vscode.Uri;
  /** org/name, as the hub names the repository. */
  readonly repo: string;
  /** The snapshot's folder name: a commit hash. */
  readonly revision: string;
  readonly info: ModelInfo;
}

/**
 * The cache folder huggingface_hub uses: $HF_HUB_CACHE, else $HF_HOME/hub, else
 * ~/.cache/huggingface/hub. `env` and `home` are the Node host's; the web host has none.
 */
export function huggingFaceCache(env: Readonly<Record<string, string | undefined>>, home: vscode.Uri | undefined): vscode.Uri | undefined {
  if (env.HF_HUB_CACHE) return vscode.Uri.file(env.HF_HUB_CACHE);
  if (env.HF_HOME) return vscode.Uri.joinPath(vscode.Uri.file(env.HF_HOME), 'hub');
  return home && vscode.Uri.joinPath(home, '.cache', 'huggingface', 'hub');
}

async function folders(uri: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(uri)).filter(([, type]) => type & vscode.FileType.Directory).map(([name]) => name);
  } catch {
    return []; // no such folder: nothing cached
  }
}

/** Every snapshot of the cache that is a BERT or GPT-2 model; the others (and broken ones) are left out. */
export async function findCachedModels(cache: vscode.Uri | undefined): Promise<FoundModel[]> {
  if (!cache) return [];
  const found: FoundModel[] = [];
  for (const entry of (await folders(cache)).sort()) {
    const repo = /^models--(.+?)--(.+)$/.exec(entry);
    if (!repo) continue;
    const snapshots = vscode.Uri.joinPath(cache, entry, 'snapshots');
    for (const revision of await folders(snapshots)) {
      const uri = vscode.Uri.joinPath(snapshots, revision);
      const info = await infoOf(uri, `${repo[1]}/${repo[2]}`);
      if (info) found.push({ uri, repo: `${repo[1]}/${repo[2]}`, revision, info });
    }
  }
  return found;
}

/** The model's sizes from its config.json, or undefined when it is not one we run. */
export async function infoOf(uri: vscode.Uri, name: string): Promise<ModelInfo | undefined> {
  try {
    return (await readModelInfo(name, (file) => readIfPresent(vscode.Uri.joinPath(uri, file)))).info;
  } catch {
    return undefined;
  }
}

export async function readIfPresent(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}
