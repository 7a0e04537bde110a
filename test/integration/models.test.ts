/**
 * Pretrained models in a real VS Code, in both extension hosts: a tiny random model generated in
 * Hugging Face layout into the workspace, chosen with "Choose Model…", run by Show Attention
 * (every layer and head, checked against the independent float64 reference), broken folders
 * refused with a message, and (Node host) the local Hugging Face cache listed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadModelFolder } from '../../src/common/models/folder/modelFolder';
import { safetensorsFile } from '../support/models/safetensorsFile';
import { tinyModel, tinyModelReference, WEIGHT_FILE_NAMES, type TinyModelOptions } from '../support/models/tinyModel';
import { torchFile } from '../support/models/torchFile';
import { extensionApi, openText, select, showAttention, withSettings } from './support';

const CHOOSE = 'attentionExplorer.chooseModel';

/** The Node extension host (code-server); the web one's `process` is the tests' shim, without versions.node. */
const isNodeHost = () => typeof process !== 'undefined' && Boolean((process.versions as Record<string, string | undefined>).node);

/** The workspace folder's scratch place for generated models (left out of git). */
function scratch(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with sample-workspace open');
  return vscode.Uri.joinPath(folder.uri, '.test-models', ...path);
}

async function writeFolder(uri: vscode.Uri, files: Record<string, Uint8Array>): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, name), bytes);
}

async function generated(name: string, options: TinyModelOptions) {
  const model = tinyModel(options);
  const uri = scratch(name);
  await writeFolder(uri, model.files);
  return { model, uri };
}

suite();

function suite(): void {
  describe('Pretrained models', function () {
    this.timeout(60_000);

    after(async () => {
      await vscode.workspace.fs.delete(scratch(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    });

    for (const options of [
      { type: 'bert', weights: 'safetensors', tokenizer: 'vocab' },
      { type: 'gpt2', weights: 'bin', tokenizer: 'tokenizer.json', prefix: true },
    ] as const) {
      it(`runs a ${options.type} model (${options.weights}, ${options.tokenizer}) chosen with Choose Model…, every layer and head`, async () => {
        const { model, uri } = await generated(`tiny-${options.type}`, options);
        await withSettings({ model: undefined }, async () => {
          const value = await vscode.commands.executeCommand<string | undefined>(CHOOSE, { folder: uri.toString() });
          assert.ok(value, 'the folder was accepted');
          const editor = await openText('我去了银行。');
          select(editor, '我去了银行。');
          const view = await showAttention();
          assert.ok(view?.model, 'the panel shows a model analysis');
          const { info, display } = view.model;
          assert.equal(info.name, `tiny-${options.type}`);
          assert.deepEqual([info.layers, info.heads], [model.sizes.numLayers, model.sizes.numHeads]);
          assert.equal(view.model.thumbnails.length, info.layers * info.heads, 'a thumbnail per layer and head');
          assert.equal(view.weights.length, info.heads);
          if (options.type === 'bert') assert.deepEqual([view.tokens[0].text, view.tokens[view.tokens.length - 1].text], ['[CLS]', '[SEP]']);
          // One weight, against the float64 reference over the same ids.
          const { ids } = (await loadModelFolder('reference', async (file) => model.files[file])).tokenizer.encode('我去了银行。');
          assert.equal(ids.length, view.tokens.length);
          const reference = tinyModelReference(model, ids);
          const n = view.tokens.length;
          const [i, j] = [n - 1, 1];
          assert.ok(Math.abs(view.weights[2][i * n + j] - reference.weights[display.layer][2][i][j]) < 1e-5, 'the weight the reference computes');
          if (options.type === 'gpt2') assert.equal(view.weights[0][0 * n + 1], 0, 'causal: the first token sees only itself');
        });
      });
    }

    it('refuses a folder whose model type it does not run, naming the type, and keeps the setting', async () => {
      const uri = scratch('t5');
      await writeFolder(uri, { 'config.json': new TextEncoder().encode('{"model_type": "t5", "d_model": 8}') });
      await withSettings({ model: 'built-in' }, async () => {
        assert.equal(await vscode.commands.executeCommand(CHOOSE, { folder: uri.toString() }), undefined);
        assert.equal(vscode.workspace.getConfiguration('attentionExplorer').get('model'), 'built-in');
      });
    });

    it('says what is wrong with truncated weights, in place of an analysis', async () => {
      const { model, uri } = await generated('truncated', { type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
      const weights = model.files['model.safetensors'];
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, 'model.safetensors'), weights.slice(0, Math.floor(weights.length / 2)));
      await withSettings({ model: uri.toString() }, async () => {
        const editor = await openText('我去了银行。');
        select(editor, '我去了银行。');
        assert.equal(await showAttention(), undefined, 'nothing is shown as if it were computed');
      });
    });

    it('stops a model run at once on Cancel the Analysis: nothing is shown as computed', async function () {
      this.timeout(120_000);
      // 12 layers of 256 (38 MB) over 512 pieces: about a second of layers to cancel in.
      const { uri } = await generated('cancel', { type: 'bert', weights: 'safetensors', tokenizer: 'vocab', layers: 12, heads: 4, hidden: 256, positions: 512 });
      const text = '我去了银行。'.repeat(85);
      await withSettings({ model: uri.toString(), maxTokens: 512 }, async () => {
        const editor = await openText(text);
        select(editor, text);
        const running = showAttention();
        await new Promise((resolve) => setTimeout(resolve, 300));
        const started = performance.now();
        assert.equal(await vscode.commands.executeCommand('attentionExplorer.cancelAnalysis'), true, 'there was a run to cancel');
        assert.equal(await running, undefined, 'the cancelled run shows nothing');
        console.log(`[figure] model run cancelled: Show Attention returned ${Math.round(performance.now() - started)} ms after Cancel`);
        const view = await showAttention();
        assert.equal(view?.tokens.length, 512, 'the next run is whole');
      });
    });

    for (const weights of ['safetensors', 'bin'] as const) {
      it(`runs a model of over 120 MB in the Node host (${weights}, streamed, its unused tensor never read); the web host says it is too large`, async function () {
        this.timeout(60_000);
        // A valid weights file of 130 MB: the tiny model's tensors and an unused head of zeros.
        const { tensors, files } = tinyModel({ type: 'bert', weights, tokenizer: 'vocab' });
        const head = { name: 'cls.predictions.decoder.weight', shape: [32_500_000], bytes: new Uint8Array(130e6) };
        const large = weights === 'safetensors'
          ? safetensorsFile([...[...tensors].map(([name, t]) => ({ name, dtype: 'F32', shape: t.shape, bytes: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength) })), { ...head, dtype: 'F32' }])
          : torchFile({ ...Object.fromEntries(tensors), [head.name]: { shape: head.shape, storageType: 'FloatStorage', bytes: head.bytes, numel: head.shape[0] } });
        const uri = scratch(`large-${weights}`);
        await writeFolder(uri, { ...files, [WEIGHT_FILE_NAMES[weights]]: large });
        await withSettings({ model: uri.toString() }, async () => {
          const editor = await openText('我去了银行。');
          select(editor, '我去了银行。');
          const view = await showAttention();
          if (isNodeHost()) assert.equal(view?.model?.info.layers, 2, 'the desktop runs it');
          else assert.equal(view, undefined, 'the web host refuses it, with a message');
        });
      });
    }

    it('lists the models of the local Hugging Face cache (Node host)', async function () {
      const cache = typeof process !== 'undefined' ? process.env?.HF_HUB_CACHE : undefined;
      if (!cache) this.skip(); // the web host has no cache on disk
      const snapshot = vscode.Uri.joinPath(vscode.Uri.file(cache!), 'models--test-org--tiny-gpt2', 'snapshots', '0123456789abcdef');
      await writeFolder(snapshot, tinyModel({ type: 'gpt2', weights: 'safetensors', tokenizer: 'vocab' }).files);
      const { api } = await extensionApi();
      const choices = await api.modelChoices();
      assert.equal(choices[0].group, 'built-in');
      const cached = choices.find((choice) => choice.label === 'test-org/tiny-gpt2');
      assert.ok(cached, `the cached model is offered among ${choices.map((c) => c.label).join(', ')}`);
      assert.equal(cached.group, 'cache');
      assert.equal(cached.info?.type, 'gpt2');
    });
  });
}
