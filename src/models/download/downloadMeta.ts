/**
 * `attention-explorer-download.json`, written last into a downloaded model's folder: which
 * repository and revision it is, the commit that revision was, and each file with its size and
 * (for LFS files) SHA-256. A folder without a valid one is not listed as a download.
 */
import { isRepoId, isRevision } from './hubFiles';

export const DOWNLOAD_META_FILE = 'attention-explorer-download.json';

export interface DownloadMeta {
  readonly repo: string;
  /** As asked for ("main", a tag, a commit). */
  readonly revision: string;
  /** X-Repo-Commit; the revision itself when the hub did not say. */
  readonly commit: string;
  readonly files: readonly { readonly name: string; readonly size: number; readonly sha256?: string }[];
  /** ISO 8601. */
  readonly downloadedAt: string;
}

export function encodeDownloadMeta(meta: DownloadMeta): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(meta, null, 2) + '\n');
}

/** The meta of a folder, or undefined when the bytes are not a valid one. */
export function parseDownloadMeta(bytes: Uint8Array): DownloadMeta | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object') return undefined;
  const { repo, revision, commit, files, downloadedAt } = json as Record<string, unknown>;
  if (typeof repo !== 'string' || !isRepoId(repo) || typeof revision !== 'string' || !isRevision(revision)) return undefined;
  if (typeof commit !== 'string' || typeof downloadedAt !== 'string' || !Array.isArray(files)) return undefined;
  const validFile = (file: unknown) =>
    !!file && typeof file === 'object' && typeof (file as { name?: unknown }).name === 'string' && Number.isSafeInteger((file as { size?: unknown }).size);
  if (!files.every(validFile)) return undefined;
  return { repo, revision, commit, files, downloadedAt };
}
