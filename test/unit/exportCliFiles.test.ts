/** What the panel's worker exports as JSON and safetensors is byte for byte what the CLI writes for the same text and settings. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../src/common/attention/config';
import { cliJson, cliSafetensors } from '../../src/common/export/cliFiles';
import { V8_MAX_STRING_CHARS } from '../../src/common/export/jsonSize';
import { AttentionWorker } from '../../src/worker/answer';
import type { WorkerReply } from '../../src/common/protocol/worker';
import { tinyModelFiles } from '../support/models/tinyModel';
import { writeModelFolder } from '../support/models/writeModelFolder';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

function runCli(args: string[]): string {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 120_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('the CLI files the panel exports', () => {
  const text = 'The cat sat on the mat because it was tired.';
  const config = resolveConfig({ dModel: 64, heads: 4, mask: 'causal', positional: 'sinusoidal', seed: 7 });
  const request = { text, sourceName: 'notes.md', config, maxTokens: 256 };
  const cliArgs = ['--d-model', '64', '--heads', '4', '--mask', 'causal', '--positional', 'sinusoidal', '--seed', '7'];

  it('JSON: the same text as --json prints', () => {
    assert.equal(cliJson(request, V8_MAX_STRING_CHARS), runCli([...cliArgs, '--json', text]));
  });

  for (const tokens of [12, 600]) {
    it(`safetensors of ${tokens} tokens: the same bytes as --out writes`, () => {
      const long = Array.from({ length: tokens }, (_, i) => `w${i % 37}`).join(' ');
      const dir = mkdtempSync(join(tmpdir(), 'export-'));
      try {
        const file = join(dir, 'out.safetensors');
        runCli([...cliArgs, '--max-tokens', '2048', '--out', file, long]);
        const bytes = cliSafetensors({ ...request, text: long, maxTokens: 2048 }, version);
        assert.ok(Buffer.from(bytes).equals(readFileSync(file)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('comes from the worker as a file reply, leaving its analysis as it was', () => {
    const worker = new AttentionWorker();
    const analysed = worker.answer({ id: 1, kind: 'analyse', request, share: { index: 0, count: 1 } });
    assert.ok(analysed.ok);
    const reply = worker.answer({ id: 2, kind: 'exportFile', format: 'json', request, version });
    assert.ok(reply.ok && reply.kind === 'file');
    assert.equal(new TextDecoder().decode(reply.bytes), cliJson(request, V8_MAX_STRING_CHARS));
    const steps = worker.answer({ id: 3, kind: 'steps', head: 1 });
    assert.ok(steps.ok && steps.kind === 'steps');
  });

  it("a model's run: the JSON of --model DIR --json; no safetensors, as the CLI has none", async () => {
    const files = tinyModelFiles({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    const dir = mkdtempSync(join(tmpdir(), 'export-model-'));
    try {
      writeModelFolder(dir, files);
      const text = '我去了银行。Attention heads!';
      const worker = new AttentionWorker();
      const modelRequest = { ...request, text, maxTokens: 64 };
      const ran = (await worker.answer({ id: 1, kind: 'model', request: modelRequest, model: { key: 'k', name: 'tiny-bert', source: { kind: 'files', files } }, display: { layer: 0, hideSpecial: true, mergeWords: true } })) as WorkerReply;
      assert.ok(ran.ok, JSON.stringify(ran));
      const reply = worker.answer({ id: 2, kind: 'exportFile', format: 'json', request: modelRequest, version });
      assert.ok(reply.ok && reply.kind === 'file', JSON.stringify(reply));
      assert.equal(new TextDecoder().decode(reply.bytes), runCli(['--model', dir, '--json', text]));
      const refused = worker.answer({ id: 3, kind: 'exportFile', format: 'safetensors', request: modelRequest, version });
      assert.ok(!refused.ok && refused.inputError && /JSON only/.test(refused.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
