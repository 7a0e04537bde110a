/**
 * A stand-in for the Hugging Face hub on 127.0.0.1, for the download tests (never the real hub).
 * It answers `/{repo}/resolve/{revision}/{file}` as huggingface.co does today: a file kept in git
 * with a relative 307 to `/api/resolve-cache/models/{repo}/{commit}/{file}` carrying
 * `X-Linked-Etag: "<git blob SHA-1>"`, which answers 200, its bytes and `ETag: "<git blob SHA-1>"`
 * (or, with `gitFiles: 'direct'`, that 200 at once, as the hub did until 2025 and mirrors still
 * do); an LFS file (weights, or any file over `lfsThreshold`) with 302 to a CDN (a second server on
 * another port, another origin, or `/cdn/…` on the hub itself with `redirect: 'relative'`) carrying
 * `X-Linked-Etag: "<SHA-256>"` and `X-Linked-Size`; every answer of the hub with `X-Repo-Commit`;
 * a missing file, repository or revision with 404 and the hub's X-Error-Code; a gated repository
 * with 401 GatedRepo; a renamed one with a relative 307. Also the model-info API
 * (`/api/models/{repo}/revision/{rev}?blobs=true`) that browsers need. Every request is recorded,
 * with its Origin. It can serve a file corrupted (other bytes, same length, announced hash
 * unchanged) or stall one half-way (for Cancel).
 *
 * CORS as the real hosts do it, so that a browser (the web extension host's tests, through
 * test/support/hubControlServer.ts) meets what it meets on huggingface.co. Sources: the hub
 * opened CORS on /resolve/ in 2023 (huggingface/huggingface_hub#468); huggingface/hub-docs#1889
 * quotes its preflight answer; huggingface/datasets#7931 the CDN's failing preflight;
 * huggingface.js reads ETag and Content-Range in browsers (packages/hub/src/lib/file-download-info.ts);
 * curl captures of live responses (2026) give the headers below and the 307 to /api/resolve-cache/.
 * huggingface.co answers every request, redirects and errors included, with
 * `Access-Control-Allow-Origin: <the request's Origin>` (its own origin when there is none),
 * `Vary: Origin`, `Access-Control-Max-Age: 86400` and `Access-Control-Expose-Headers:
 * X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,
 * Content-Range,X-Linked-Size,X-Linked-ETag,X-Xet-Hash`; a preflight gets the method and headers
 * asked for. The CDN it redirects LFS files to (cas-bridge.xethub.hf.co, *.cdn.hf.co) answers a
 * GET with `Access-Control-Allow-Origin: *` and `Access-Control-Expose-Headers: *` (after a
 * redirect to another origin the browser sends `Origin: null`), but fails a preflight (datasets#7931):
 * a client must send it nothing but a simple request. Range is not served (the client never asks).
 *
 * Node's http and crypto come from process.getBuiltinModule, not an import: this file is also
 * bundled into the web host's integration tests, where it does not run (the web worker has no Node).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Each repository's files, by name. */
export type HubRepos = Record<string, Record<string, Uint8Array>>;

export interface HubServerOptions {
  /** Files at least this large are LFS files; `.safetensors` and `.bin` always are. Default 64 KiB. */
  readonly lfsThreshold?: number;
  /** Where an LFS file's redirect points: the CDN server (default), or `/cdn/…` on the hub itself. */
  readonly redirect?: 'absolute' | 'relative';
  /** Repositories that answer 401 GatedRepo. */
  readonly gated?: readonly string[];
  /** Old id → new id: the hub answers the old one with a relative 307 to the new one. */
  readonly renamed?: Readonly<Record<string, string>>;
  /** A file kept in git: a relative 307 to /api/resolve-cache/… (default, as huggingface.co does), or 200 at once. */
  readonly gitFiles?: 'resolveCache' | 'direct';
}

export interface HubRequest {
  readonly server: 'hub' | 'cdn';
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  /** The Origin header: set by a browser (a CORS request), "null" after a redirect to another origin. */
  readonly origin?: string;
}

export interface HubServer {
  /** "http://127.0.0.1:PORT": what attentionExplorer.modelHub is set to. */
  readonly url: string;
  readonly cdnUrl: string;
  readonly requests: HubRequest[];
  /** The commit every revision of `repo` resolves to. */
  commitOf(repo: string): string;
  sha256Of(bytes: Uint8Array): string;
  /** Serve this file with one byte changed (its announced size and hash stay those of the real bytes). */
  corrupt(repo: string, file: string): void;
  /**
   * Serve this file's first half, then nothing more, until the client goes away. `stalled`
   * resolves when the first half has been sent; `released` when the client closed the connection.
   */
  stall(repo: string, file: string): { stalled: Promise<void>; released: Promise<void> };
  /** Serve every file normally again. */
  reset(): void;
  close(): Promise<void>;
}

/** Whether this host has Node's http (the Node extension host, node:test), so the server can run. */
export function canStartHubServer(): boolean {
  return typeof process !== 'undefined' && typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function';
}

export async function startHubServer(repos: HubRepos, options: HubServerOptions = {}): Promise<HubServer> {
  if (!canStartHubServer()) throw new Error('the hub test server needs Node (process.getBuiltinModule)');
  const http = process.getBuiltinModule('node:http');
  const crypto = process.getBuiltinModule('node:crypto');
  const digest = (algorithm: string, ...parts: (string | Uint8Array)[]) => {
    const hash = crypto.createHash(algorithm);
    for (const part of parts) hash.update(part);
    return hash.digest('hex');
  };
  const lfsThreshold = options.lfsThreshold ?? 64 * 1024;
  const isLfs = (file: string, bytes: Uint8Array) => /\.(safetensors|bin)$/.test(file) || bytes.length >= lfsThreshold;
  const commits = new Map(Object.keys(repos).map((repo) => [repo, digest('sha1', `commit of ${repo}`)]));
  /** LFS objects by SHA-256, as the CDN serves them. */
  const objects = new Map<string, Uint8Array>();
  for (const files of Object.values(repos)) for (const [file, bytes] of Object.entries(files)) if (isLfs(file, bytes)) objects.set(digest('sha256', bytes), bytes);
  const corrupted = new Set<string>();
  const stalls = new Map<string, { onStalled: () => void; onReleased: () => void }>();
  const requests: HubRequest[] = [];
  const key = (repo: string, file: string) => `${repo}\0${file}`;
  const sha256Of = (bytes: Uint8Array) => digest('sha256', bytes);
  const gitSha1Of = (bytes: Uint8Array) => digest('sha1', `blob ${bytes.length}\0`, bytes);
  /** The Git LFS pointer file git keeps for an LFS file (its blob is what the API's blobId names). */
  const lfsPointer = (bytes: Uint8Array) => new TextEncoder().encode(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256Of(bytes)}\nsize ${bytes.length}\n`);

  /** What huggingface.co exposes to a browser (see the file's comment). */
  const HUB_EXPOSED = 'X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,X-Linked-Size,X-Linked-ETag,X-Xet-Hash';
  /** The CORS headers of every answer of the server, set before its own. */
  function setCors(server: 'hub' | 'cdn', request: IncomingMessage, response: ServerResponse): void {
    if (server === 'cdn') {
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Access-Control-Expose-Headers', '*');
      return;
    }
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? hubUrl);
    response.setHeader('Vary', 'Origin');
    response.setHeader('Access-Control-Max-Age', '86400');
    response.setHeader('Access-Control-Expose-Headers', HUB_EXPOSED);
  }
  /** A preflight: the hub allows what is asked; the CDN fails it, as cas-bridge.xethub.hf.co does. */
  function preflight(server: 'hub' | 'cdn', request: IncomingMessage, response: ServerResponse): void {
    if (server === 'cdn') {
      response.removeHeader('Access-Control-Allow-Origin');
      response.removeHeader('Access-Control-Expose-Headers');
      response.writeHead(403);
      return void response.end();
    }
    const method = request.headers['access-control-request-method'];
    const headers = request.headers['access-control-request-headers'];
    response.writeHead(204, { ...(method ? { 'Access-Control-Allow-Methods': method } : {}), ...(headers ? { 'Access-Control-Allow-Headers': headers } : {}) });
    response.end();
  }
  /** Known once the servers listen, before any request. */
  let hubUrl = '';
  let cdnUrl = '';

  function sendError(response: ServerResponse, status: number, code: string): void {
    response.writeHead(status, { 'Content-Type': 'application/json', 'X-Error-Code': code });
    response.end(JSON.stringify({ error: code }));
  }

  /** The body of a file: as it is, corrupted, or stalled after its first half. */
  function sendBody(request: IncomingMessage, response: ServerResponse, bytes: Uint8Array, headers: Record<string, string>, id: string | undefined): void {
    const body = id && corrupted.has(id) ? Uint8Array.from(bytes, (byte, i) => (i === bytes.length >> 1 ? byte ^ 0xff : byte)) : bytes;
    response.writeHead(200, { 'Content-Length': String(body.length), ...headers });
    if (request.method === 'HEAD') return void response.end();
    const stall = id ? stalls.get(id) : undefined;
    if (!stall) return void response.end(body);
    response.on('close', stall.onReleased);
    response.write(body.subarray(0, body.length >> 1), () => stall.onStalled());
  }

  function handle(server: 'hub' | 'cdn', request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? '/';
    requests.push({ server, method: request.method ?? '', url, ...(request.headers.origin !== undefined ? { origin: request.headers.origin } : {}) });
    setCors(server, request, response);
    if (request.method === 'OPTIONS') return preflight(server, request, response);
    const path = decodeURIComponent(new URL(url, 'http://hub').pathname);
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(path);
    if (cdn) {
      const bytes = objects.get(cdn[1]);
      if (!bytes) return sendError(response, 404, 'NoSuchKey');
      // The id of the (first) repository file with these bytes, so corrupt/stall apply on the CDN.
      const id = [...Object.entries(repos)].flatMap(([repo, files]) => Object.entries(files).filter(([, b]) => b === bytes).map(([file]) => key(repo, file)))[0];
      return sendBody(request, response, bytes, { ETag: `"${digest('md5', bytes)}"`, 'Content-Type': 'application/octet-stream' }, id);
    }
    if (server === 'cdn') return sendError(response, 404, 'NoSuchKey');

    const api = /^\/api\/models\/(.+)\/revision\/([^/]+)$/.exec(path);
    if (api) return listing(response, api[1], api[2]);
    const cached = /^\/api\/resolve-cache\/models\/(.+)\/([0-9a-f]{40})\/(.+)$/.exec(path);
    if (cached) {
      const [, repo, commit, file] = cached;
      const bytes = repos[repo]?.[file];
      if (!bytes || commits.get(repo) !== commit || isLfs(file, bytes)) return sendError(response, 404, 'EntryNotFound');
      return sendBody(request, response, bytes, { ETag: `"${gitSha1Of(bytes)}"`, 'X-Repo-Commit': commit, 'Content-Type': 'text/plain; charset=utf-8' }, key(repo, file));
    }
    const resolve = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (!resolve) return sendError(response, 404, 'RepoNotFound');
    const [, repo, revision, file] = resolve;
    const renamedTo = options.renamed?.[repo];
    if (renamedTo) {
      response.writeHead(307, { Location: url.replace(`/${repo}/`, `/${renamedTo}/`) });
      return void response.end();
    }
    const files = repos[repo];
    if (!files) return sendError(response, 401, 'RepoNotFound'); // the hub answers 401 so as not to say whether a private one exists
    if (options.gated?.includes(repo)) return sendError(response, 401, 'GatedRepo');
    const commit = commits.get(repo)!;
    if (revision !== 'main' && revision !== commit) return sendError(response, 404, 'RevisionNotFound');
    const bytes = files[file];
    if (!bytes) {
      response.writeHead(404, { 'X-Error-Code': 'EntryNotFound', 'X-Repo-Commit': commit });
      return void response.end('Entry not found');
    }
    if (isLfs(file, bytes)) {
      const sha256 = digest('sha256', bytes);
      const location = options.redirect === 'relative' ? `/cdn/${sha256}` : `${cdnUrl}/cdn/${sha256}`;
      response.writeHead(302, { Location: location, 'X-Linked-Etag': `"${sha256}"`, 'X-Linked-Size': String(bytes.length), 'X-Repo-Commit': commit, ETag: `"${sha256}"` });
      return void response.end(`Found. Redirecting to ${location}`);
    }
    const gitSha1 = gitSha1Of(bytes);
    if (options.gitFiles !== 'direct') {
      // As huggingface.co: the same origin, the path the client asked for and the ETag in the query.
      const location = `/api/resolve-cache/models/${repo}/${commit}/${file}?${encodeURIComponent(path)}=&etag=${encodeURIComponent(`"${gitSha1}"`)}`;
      response.writeHead(307, { Location: location, 'X-Linked-Etag': `"${gitSha1}"`, 'X-Repo-Commit': commit, 'Content-Type': 'text/plain; charset=utf-8' });
      return void response.end(`Temporary Redirect. Redirecting to ${location}`);
    }
    sendBody(request, response, bytes, { ETag: `"${gitSha1}"`, 'X-Repo-Commit': commit, 'Content-Type': 'text/plain; charset=utf-8' }, key(repo, file));
  }

  function listing(response: ServerResponse, repo: string, revision: string): void {
    const files = repos[repo];
    if (!files) return sendError(response, 401, 'RepoNotFound');
    if (options.gated?.includes(repo)) return sendError(response, 401, 'GatedRepo');
    const commit = commits.get(repo)!;
    if (revision !== 'main' && revision !== commit) return sendError(response, 404, 'RevisionNotFound');
    // What huggingface.co answers (the fields the client reads, and a few beside): with blobs=true each
    // sibling has its blobId and size, and an LFS file its lfs { sha256, size, pointerSize }.
    const siblings = Object.entries(files).map(([file, bytes]) => {
      if (!isLfs(file, bytes)) return { rfilename: file, blobId: gitSha1Of(bytes), size: bytes.length };
      const pointer = lfsPointer(bytes);
      return { rfilename: file, blobId: gitSha1Of(pointer), size: bytes.length, lfs: { sha256: sha256Of(bytes), size: bytes.length, pointerSize: pointer.length } };
    });
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ _id: commit.slice(0, 24), id: repo, modelId: repo, author: repo.split('/')[0], sha: commit, private: false, gated: false, disabled: false, tags: ['transformers'], siblings }));
  }

  const listen = (server: Server) =>
    new Promise<string>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`));
    });
  const hub = http.createServer((request, response) => handle('hub', request, response));
  const cdnServer = http.createServer((request, response) => handle('cdn', request, response));
  hubUrl = await listen(hub);
  cdnUrl = await listen(cdnServer);

  return {
    url: hubUrl,
    cdnUrl,
    requests,
    commitOf: (repo) => commits.get(repo)!,
    sha256Of,
    corrupt: (repo, file) => void corrupted.add(key(repo, file)),
    stall(repo, file) {
      let onStalled!: () => void;
      let onReleased!: () => void;
      const stalled = new Promise<void>((resolve) => (onStalled = resolve));
      const released = new Promise<void>((resolve) => (onReleased = resolve));
      stalls.set(key(repo, file), { onStalled, onReleased });
      return { stalled, released };
    },
    reset() {
      corrupted.clear();
      stalls.clear();
    },
    close: async () => {
      for (const server of [hub, cdnServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
