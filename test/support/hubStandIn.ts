/**
 * The hub stand-in (hubServer.ts) for tests that run in either extension host: in the Node one it
 * starts in this process; in the web worker one (no Node) it is started by the runner's control
 * server (hubControlServer.ts, whose URL the runner gives as HUB_CONTROL_URL) and driven over
 * HTTP. Either way the extension's fetch reaches it over the network, as it would the real hub.
 */
import { canStartHubServer, startHubServer, type HubRepos, type HubRequest, type HubServerOptions } from './hubServer';

export interface HubStandIn {
  /** "http://127.0.0.1:PORT": what attentionExplorer.modelHub is set to. */
  readonly url: string;
  readonly cdnUrl: string;
  /** Where it runs: in this process, or in the test runner's (the web host). */
  readonly where: 'here' | 'runner';
  /** The commit every revision of `repo` resolves to. */
  commitOf(repo: string): string;
  /** The SHA-256 of a file, as the hub computed it. */
  sha256Of(repo: string, file: string): string;
  /** Every request the hub and its CDN received so far. */
  requests(): Promise<HubRequest[]>;
  corrupt(repo: string, file: string): Promise<void>;
  /** Serves the file's first half, then nothing; `stalled` once it was sent, `released` once the client let go. */
  stall(repo: string, file: string): Promise<{ stalled: Promise<void>; released: Promise<void> }>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The stand-in, or undefined when this host can neither start it nor reach a runner's. */
export async function startHubStandIn(repos: HubRepos, options: HubServerOptions = {}): Promise<HubStandIn | undefined> {
  if (canStartHubServer()) {
    const server = await startHubServer(repos, options);
    return {
      url: server.url,
      cdnUrl: server.cdnUrl,
      where: 'here',
      commitOf: (repo) => server.commitOf(repo),
      sha256Of: (repo, file) => server.sha256Of(repos[repo][file]),
      requests: async () => [...server.requests],
      corrupt: async (repo, file) => server.corrupt(repo, file),
      stall: async (repo, file) => server.stall(repo, file),
      reset: async () => server.reset(),
      close: () => server.close(),
    };
  }
  const control = typeof process !== 'undefined' ? process.env.HUB_CONTROL_URL : undefined;
  return control ? remoteStandIn(control, repos, options) : undefined;
}

async function remoteStandIn(control: string, repos: HubRepos, options: HubServerOptions): Promise<HubStandIn> {
  const call = async <T>(path: string, body: unknown = {}): Promise<T> => {
    // text/plain: a simple request, so the control server needs no preflight.
    const response = await fetch(`${control}${path}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`the hub control server answered ${response.status} to ${path}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const encoded = Object.fromEntries(Object.entries(repos).map(([repo, files]) => [repo, Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, base64(bytes)]))]));
  const started = await call<{ id: string; url: string; cdnUrl: string; commits: Record<string, string>; sha256s: Record<string, Record<string, string>> }>('/hubs', { repos: encoded, options });
  const hub = (action: string) => `/hubs/${started.id}/${action}`;
  return {
    url: started.url,
    cdnUrl: started.cdnUrl,
    where: 'runner',
    commitOf: (repo) => started.commits[repo],
    sha256Of: (repo, file) => started.sha256s[repo][file],
    requests: () => call<HubRequest[]>(hub('requests')),
    corrupt: (repo, file) => call(hub('corrupt'), { repo, file }),
    async stall(repo, file) {
      await call(hub('stall'), { repo, file });
      // Each a long poll, answered when it happened.
      return { stalled: call<void>(hub('stalled'), { repo, file }), released: call<void>(hub('released'), { repo, file }) };
    },
    reset: () => call(hub('reset')),
    close: () => call(hub('close')),
  };
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
