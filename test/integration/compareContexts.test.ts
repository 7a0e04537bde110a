/**
 * Compare Contexts in a real VS Code, in both extension hosts: the chapter's example when no
 * editor is active, a selected word across the document's sentences, a selection that is not a
 * word refused, a real (tiny) model's vectors, and a panel restored from its page's saved state.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContextsResult } from '../../src/common/contexts/contexts';
import { tinyModel } from '../support/models/tinyModel';
import { closeAllEditors, extensionApi, openText, select, until, withSettings } from './support';

const COMPARE = 'attentionExplorer.compareContexts';
const compare = (args?: unknown) => vscode.commands.executeCommand<ContextsResult | undefined>(COMPARE, args);
const DOCUMENT = 'I went to the bank. I sat on the bank of the river.\n\nThe road will bank to the right. The sky was blue.';

describe('Compare Contexts', function () {
  this.timeout(60_000);
  afterEach(closeAllEditors);

  it('compares the chapter\'s "bank" in its English sentences when no editor is active', async () => {
    await closeAllEditors();
    const result = await compare();
    assert.ok(result, 'a comparison was shown');
    assert.equal(result.word, 'bank');
    assert.deepEqual(result.sentences.map((s) => s.translation), ['我去了银行。', '我坐在河堤上。', '这条路将向右转弯。']);
    assert.deepEqual(result.staticCosines, [[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    assert.ok(result.contextualCosines[0][1]! < 0.999);
    await until(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Contexts: bank')), 'the panel is titled after the word');
  });

  it('compares a selected word in every sentence of the document that has it', async () => {
    const editor = await openText(DOCUMENT);
    select(editor, 'bank');
    const result = await compare();
    assert.deepEqual(result?.sentences.map((s) => s.text), ['I went to the bank.', 'I sat on the bank of the river.', 'The road will bank to the right.']);
    assert.ok(result?.sentences.every((s) => s.translation === undefined));
  });

  it('refuses a selection that is a sentence, not a word', async () => {
    const editor = await openText(DOCUMENT);
    select(editor, 'I went to the bank.');
    assert.equal(await compare(), undefined);
  });

  it('compares with the model the settings name: its pieces\' embeddings, its last hidden state', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, '.test-models', 'contexts-bert');
    const { files } = tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    for (const [name, bytes] of Object.entries(files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, name), bytes);
    try {
      await withSettings({ model: uri.toString() }, async () => {
        const result = await compare({ word: 'bank', text: 'The bank. The bank of the river.' });
        assert.equal(result?.engine.kind, 'model');
        assert.equal(result?.sentences.length, 2);
        assert.ok(Math.abs(result!.staticCosines[0][1]! - 1) < 1e-6, 'the same piece, the same input embedding');
        assert.ok(result!.contextualCosines[0][1]! < 0.9999, 'other hidden states');
      });
    } finally {
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });

  it('compares again what a restored panel\'s page saved, and nothing for a damaged state', async () => {
    const { api } = await extensionApi();
    const restore = async (state: unknown) => {
      const panel = vscode.window.createWebviewPanel('attentionExplorer.contexts', 'restored', vscode.ViewColumn.One);
      await api.serializers.contexts.deserializeWebviewPanel(panel, state);
      return panel;
    };
    const good = await restore({ subject: { word: 'river', sentences: [{ text: 'The river is wide.' }, { text: 'A river bank.' }], example: false } });
    await until(() => good.title === 'Contexts: river', 'the restored panel compares "river"');
    good.dispose();
    const bad = await restore({ subject: { word: 'river', sentences: 'The river is wide.' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(bad.title, 'restored', 'nothing was compared');
    bad.dispose();
  });
});
