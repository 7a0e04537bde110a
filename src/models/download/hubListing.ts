/**
 * The hub's model-info API (`/api/models/{repo}/revision/{revision}?blobs=true`, what
 * huggingface_hub's model_info(files_metadata=True) asks): every file with its size, git blob name
 * and, for LFS files, SHA-256. Asked only in a browser (the web extension host), whose fetch
 * hides the redirect that carries an LFS file's X-Linked-Etag; in Node the resolve requests say
 * it all and this is never sent.
 */
import { DownloadError } from './downloadError';
import { fetchFailure, type HubContext, type HubFileInfo } from './hubClient';
import { modelInfoUrl } from './hubFiles';

/** Each file's name and what the hub says of it. */
export async function fetchListing(context: HubContext): Promise<ReadonlyMap<string, HubFileInfo>> {
  let response: Response;
  let json: unknown;
  try {
    response = await context.fetch(modelInfoUrl(context.hub, context.repo, context.revision), { method: 'GET', signal: context.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const code = response.headers.get('x-error-code');
      if (code === 'RepoNotFound') throw new DownloadError({ kind: 'repoNotFound' });
      if (code === 'RevisionNotFound') throw new DownloadError({ kind: 'revisionNotFound' });
      if (code === 'GatedRepo' || response.status === 401 || response.status === 403) throw new DownloadError({ kind: 'needsToken' });
      throw new DownloadError({ kind: 'httpStatus', file: 'api/models', status: response.status });
    }
    json = await response.json();
  } catch (error) {
    if (error instanceof SyntaxError) throw new DownloadError({ kind: 'httpStatus', file: 'api/models', status: 200 });
    throw fetchFailure(context, error);
  }
  const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const commit = typeof record(json).sha === 'string' ? (record(json).sha as string) : undefined;
  const siblings = Array.isArray(record(json).siblings) ? (record(json).siblings as unknown[]) : [];
  const files = new Map<string, HubFileInfo>();
  for (const sibling of siblings.map(record)) {
    if (typeof sibling.rfilename !== 'string') continue;
    const lfs = sibling.lfs === undefined || sibling.lfs === null ? undefined : record(sibling.lfs);
    const sha256 = typeof lfs?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(lfs.sha256) ? lfs.sha256 : undefined;
    const size = lfs && typeof lfs.size === 'number' ? lfs.size : typeof sibling.size === 'number' ? sibling.size : undefined;
    // An LFS file's blobId names its pointer, not its bytes.
    const gitSha1 = !lfs && typeof sibling.blobId === 'string' && /^[0-9a-f]{40}$/.test(sibling.blobId) ? sibling.blobId : undefined;
    files.set(sibling.rfilename, { size: Number.isSafeInteger(size) ? size : undefined, sha256, gitSha1, commit });
  }
  return files;
}
