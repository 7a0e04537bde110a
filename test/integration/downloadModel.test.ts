/**
 * "Download Model…" in a real VS Code, in both extension hosts, against a local stand-in for the
 * hub (test/support/hubServer.ts, on 127.0.0.1; never the real hub) that answers, CORS included,
 * as huggingface.co and its CDN do: the files land in the extension's global storage byte for
 * byte with their meta file, "Use This Model" sets the setting, a corrupted file and Cancel leave
 * nothing behind, failures are explained, and the hub is asked for nothing but the model's files.
 * In the Node host the stand-in runs in this process; in the web worker host (VS Code for the
 * Web, Chromium: fetch with CORS, no readable redirects, workspace.fs) the runner runs it
 * (test/support/hubStandIn.ts), and the hashes come from the hub's model-info API.
 *
 * Cancel: the command takes `{ cancellation: CancellationToken }` among its arguments, which
 * cancels as the notification's Cancel button does.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { listDownloadedModels } from '../../src/models/download/downloadedModels';
import type { HubRepos, HubRequest } from '../support/hubServer';
import { startHubStandIn, type HubStandIn } from '../support/hubStandIn';
import { recordMessages, withSettings } from './support';

const DOWNLOAD = 'attentionExplorer.downloadModel';
const text = (value: string) => new TextEncoder().encode(value);
const randomBytes = (length: number) => Uint8Array.from({ length }, () => Math.floor(Math.random() * 256));

const CONFIG = text('{"model_type":"bert","hidden_size":8,"num_hidden_layers":1,"num_attention_heads":2,"intermediate_size":16,"vocab_size":10,"max_position_embeddings":16}');
const tinyBert = (): Record<string, Uint8Array> => ({
  'config.json': CONFIG,
  'vocab.txt': text('[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n我\n去\n了\n银\n行\n'),
  'model.safetensors': randomBytes(300_000),
});
const REPOS: HubRepos = {
  'test-org/tiny-bert': tinyBert(),
  'test-org/tiny-bert-2': tinyBert(),
  'test-org/tiny-t5': { 'config.json': text('{"model_type":"t5"}'), 'model.safetensors': randomBytes(1000) },
};

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Runs the command with the hub setting pointing at the local server, recording its messages. */
function download(hub: HubStandIn, args: Record<string, unknown>) {
  return withSettings({ modelHub: hub.url }, () => recordMessages(() => Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>(DOWNLOAD, args))));
}

/** The names in the downloads' folder that belong to `repo`'s folder (itself, or its partial folders). */
async function entriesOf(models: vscode.Uri, folderName: string): Promise<string[]> {
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(models)).catch(() => []);
  return entries.map(([name]) => name).filter((name) => name === folderName || name.startsWith(`${folderName}.`)).sort();
}

describe('Download Model… from a local hub', function () {
  this.timeout(60_000);
  let hub: HubStandIn;
  /** {globalStorageUri}/models, known from the first download. */
  let models: vscode.Uri | undefined;

  before(async function () {
    const started = await startHubStandIn(REPOS);
    if (!started) return this.skip(); // a web host whose runner runs no stand-in
    hub = started;
  });

  after(async () => {
    await hub?.close();
    if (!models) return;
    const ours = (await vscode.workspace.fs.readDirectory(models)).filter(([name]) => name.startsWith('test-org--'));
    for (const [name] of ours) await vscode.workspace.fs.delete(vscode.Uri.joinPath(models, name), { recursive: true, useTrash: false });
  });

  it('fetches every file into the global storage, byte for byte, with its meta file, and says so', async () => {
    const { result: folder, messages } = await download(hub, { repo: 'test-org/tiny-bert' });
    assert.ok(folder instanceof vscode.Uri, `the command returned the folder (messages: ${JSON.stringify(messages)})`);
    assert.match(folder.path, /\/models\/test-org--tiny-bert$/);
    models = vscode.Uri.joinPath(folder, '..');
    for (const [name, bytes] of Object.entries(REPOS['test-org/tiny-bert'])) {
      assert.ok(equalBytes(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)), bytes), `${name} is byte-identical`);
    }
    const meta = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'attention-explorer-download.json'))));
    assert.equal(meta.repo, 'test-org/tiny-bert');
    assert.equal(meta.revision, 'main');
    assert.equal(meta.commit, hub.commitOf('test-org/tiny-bert'));
    assert.deepEqual(
      meta.files.map((file: { name: string; sha256?: string }) => [file.name, file.sha256]),
      [['config.json', undefined], ['vocab.txt', undefined], ['model.safetensors', hub.sha256Of('test-org/tiny-bert', 'model.safetensors')]],
    );
    assert.deepEqual(await entriesOf(models, 'test-org--tiny-bert'), ['test-org--tiny-bert'], 'no partial folder is left');
    assert.deepEqual(messages.map((m) => m.kind), ['info']);
    assert.match(messages[0].text, /test-org\/tiny-bert/);

    const listed = await listDownloadedModels(vscode.Uri.joinPath(models, '..'));
    assert.deepEqual(listed.filter((model) => model.repo.startsWith('test-org/')).map((model) => [model.repo, model.revision, model.uri.toString()]), [['test-org/tiny-bert', 'main', folder.toString()]]);
  });

  it('reports progress in bytes and as a fraction of the total, and clears partial folders a crashed window left', async () => {
    assert.ok(models);
    const stale = vscode.Uri.joinPath(models, 'test-org--tiny-bert.partial-1-crash'); // begun in 1970
    const fresh = vscode.Uri.joinPath(models, `test-org--tiny-bert.partial-${Date.now().toString(36)}-other`); // another window's, under way
    for (const folder of [stale, fresh]) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'model.safetensors'), new Uint8Array(10));
    type Report = { message?: string; increment?: number };
    type WithProgress = (options: vscode.ProgressOptions, task: (progress: vscode.Progress<Report>, token: vscode.CancellationToken) => Thenable<unknown>) => Thenable<unknown>;
    const window = vscode.window as unknown as { withProgress: WithProgress };
    const original = window.withProgress;
    const reports: Report[] = [];
    window.withProgress = (options, task) => original.call(vscode.window, options, (progress, token) => task({ report: (value) => (reports.push(value), progress.report(value)) }, token));
    try {
      assert.ok((await download(hub, { repo: 'test-org/tiny-bert' })).result);
    } finally {
      window.withProgress = original;
    }
    assert.match(reports[0].message ?? '', /^Asking 127\.0\.0\.1:\d+ for the files…$/);
    const last = /^([\d.]+ kB) of ([\d.]+ kB) · model\.safetensors$/.exec(reports.at(-1)?.message ?? '');
    assert.ok(last && last[1] === last[2], `the last report is the whole of the weights: ${reports.at(-1)?.message}`);
    const increments = reports.map((report) => report.increment ?? 0);
    assert.ok(increments.every((increment) => increment >= 0));
    assert.ok(Math.abs(increments.reduce((sum, increment) => sum + increment, 0) - 100) < 1e-6, `the bar ends full: ${increments.join(', ')}`);
    assert.deepEqual(await entriesOf(models, 'test-org--tiny-bert'), ['test-org--tiny-bert', fresh.path.split('/').pop()], 'the stale partial folder is gone, the fresh one kept');
    await vscode.workspace.fs.delete(fresh, { recursive: true, useTrash: false });
  });

  it('offers the suggested repositories when no id is given', async () => {
    const before = (await hub.requests()).length;
    const running = download(hub, {});
    let settled = false;
    void running.finally(() => (settled = true));
    // Accept the prompt's first item once it is shown (nothing else can type into a quick pick).
    for (let tries = 0; !settled && tries < 100; tries++) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { result, messages } = await running;
    assert.equal(result, undefined);
    // The local hub has no such repository: what matters is that it was asked, and only there.
    assert.deepEqual((await hub.requests()).slice(before).map((request) => request.url), ['/google-bert/bert-base-chinese/resolve/main/config.json']);
    assert.match(messages[0]?.text ?? '', /no repository google-bert\/bert-base-chinese/);
  });

  it('sets attentionExplorer.model to the folder when "Use This Model" is chosen', async () => {
    const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = window.showInformationMessage;
    // Answer the success message with its button (the extension and the tests share this API object).
    window.showInformationMessage = (...args: unknown[]) => Promise.resolve(args[1]);
    try {
      await withSettings({ model: undefined, modelHub: hub.url }, async () => {
        const folder = await vscode.commands.executeCommand<vscode.Uri | undefined>(DOWNLOAD, { repo: 'test-org/tiny-bert' });
        assert.ok(folder);
        const expected = folder.scheme === 'file' ? folder.fsPath : folder.toString();
        const deadline = Date.now() + 5000;
        while (vscode.workspace.getConfiguration('attentionExplorer').get('model') !== expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(vscode.workspace.getConfiguration('attentionExplorer').inspect('model')?.globalValue, expected);
      });
    } finally {
      window.showInformationMessage = original;
    }
  });

  it('keeps nothing of a corrupted weights file (no folder, no partial folder), and an older download stays as it was', async () => {
    assert.ok(models, 'the first test downloaded test-org/tiny-bert');
    await hub.corrupt('test-org/tiny-bert', 'model.safetensors');
    await hub.corrupt('test-org/tiny-bert-2', 'model.safetensors');
    try {
      for (const repo of ['test-org/tiny-bert-2', 'test-org/tiny-bert']) {
        const { result, messages } = await download(hub, { repo });
        assert.equal(result, undefined);
        assert.deepEqual(messages.map((m) => m.kind), ['error']);
        assert.match(messages[0].text, /model\.safetensors.*SHA-256/);
      }
    } finally {
      await hub.reset();
    }
    assert.deepEqual(await entriesOf(models, 'test-org--tiny-bert-2'), [], 'nothing of the first download of tiny-bert-2');
    assert.deepEqual(await entriesOf(models, 'test-org--tiny-bert'), ['test-org--tiny-bert'], 'tiny-bert as before, and no partial folder');
    const weights = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(models, 'test-org--tiny-bert', 'model.safetensors'));
    assert.ok(equalBytes(weights, REPOS['test-org/tiny-bert']['model.safetensors']), 'the older weights are intact');
  });

  it('keeps nothing of a corrupted file kept in git (its blob SHA-1: X-Linked-Etag in Node, the model-info API in a browser)', async () => {
    assert.ok(models);
    await hub.corrupt('test-org/tiny-bert-2', 'vocab.txt');
    try {
      const { result, messages } = await download(hub, { repo: 'test-org/tiny-bert-2' });
      assert.equal(result, undefined);
      assert.deepEqual(messages.map((m) => m.kind), ['error']);
      assert.match(messages[0].text, /vocab\.txt.*SHA-1/);
    } finally {
      await hub.reset();
    }
    assert.deepEqual(await entriesOf(models, 'test-org--tiny-bert-2'), []);
  });

  it('stops on Cancel in the middle of a file and leaves nothing behind', async () => {
    assert.ok(models);
    const { stalled, released } = await hub.stall('test-org/tiny-bert-2', 'model.safetensors');
    const cancel = new vscode.CancellationTokenSource();
    try {
      const running = download(hub, { repo: 'test-org/tiny-bert-2', cancellation: cancel.token });
      await stalled;
      const during = await entriesOf(models, 'test-org--tiny-bert-2');
      assert.equal(during.length, 1, 'one partial folder while it downloads');
      assert.match(during[0], /^test-org--tiny-bert-2\.partial-/);
      cancel.cancel();
      const { result, messages } = await running;
      assert.equal(result, undefined);
      assert.deepEqual(messages.map((m) => m.kind), ['info']);
      assert.match(messages[0].text, /cancelled/);
      await released; // the connection was closed
    } finally {
      cancel.dispose();
      await hub.reset();
    }
    assert.deepEqual(await entriesOf(models, 'test-org--tiny-bert-2'), []);
  });

  it('explains a missing repository, a model that is not BERT or GPT-2, an invalid id and a bad hub setting, fetching no weights', async () => {
    assert.ok(models);
    const before = (await hub.requests()).length;
    const missing = await download(hub, { repo: 'test-org/no-such-model' });
    assert.match(missing.messages[0]?.text ?? '', /no repository test-org\/no-such-model/);
    const t5 = await download(hub, { repo: 'test-org/tiny-t5' });
    assert.match(t5.messages[0]?.text ?? '', /"t5" model/);
    const invalid = await download(hub, { repo: '../etc/passwd' });
    assert.match(invalid.messages[0]?.text ?? '', /is not a Hugging Face repository id/);
    const badHub = await withSettings({ modelHub: 'ftp://example.invalid' }, () => recordMessages(() => Promise.resolve(vscode.commands.executeCommand(DOWNLOAD, { repo: 'test-org/tiny-bert' }))));
    assert.match(badHub.messages[0]?.text ?? '', /attentionExplorer\.modelHub/);
    for (const outcome of [missing, t5, invalid, badHub]) {
      assert.equal(outcome.result, undefined);
      assert.deepEqual(outcome.messages.map((m) => m.kind), ['error']);
    }
    // config.json of the two valid ids: the hub answers a file kept in git with a 307 to its
    // /api/resolve-cache/…. A browser answers the first request (redirect: 'manual') with an opaque
    // response, so there the client asks again, letting the browser follow.
    const asked = (await hub.requests()).slice(before).map((request) => new URL(request.url, hub.url).pathname);
    const t5Config = hub.where === 'runner' ? ['/test-org/tiny-t5/resolve/main/config.json', '/test-org/tiny-t5/resolve/main/config.json'] : ['/test-org/tiny-t5/resolve/main/config.json'];
    assert.deepEqual(
      asked,
      ['/test-org/no-such-model/resolve/main/config.json', ...t5Config, `/api/resolve-cache/models/test-org/tiny-t5/${hub.commitOf('test-org/tiny-t5')}/config.json`],
      'only config.json, of the two valid ids',
    );
    assert.deepEqual(await entriesOf(models, 'test-org--tiny-t5'), []);
  });

  it('asked the hub for nothing but the files of the models (and, in a browser, their lists), the CDN for nothing but their weights, and never needed a preflight', async () => {
    const requests = await hub.requests();
    const path = (request: HubRequest) => new URL(request.url, hub.url).pathname;
    const hubFile = (request: HubRequest) =>
      /^\/[\w.-]+\/[\w.-]+\/resolve\/\w+\/[\w.]+$/.test(request.url) || /^\/api\/resolve-cache\/models\/[\w.-]+\/[\w.-]+\/[0-9a-f]{40}\/[\w.]+$/.test(path(request));
    const listing = (request: HubRequest) => /^\/api\/models\/[\w.-]+\/[\w.-]+\/revision\/[0-9a-f]{40}\?blobs=true$/.test(request.url);
    const unexpected = requests.filter(
      (request) =>
        !(request.server === 'hub' && (request.method === 'GET' || request.method === 'HEAD') && (hubFile(request) || (hub.where === 'runner' && request.method === 'GET' && listing(request)))) &&
        !(request.server === 'cdn' && request.method === 'GET' && /^\/cdn\/[0-9a-f]{64}$/.test(request.url)),
    );
    // No OPTIONS among them: the client sends only simple requests, which the CDN (no preflight) requires.
    assert.deepEqual(unexpected, []);
    assert.ok(requests.some((request) => request.server === 'cdn'));
    if (hub.where === 'here') {
      assert.ok(!requests.some(listing), 'in Node the resolve requests say it all: no model-info API');
      return;
    }
    // A browser: every request is a CORS one, and after the hub's redirect to another origin the CDN is asked with Origin: null.
    assert.deepEqual(requests.filter((request) => request.origin === undefined), [], 'every request came from the browser, with an Origin');
    assert.ok(requests.filter((request) => request.server === 'cdn').every((request) => request.origin === 'null'));
    assert.ok(requests.some(listing), 'the hashes came from the model-info API');
  });
});
