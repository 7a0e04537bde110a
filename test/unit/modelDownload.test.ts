/**
 * "Download Model…"'s core (src/models/download: hubClient, hubListing, modelDownload) against a
 * local stand-in for the hub (test/support/hubServer.ts): what it asks, in which order, what it
 * writes, how it checks, and that a failure or Cancel leaves nothing behind. The store is in
 * memory here; the integration test (test/integration/downloadModel.test.ts) runs the real one.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { formatBytes } from '../../src/models/download/byteSize';
import { DownloadError, type DownloadFailure } from '../../src/models/download/downloadError';
import { DOWNLOAD_META_FILE, parseDownloadMeta } from '../../src/models/download/downloadMeta';
import { joinChunks } from '../../src/common/export/joinChunks';
import type { FileWriter } from '../../src/models/download/fileWriter';
import type { Fetch } from '../../src/models/download/hubClient';
import { checkedHub, isRepoId, modelFolderName, parseRepoInput, resolveUrl } from '../../src/models/download/hubFiles';
import { downloadModel, type DownloadProgress, type ModelStore } from '../../src/models/download/modelDownload';
import { startHubServer, type HubRepos, type HubServer } from '../support/hubServer';

const text = (value: string) => new TextEncoder().encode(value);
const BERT_CONFIG = text(JSON.stringify({ model_type: 'bert', hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 16, vocab_size: 10, max_position_embeddings: 16 }));
const GPT2_CONFIG = text(JSON.stringify({ model_type: 'gpt2', n_embd: 8, n_layer: 1, n_head: 2, vocab_size: 10, n_positions: 16 }));

const TINY_BERT = {
  'config.json': BERT_CONFIG,
  'vocab.txt': text('[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n我\n去\n了\n银\n行\n'),
  'tokenizer_config.json': text('{"do_lower_case": true}'),
  'model.safetensors': new Uint8Array(randomBytes(300_000)),
  'README.md': text('# not fetched\n'),
};
const REPOS: HubRepos = {
  'test-org/tiny-bert': TINY_BERT,
  'test-org/tiny-gpt2': {
    'config.json': GPT2_CONFIG,
    'vocab.json': text('{"a": 0, "b": 1}'),
    'merges.txt': text('#version: 0.2\na b\n'),
    'pytorch_model.bin': new Uint8Array(randomBytes(120_000)),
  },
  'test-org/tiny-t5': { 'config.json': text('{"model_type": "t5"}'), 'model.safetensors': new Uint8Array(1000) },
  'test-org/no-weights': { 'config.json': BERT_CONFIG, 'vocab.txt': text('a\n') },
  'test-org/relative-bert': { 'config.json': text('{"model_type": "bert", "position_embedding_type": "relative_key"}'), 'model.safetensors': new Uint8Array(1000) },
  'test-org/gated': { 'config.json': BERT_CONFIG },
  'test-org/big-vocab': { ...TINY_BERT, 'vocab.txt': new Uint8Array(randomBytes(70_000)) }, // over the LFS threshold
};

/** A store in memory that records what it was asked, so a test can see what was left behind. */
function memoryStore(options: { maxFileSize?: number } = {}) {
  const committed = new Map<string, Map<string, Uint8Array>>();
  const partials = new Map<string, Map<string, Uint8Array>>();
  const openWriters = new Set<FileWriter>();
  let next = 0;
  const store: ModelStore<string> = {
    maxFileSize: options.maxFileSize,
    async begin(folderName) {
      const name = `${folderName}.partial-${next++}`;
      const files = new Map<string, Uint8Array>();
      partials.set(name, files);
      return {
        async createFile(file) {
          assert.ok(partials.has(name), 'a file is created only in a live partial folder');
          const chunks: Uint8Array[] = [];
          const writer: FileWriter = {
            write: async (chunk) => void chunks.push(chunk.slice()),
            close: async () => {
              openWriters.delete(writer);
              files.set(file, joinChunks(chunks));
            },
            abort: async () => void openWriters.delete(writer),
          };
          openWriters.add(writer);
          return writer;
        },
        async commit() {
          partials.delete(name);
          committed.set(folderName, files);
          return folderName;
        },
        discard: async () => void partials.delete(name),
      };
    },
  };
  return { store, committed, partials, openWriters };
}

const plainFetch: Fetch = (url, init) => fetch(url, init);

/**
 * fetch as a browser does it: `redirect: 'manual'` gives an opaque response with no status and no
 * headers (so the hub's X-Linked-* cannot be read), and `redirect: 'follow'` follows by itself.
 */
const browserFetch: Fetch = async (url, init) => {
  const response = await fetch(url, init);
  if (init.redirect !== 'manual' || response.status < 300 || response.status > 399) return response;
  await response.body?.cancel();
  return { type: 'opaqueredirect', status: 0, ok: false, redirected: false, url: '', headers: new Headers(), body: null } as unknown as Response;
};

async function failureOf(promise: Promise<unknown>): Promise<DownloadFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DownloadError, `a DownloadError, not ${String(error)}`);
    return error.failure;
  }
  assert.fail('the download did not fail');
}

describe('Download Model: the repository ids, revisions and URLs (hubFiles)', () => {
  it('accepts the hub\'s repository ids and refuses others', () => {
    for (const id of ['google-bert/bert-base-chinese', 'uer/chinese_roberta_L-4_H-256', 'openai-community/gpt2', 'gpt2', 'a.b/c_d-1']) assert.ok(isRepoId(id), id);
    for (const id of ['', 'a/b/c', 'org/', '/name', 'org/na me', 'org--x/y', 'org/x..y', '../x', 'org/.hidden', 'org/x-', 'org/ü', 'https://huggingface.co/gpt2', `org/${'x'.repeat(97)}`]) {
      assert.ok(!isRepoId(id), id);
    }
  });

  it('reads "org/name@revision", names the folder, and builds the resolve URL as the hub does', () => {
    assert.deepEqual(parseRepoInput(' org/name@v1.0 '), { repo: 'org/name', revision: 'v1.0' });
    assert.deepEqual(parseRepoInput('org/name'), { repo: 'org/name', revision: undefined });
    assert.equal(modelFolderName('google-bert/bert-base-chinese'), 'google-bert--bert-base-chinese');
    assert.equal(modelFolderName('gpt2'), 'gpt2');
    assert.equal(resolveUrl('https://huggingface.co/', 'org/name', 'refs/pr/1', 'config.json'), 'https://huggingface.co/org/name/resolve/refs%2Fpr%2F1/config.json');
  });

  it('takes the hub or a mirror as an http(s) address only', () => {
    assert.equal(checkedHub('https://huggingface.co'), 'https://huggingface.co');
    assert.equal(checkedHub(' https://hf-mirror.com/ '), 'https://hf-mirror.com');
    assert.equal(checkedHub('http://127.0.0.1:8080/hub/'), 'http://127.0.0.1:8080/hub');
    for (const bad of ['', 'huggingface.co', 'file:///etc', 'ftp://x', 'https://user:pw@hf.co', 'https://hf.co/?q=1']) assert.equal(checkedHub(bad), undefined, bad);
  });

  it('writes sizes in the hub\'s decimal units', () => {
    assert.deepEqual([0, 999, 1000, 12_345, 999_960, 12_300_000, 409_100_000, 1.5e9].map(formatBytes), ['0 B', '999 B', '1.0 kB', '12.3 kB', '1.0 MB', '12.3 MB', '409.1 MB', '1.5 GB']);
  });

  it('reads back only a valid meta file', () => {
    const valid = { repo: 'org/name', revision: 'main', commit: 'abc', files: [{ name: 'config.json', size: 3 }], downloadedAt: '2025-01-01T00:00:00.000Z' };
    assert.deepEqual(parseDownloadMeta(text(JSON.stringify(valid))), valid);
    for (const broken of ['', '{', 'null', '[]', JSON.stringify({ ...valid, repo: '../x' }), JSON.stringify({ ...valid, files: [{ name: 'x' }] }), JSON.stringify({ ...valid, commit: 1 })]) {
      assert.equal(parseDownloadMeta(text(broken)), undefined, broken);
    }
  });
});

describe('Download Model: a model from a local hub (modelDownload, hubClient)', () => {
  let hub: HubServer;
  before(async () => {
    hub = await startHubServer(REPOS);
  });
  after(() => hub.close());

  const download = (repo: string, store: ModelStore<string>, options: { fetch?: Fetch; signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void; revision?: string } = {}) =>
    downloadModel({ hub: hub.url, repo, revision: options.revision }, { fetch: options.fetch ?? plainFetch, store, signal: options.signal ?? new AbortController().signal, onProgress: options.onProgress, now: () => new Date('2025-06-01T12:00:00Z') });

  it('fetches config.json, the tokenizer files it has and the weights, byte for byte, and writes the meta file', async () => {
    hub.requests.length = 0;
    const { store, committed, partials, openWriters } = memoryStore();
    const progress: DownloadProgress[] = [];
    const { location, meta } = await download('test-org/tiny-bert', store, { onProgress: (p) => progress.push(p) });
    assert.equal(location, 'test-org--tiny-bert');
    const files = committed.get(location)!;
    assert.deepEqual([...files.keys()].sort(), [DOWNLOAD_META_FILE, 'config.json', 'model.safetensors', 'tokenizer_config.json', 'vocab.txt'].sort());
    for (const name of ['config.json', 'vocab.txt', 'tokenizer_config.json', 'model.safetensors']) assert.deepEqual(files.get(name), TINY_BERT[name as keyof typeof TINY_BERT], name);
    const commit = hub.commitOf('test-org/tiny-bert');
    assert.deepEqual(parseDownloadMeta(files.get(DOWNLOAD_META_FILE)!), meta);
    assert.deepEqual(meta, {
      repo: 'test-org/tiny-bert',
      revision: 'main',
      commit,
      files: [
        { name: 'config.json', size: BERT_CONFIG.length },
        { name: 'tokenizer_config.json', size: TINY_BERT['tokenizer_config.json'].length },
        { name: 'vocab.txt', size: TINY_BERT['vocab.txt'].length },
        { name: 'model.safetensors', size: 300_000, sha256: hub.sha256Of(TINY_BERT['model.safetensors']) },
      ],
      downloadedAt: '2025-06-01T12:00:00.000Z',
    });
    assert.equal(partials.size, 0);
    assert.equal(openWriters.size, 0);

    // What was asked: config.json at "main", then every other file at the commit it resolved to
    // (a git file through the hub's 307 to /api/resolve-cache/…, which names the commit too).
    const asked = hub.requests.map((r) => `${r.server} ${r.method} ${r.url}`);
    assert.equal(asked[0], 'hub GET /test-org/tiny-bert/resolve/main/config.json');
    const atCommit = (line: string) => line.includes(`/resolve/${commit}/`) || line.includes(`/api/resolve-cache/models/test-org/tiny-bert/${commit}/`);
    assert.ok(asked.slice(1).every((line) => atCommit(line) || /^cdn GET \/cdn\/[0-9a-f]{64}$/.test(line)), asked.join('\n'));
    assert.ok(!asked.some((line) => line.includes('README.md') || line.includes('pytorch_model.bin') || line.includes('/api/models/')), 'nothing else is asked for');
    assert.deepEqual(asked.filter((line) => line.startsWith('cdn')), [`cdn GET /cdn/${hub.sha256Of(TINY_BERT['model.safetensors'])}`], 'the weights come from the CDN, once');

    // Progress in bytes, never backwards, ending at the total of every file.
    const total = meta.files.reduce((sum, file) => sum + file.size, 0);
    assert.ok(progress.length > 2);
    assert.ok(progress.every((p, i) => p.total === total && (i === 0 || p.received >= progress[i - 1].received)));
    assert.equal(progress.at(-1)!.received, total);
    assert.equal(progress.at(-1)!.file, 'model.safetensors');
  });

  it('takes pytorch_model.bin when there is no model.safetensors, and a byte-level BPE tokenizer\'s files', async () => {
    const { store, committed } = memoryStore();
    const { meta } = await download('test-org/tiny-gpt2', store);
    assert.deepEqual(meta.files.map((file) => file.name), ['config.json', 'vocab.json', 'merges.txt', 'pytorch_model.bin']);
    assert.deepEqual(committed.get('test-org--tiny-gpt2')!.get('pytorch_model.bin'), REPOS['test-org/tiny-gpt2']['pytorch_model.bin']);
  });

  it('checks a large file kept in LFS that is not weights by its SHA-256 too', async () => {
    const { meta } = await download('test-org/big-vocab', memoryStore().store);
    assert.equal(meta.files.find((file) => file.name === 'vocab.txt')!.sha256, hub.sha256Of(REPOS['test-org/big-vocab']['vocab.txt']));
  });

  it('follows a relative redirect to the CDN, and a renamed repository\'s relative 307', async () => {
    const other = await startHubServer(REPOS, { redirect: 'relative', renamed: { 'old-org/tiny-bert': 'test-org/tiny-bert' } });
    try {
      const { store, committed } = memoryStore();
      await downloadModel({ hub: other.url, repo: 'old-org/tiny-bert' }, { fetch: plainFetch, store, signal: new AbortController().signal });
      assert.deepEqual(committed.get('old-org--tiny-bert')!.get('model.safetensors'), TINY_BERT['model.safetensors']);
      assert.ok(other.requests.some((r) => r.server === 'hub' && r.url.startsWith('/cdn/')), 'the CDN path was asked of the hub itself');
      assert.ok(other.requests.every((r) => r.server === 'hub'));
    } finally {
      await other.close();
    }
  });

  it('refuses weights whose SHA-256 is not the one announced, names the file, and keeps nothing (an older download stays)', async () => {
    const { store, committed, partials, openWriters } = memoryStore();
    await download('test-org/tiny-bert', store);
    const older = committed.get('test-org--tiny-bert');
    hub.corrupt('test-org/tiny-bert', 'model.safetensors');
    try {
      const failure = await failureOf(download('test-org/tiny-bert', store));
      assert.equal(failure.kind, 'hashMismatch');
      assert.ok(failure.kind === 'hashMismatch' && failure.file === 'model.safetensors' && failure.algorithm === 'SHA-256');
      assert.equal(failure.expected, hub.sha256Of(TINY_BERT['model.safetensors']));
    } finally {
      hub.reset();
    }
    assert.equal(partials.size, 0, 'the partial folder is gone');
    assert.equal(openWriters.size, 0, 'no file is left open');
    assert.equal(committed.get('test-org--tiny-bert'), older, 'the older download is untouched');
  });

  it('refuses a git file whose blob SHA-1 is not the one announced (X-Linked-Etag of the hub\'s 307, or the ETag of a direct 200)', async () => {
    const direct = await startHubServer(REPOS, { gitFiles: 'direct' });
    try {
      for (const server of [hub, direct]) {
        const { store, committed, partials } = memoryStore();
        server.corrupt('test-org/tiny-bert', 'vocab.txt');
        const failure = await failureOf(downloadModel({ hub: server.url, repo: 'test-org/tiny-bert' }, { fetch: plainFetch, store, signal: new AbortController().signal }));
        assert.ok(failure.kind === 'hashMismatch' && failure.file === 'vocab.txt' && failure.algorithm === 'SHA-1', JSON.stringify(failure));
        assert.equal(partials.size + committed.size, 0);
      }
    } finally {
      hub.reset();
      await direct.close();
    }
  });

  it('says what is wrong with the repository: not found, gated, no such revision, no weights, not BERT or GPT-2', async () => {
    const other = await startHubServer(REPOS, { gated: ['test-org/gated'] });
    try {
      const { store, committed, partials } = memoryStore();
      const attempt = (repo: string, revision?: string) => failureOf(downloadModel({ hub: other.url, repo, revision }, { fetch: plainFetch, store, signal: new AbortController().signal }));
      assert.equal((await attempt('test-org/missing')).kind, 'repoNotFound');
      assert.equal((await attempt('test-org/gated')).kind, 'needsToken');
      assert.equal((await attempt('test-org/tiny-bert', 'v9')).kind, 'revisionNotFound');
      assert.equal((await attempt('test-org/no-weights')).kind, 'noWeights');
      other.requests.length = 0;
      const t5 = await attempt('test-org/tiny-t5');
      assert.ok(t5.kind === 'unsupportedModel' && t5.modelType === 't5' && t5.detail.includes('"t5"'), JSON.stringify(t5));
      const relative = await attempt('test-org/relative-bert');
      assert.ok(relative.kind === 'unsupportedModel' && relative.modelType === undefined && relative.detail.includes('relative_key'), JSON.stringify(relative));
      assert.ok(other.requests.every((r) => new URL(r.url, other.url).pathname.endsWith('/config.json')), 'nothing but config.json is asked of a model we cannot read');
      assert.equal((await attempt('bad id')).kind, 'invalidRepo');
      assert.equal((await attempt('test-org/tiny-bert', ' ')).kind, 'invalidRevision');
      assert.equal(partials.size + committed.size, 0, 'nothing was kept');
    } finally {
      await other.close();
    }
  });

  it('stops at once on Cancel, mid-file, and leaves nothing behind', async () => {
    const { store, committed, partials, openWriters } = memoryStore();
    const { stalled, released } = hub.stall('test-org/tiny-bert', 'model.safetensors');
    const abort = new AbortController();
    try {
      const download$ = download('test-org/tiny-bert', store, { signal: abort.signal });
      await stalled;
      assert.equal(partials.size, 1, 'the download is under way in a partial folder');
      abort.abort();
      assert.deepEqual(await failureOf(download$), { kind: 'cancelled' });
      await released; // the connection was closed, not left hanging
    } finally {
      hub.reset();
    }
    assert.equal(partials.size + committed.size + openWriters.size, 0);
  });

  it('says when the hub cannot be reached', async () => {
    const gone = await startHubServer(REPOS);
    await gone.close();
    const failure = await failureOf(downloadModel({ hub: gone.url, repo: 'test-org/tiny-bert' }, { fetch: plainFetch, store: memoryStore().store, signal: new AbortController().signal }));
    assert.equal(failure.kind, 'network');
    assert.match((failure as { detail: string }).detail, /ECONNREFUSED|fetch failed/);
  });

  it('refuses, before fetching it, a file larger than the store can write', async () => {
    hub.requests.length = 0;
    const { store, partials, committed } = memoryStore({ maxFileSize: 100_000 });
    assert.deepEqual(await failureOf(download('test-org/tiny-bert', store)), { kind: 'tooLargeHere', file: 'model.safetensors', size: 300_000, limit: 100_000 });
    assert.ok(!hub.requests.some((r) => r.method === 'GET' && (r.server === 'cdn' || r.url.endsWith('model.safetensors'))), 'the weights were not fetched');
    assert.equal(partials.size + committed.size, 0);
  });

  it('in a browser, where redirects cannot be read, takes sizes and SHA-256 from the model-info API and still checks them', async () => {
    hub.requests.length = 0;
    const { store, committed } = memoryStore();
    const { meta } = await download('test-org/tiny-bert', store, { fetch: browserFetch });
    assert.deepEqual(committed.get('test-org--tiny-bert')!.get('model.safetensors'), TINY_BERT['model.safetensors']);
    assert.equal(meta.files.at(-1)!.sha256, hub.sha256Of(TINY_BERT['model.safetensors']));
    assert.equal(hub.requests.filter((r) => r.url.startsWith('/api/models/')).length, 1, 'the API is asked once');
    hub.corrupt('test-org/tiny-bert', 'model.safetensors');
    try {
      const failure = await failureOf(download('test-org/tiny-bert', memoryStore().store, { fetch: browserFetch }));
      assert.ok(failure.kind === 'hashMismatch' && failure.algorithm === 'SHA-256', JSON.stringify(failure));
    } finally {
      hub.reset();
    }
    // A git file: config.json by the ETag of the hub's own 200 it was redirected to, vocab.txt by the API's blobId.
    for (const file of ['config.json', 'vocab.txt']) {
      hub.corrupt('test-org/tiny-bert', file);
      try {
        const failure = await failureOf(download('test-org/tiny-bert', memoryStore().store, { fetch: browserFetch }));
        assert.ok(failure.kind === 'hashMismatch' && failure.file === file && failure.algorithm === 'SHA-1', JSON.stringify(failure));
      } finally {
        hub.reset();
      }
    }
  });
});
