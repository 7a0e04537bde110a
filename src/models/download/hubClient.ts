/**
 * One file of a Hugging Face repository, asked of the hub as huggingface_hub asks it: first its
 * metadata (HEAD, redirects followed by hand, on the hub's own origin only, so that the hub's own
 * headers can be read: the X-Linked-Etag (SHA-256) and X-Linked-Size of an LFS file come on the
 * redirect to the CDN, not on the CDN's answer; a file kept in git gets a 307 to the hub's
 * /api/resolve-cache/… with its blob SHA-1 as X-Linked-Etag), then its bytes (GET), streamed into
 * a FileWriter and checked as they arrive.
 * Only `fetch` is used, injected: this runs in the Node and the web extension host, and in tests.
 */
import { gitBlobSha1 } from '../../common/hash/sha1';
import { Sha256 } from '../../common/hash/sha256';
import { DownloadError, type DownloadFailure } from './downloadError';
import type { FileWriter } from './fileWriter';
import { resolveUrl } from './hubFiles';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Which repository, at which revision, on which hub, and how to stop. */
export interface HubContext {
  readonly fetch: Fetch;
  readonly signal: AbortSignal;
  /** The hub's address, checked (hubFiles.checkedHub). */
  readonly hub: string;
  readonly repo: string;
  readonly revision: string;
  /**
   * Set once fetch answered `redirect: 'manual'` with an opaque response (a browser): from then on
   * the manual request is not sent again, only the one that follows. Shared by the copies of a context.
   */
  readonly redirects?: { hidden: boolean };
}

/** What the hub says of a file before its bytes are fetched. */
export interface HubFileInfo {
  /** In bytes; undefined when no header says. */
  readonly size: number | undefined;
  /** Lowercase hex, for an LFS file (X-Linked-Etag). */
  readonly sha256: string | undefined;
  /** Lowercase hex git blob name, for a file kept in git (its X-Linked-Etag or the hub's ETag). */
  readonly gitSha1: string | undefined;
  /** X-Repo-Commit: the commit the revision resolved to. */
  readonly commit: string | undefined;
}

/** A file written and checked. */
export interface DownloadedFile extends HubFileInfo {
  readonly size: number;
  /** Which check its bytes passed. */
  readonly verified: 'sha256' | 'git-sha1' | 'size' | 'none';
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * What a HEAD of the file says, or 'missing' (404 EntryNotFound), or 'unreadable' when the host
 * hides redirects (a browser's fetch answers `redirect: 'manual'` with an opaque response, so the
 * caller asks the model-info API instead; see hubListing.ts).
 */
export async function probeFile(context: HubContext, file: string): Promise<HubFileInfo | 'missing' | 'unreadable'> {
  const chain = await follow(context, 'HEAD', file, { stopAtLfs: true });
  if (chain === 'unreadable') return chain;
  // An LFS file's HEAD ends at the hub's redirect to the CDN, which says all there is to know.
  const announcedLfs = chain.lfs === chain.final && REDIRECTS.has(chain.final.status);
  if (!chain.final.ok && !announcedLfs) return failure(file, chain);
  return infoOf(chain);
}

/**
 * Streams the file into a writer (opened once the hub has answered with the file), reporting each
 * chunk's length to `onBytes`, and checks it: the SHA-256 of an LFS file, else the git blob SHA-1
 * when the ETag is one, and the size. Throws DownloadError, or the writer's own error (the writer
 * is then aborted); 'missing' for 404 EntryNotFound, with nothing opened.
 * `known` (from probeFile or the model-info API) fills in what this response's headers do not say.
 */
export async function downloadFile(
  context: HubContext,
  file: string,
  open: () => Promise<FileWriter>,
  onBytes: (bytes: number) => void,
  known?: HubFileInfo,
): Promise<DownloadedFile | 'missing'> {
  let chain = await follow(context, 'GET', file, { stopAtLfs: false });
  // A browser follows redirects itself; what the hub said on the way is then `known`.
  if (chain === 'unreadable') chain = await follow(context, 'GET', file, { stopAtLfs: false, browser: true });
  if (chain === 'unreadable') throw new DownloadError({ kind: 'tooManyRedirects', file });
  const { final } = chain;
  if (!final.ok) {
    await final.body?.cancel().catch(() => undefined);
    return failure(file, chain);
  }
  const announced = infoOf(chain);
  const expected: HubFileInfo = {
    size: announced.size ?? known?.size,
    sha256: announced.sha256 ?? known?.sha256,
    gitSha1: announced.sha256 ? undefined : (announced.gitSha1 ?? known?.gitSha1),
    commit: announced.commit ?? known?.commit,
  };
  let writer: FileWriter;
  try {
    writer = await open();
  } catch (error) {
    await final.body?.cancel().catch(() => undefined);
    throw error;
  }
  try {
    const received = await stream(context, file, final, writer, expected, onBytes);
    await writer.close();
    return received;
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
}

interface Chain {
  /** The last response: the file's bytes, or the error. */
  readonly final: Response;
  /** The hub's redirect that announced the file (X-Linked-Etag or X-Linked-Size), if any. */
  readonly lfs: Response | undefined;
  /** The hub's own response with X-Repo-Commit, if any. */
  readonly commit: string | undefined;
  /** Whether `final` is the hub's own 200 (on its origin), not a CDN's: its ETag is then the git blob's name. */
  readonly direct: boolean;
  /** Whether `final` is the hub's answer (not a CDN's): its 401/403 then mean "needs a token". */
  readonly fromHub: boolean;
}

/**
 * The file's URL, redirects followed by hand (relative ones resolved against the current URL). A
 * HEAD (`stopAtLfs`) stops, as huggingface_hub's does, at the first redirect that announced the
 * file and leaves the hub's origin: the CDN's answer would say nothing more.
 */
async function follow(context: HubContext, method: 'HEAD' | 'GET', file: string, options: { stopAtLfs: boolean; browser?: boolean }): Promise<Chain | 'unreadable'> {
  const hubOrigin = new URL(context.hub).origin;
  let url = resolveUrl(context.hub, context.repo, context.revision, file);
  let lfs: Response | undefined;
  let commit: string | undefined;
  if (!options.browser && context.redirects?.hidden) return 'unreadable';
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await request(context, url, method, options.browser ? 'follow' : 'manual');
    if (response.type === 'opaqueredirect') {
      if (context.redirects) context.redirects.hidden = true;
      return 'unreadable';
    }
    const fromHub = new URL(response.url || url).origin === hubOrigin;
    if (fromHub) commit = response.headers.get('x-repo-commit')?.trim() || commit;
    if (response.headers.has('x-linked-etag') || response.headers.has('x-linked-size')) lfs = response;
    const location = response.headers.get('location');
    const next = location ? new URL(location, url).href : undefined;
    if (!REDIRECTS.has(response.status) || !next || (options.stopAtLfs && lfs && new URL(next).origin !== hubOrigin)) {
      // A browser's redirected response on the hub's origin is the hub's own too (its /api/resolve-cache/…).
      return { final: response, lfs, commit, direct: fromHub, fromHub };
    }
    // Only the headers of a redirect matter; let its connection go.
    await response.body?.cancel().catch(() => undefined);
    url = next;
  }
  throw new DownloadError({ kind: 'tooManyRedirects', file });
}

async function request(context: HubContext, url: string, method: 'HEAD' | 'GET', redirect: 'manual' | 'follow'): Promise<Response> {
  try {
    // identity: a compressed body would make Content-Length the size of something else. Browsers
    // ignore this header (they decide the encoding), which is why the size check allows for it.
    return await context.fetch(url, { method, redirect, signal: context.signal, headers: { 'Accept-Encoding': 'identity' } });
  } catch (error) {
    throw fetchFailure(context, error);
  }
}

/** fetch rejects with a TypeError when there is no answer at all, and with an AbortError on cancel. */
export function fetchFailure(context: HubContext, error: unknown): DownloadError {
  if (error instanceof DownloadError) return error;
  if (context.signal.aborted) return new DownloadError({ kind: 'cancelled' });
  const cause = (error as { cause?: { message?: unknown; code?: unknown } } | undefined)?.cause;
  const detail = [error instanceof Error ? error.message : String(error), typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '']
    .filter(Boolean)
    .join(': ');
  return new DownloadError({ kind: 'network', detail });
}

/** A response that is not the file: 'missing' for an absent entry, else the failure it says. */
function failure(file: string, chain: Chain): 'missing' {
  const code = chain.final.headers.get('x-error-code') ?? '';
  const status = chain.final.status;
  let failure: DownloadFailure;
  if (code === 'EntryNotFound' || (status === 404 && !code && chain.fromHub)) return 'missing';
  if (code === 'RepoNotFound') failure = { kind: 'repoNotFound' };
  else if (code === 'RevisionNotFound') failure = { kind: 'revisionNotFound' };
  else if (code === 'GatedRepo' || code === 'DisabledRepo' || ((status === 401 || status === 403) && chain.fromHub)) failure = { kind: 'needsToken' };
  else failure = { kind: 'httpStatus', file, status };
  throw new DownloadError(failure);
}

/** What the headers of a chain say of its file. */
function infoOf(chain: Chain): HubFileInfo {
  const { final, lfs, commit, direct } = chain;
  const linkedEtag = normalizedEtag(lfs?.headers.get('x-linked-etag'));
  const etag = normalizedEtag(final.headers.get('etag'));
  const sha256 = linkedEtag && /^[0-9a-f]{64}$/.test(linkedEtag) ? linkedEtag : undefined;
  // The hub's 307 of a file kept in git to its /api/resolve-cache/… names the blob as X-Linked-Etag.
  const linkedSha1 = linkedEtag && /^[0-9a-f]{40}$/.test(linkedEtag) ? linkedEtag : undefined;
  return {
    // An LFS file's size is X-Linked-Size, else the CDN's Content-Length (never the redirect's own).
    size: sizeHeader(lfs?.headers.get('x-linked-size')) ?? (final === lfs ? undefined : plainLength(final)),
    sha256,
    // Only the hub's own 200 carries the git blob name as its ETag; a CDN's ETag is something else.
    gitSha1: sha256 ? undefined : (linkedSha1 ?? (!lfs && direct && etag && /^[0-9a-f]{40}$/.test(etag) ? etag : undefined)),
    commit,
  };
}

/** `W/"abc"` and `"abc"` as `abc`, lowercase (huggingface_hub's _normalize_etag). */
function normalizedEtag(etag: string | null | undefined): string | undefined {
  return etag?.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1').toLowerCase() || undefined;
}

function sizeHeader(value: string | null | undefined): number | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined;
  const size = Number(value.trim());
  return Number.isSafeInteger(size) ? size : undefined;
}

/** Content-Length, when it is the length of the bytes fetch hands over (no content encoding). */
function plainLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase();
  return encoding && encoding !== 'identity' ? undefined : sizeHeader(response.headers.get('content-length'));
}

async function stream(context: HubContext, file: string, response: Response, writer: FileWriter, expected: HubFileInfo, onBytes: (bytes: number) => void): Promise<DownloadedFile> {
  const sha256 = expected.sha256 ? new Sha256() : undefined;
  // The blob header needs the size first; without a size the SHA-1 check is skipped.
  const sha1 = !sha256 && expected.gitSha1 && expected.size !== undefined ? gitBlobSha1(expected.size) : undefined;
  let received = 0;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read().catch((error: unknown) => {
          throw fetchFailure(context, error);
        });
        if (done) break;
        received += value.length;
        // More than announced: stop now rather than fill the disk.
        if (expected.size !== undefined && received > expected.size) throw new DownloadError({ kind: 'sizeMismatch', file, expected: expected.size, actual: received });
        sha256?.update(value);
        sha1?.update(value);
        await writer.write(value);
        onBytes(value.length);
      }
    } catch (error) {
      // A failed check or write: let the connection go.
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  }
  if (expected.size !== undefined && received !== expected.size) throw new DownloadError({ kind: 'sizeMismatch', file, expected: expected.size, actual: received });
  const check = (algorithm: 'SHA-256' | 'SHA-1', wanted: string, actual: string) => {
    if (actual !== wanted) throw new DownloadError({ kind: 'hashMismatch', file, algorithm, expected: wanted, actual });
  };
  if (sha256) check('SHA-256', expected.sha256!, sha256.hex());
  if (sha1) check('SHA-1', expected.gitSha1!, sha1.hex());
  return { ...expected, size: received, verified: sha256 ? 'sha256' : sha1 ? 'git-sha1' : expected.size !== undefined ? 'size' : 'none' };
}
