/**
 * Lets tests that run where Node's http is not (the web worker extension host of VS Code for the
 * Web) use the hub stand-in (hubServer.ts): scripts/vscode-web/run-integration-tests.mjs starts
 * this on 127.0.0.1 and gives the tests its URL (HUB_CONTROL_URL in their process.env); the
 * tests' client is hubStandIn.ts. One POST per call, a JSON body sent as text/plain (a simple
 * CORS request: no preflight), a JSON answer:
 *
 *   POST /hubs                   { repos: { repo: { file: base64 } }, options } -> { id, url, cdnUrl, commits, sha256s }
 *   POST /hubs/{id}/requests     -> HubRequest[]
 *   POST /hubs/{id}/corrupt      { repo, file }
 *   POST /hubs/{id}/stall        { repo, file }; then .../stalled and .../released answer when it did
 *   POST /hubs/{id}/reset, /hubs/{id}/close
 *
 * Its own port, so the hub's request log holds only what the extension asked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { startHubServer, type HubRepos, type HubServer, type HubServerOptions } from './hubServer';

export interface HubControlServer {
  readonly url: string;
  close(): Promise<void>;
}

interface Hub {
  readonly server: HubServer;
  readonly stalls: Map<string, { stalled: Promise<void>; released: Promise<void> }>;
}

export async function startHubControlServer(): Promise<HubControlServer> {
  const hubs = new Map<string, Hub>();
  let nextId = 1;

  async function answer(path: string, body: Record<string, unknown>): Promise<unknown> {
    if (path === '/hubs') {
      const encoded = body.repos as Record<string, Record<string, string>>;
      const repos: HubRepos = Object.fromEntries(
        Object.entries(encoded).map(([repo, files]) => [repo, Object.fromEntries(Object.entries(files).map(([name, base64]) => [name, new Uint8Array(Buffer.from(base64, 'base64'))]))]),
      );
      const server = await startHubServer(repos, (body.options ?? {}) as HubServerOptions);
      const id = String(nextId++);
      hubs.set(id, { server, stalls: new Map() });
      const commits = Object.fromEntries(Object.keys(repos).map((repo) => [repo, server.commitOf(repo)]));
      const sha256s = Object.fromEntries(Object.entries(repos).map(([repo, files]) => [repo, Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, server.sha256Of(bytes)]))]));
      return { id, url: server.url, cdnUrl: server.cdnUrl, commits, sha256s };
    }
    const match = /^\/hubs\/(\d+)\/(\w+)$/.exec(path);
    const hub = match && hubs.get(match[1]);
    if (!match || !hub) throw new Error(`no such hub call: ${path}`);
    const { server, stalls } = hub;
    const stallKey = `${String(body.repo)}\0${String(body.file)}`;
    switch (match[2]) {
      case 'requests':
        return server.requests;
      case 'corrupt':
        return server.corrupt(String(body.repo), String(body.file));
      case 'stall':
        return void stalls.set(stallKey, server.stall(String(body.repo), String(body.file)));
      case 'stalled':
      case 'released': {
        const stall = stalls.get(stallKey);
        if (!stall) throw new Error(`${String(body.file)} of ${String(body.repo)} is not stalled`);
        return stall[match[2]].then(() => null);
      }
      case 'reset':
        stalls.clear();
        return server.reset();
      case 'close':
        hubs.delete(match[1]);
        return server.close();
    }
    throw new Error(`no such hub call: ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Any origin: the workbench's web worker asks from its own (and only tests ever reach 127.0.0.1).
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '' });
      return void response.end();
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      const result = await answer(new URL(request.url ?? '/', 'http://control').pathname, text ? JSON.parse(text) : {});
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(result ?? null));
    } catch (error) {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(error instanceof Error ? error.message : String(error));
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  const url = await new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`));
  });
  return {
    url,
    async close() {
      for (const { server: hub } of hubs.values()) await hub.close();
      hubs.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
