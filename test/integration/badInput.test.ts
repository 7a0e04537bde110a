/** Bad paths show a message and throw nothing. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openText, recordMessages, showAttention, withSettings } from './support';

describe('Show Attention on bad input', () => {

  it('does nothing but say so when no editor is open', async () => {
    await closeAllEditors();
    assert.equal(vscode.window.activeTextEditor, undefined);
    const { result, messages } = await recordMessages(() => showAttention());
    assert.equal(result, undefined);
    assert.deepEqual(messages.map((m) => m.kind), ['info']);
    assert.match(messages[0].text, /open a document and select a sentence/);
  });

  it('does nothing but say so for an empty or whitespace-only target', async () => {
    const editor = await openText('   \n\t\n   ');
    for (const selection of [new vscode.Selection(0, 1, 1, 1), new vscode.Selection(0, 0, 0, 0)]) {
      editor.selection = selection;
      const { result, messages } = await recordMessages(() => showAttention());
      assert.equal(result, undefined);
      assert.deepEqual(messages.map((m) => m.kind), ['info']);
      assert.match(messages[0].text, /there is no text to analyse/);
    }
  });

  it('refuses a selection over the limit, or analyses its first tokens when asked to', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const editor = await openText(words);
    editor.selection = new vscode.Selection(0, 0, 0, words.length);
    await withSettings({ maxTokens: 10 }, async () => {
      const refused = await recordMessages(() => showAttention({ truncate: false }));
      assert.equal(refused.result, undefined);
      assert.deepEqual(refused.messages.map((m) => m.kind), ['warning']);
      assert.match(refused.messages[0].text, /more than 10 tokens/);
      // Asked, and the question dismissed: nothing is analysed.
      const asked = await recordMessages(() => showAttention());
      assert.equal(asked.result, undefined);
      assert.match(asked.messages[0]?.text ?? '', /more than 10 tokens/);
      const view = await showAttention({ truncate: true });
      assert.ok(view, `analysed the first tokens (active editor: ${vscode.window.activeTextEditor?.document.getText().slice(0, 40)})`);
      assert.equal(view?.tokens.length, 10);
      assert.equal(view?.totalTokens, 40);
      assert.equal(view?.tokens[9].text, 'word9');
    });
  });

  it('analyses binary-looking text without throwing', async () => {
    const binary = Array.from({ length: 300 }, (_, i) => String.fromCharCode((i * 37) % 256)).join('');
    const editor = await openText(binary, 'plaintext');
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(binary.length));
    const view = await showAttention({ truncate: true });
    assert.ok(view && view.tokens.length > 0, 'the binary-looking text is analysed');
    for (const token of view.tokens) assert.equal(view.text.slice(token.start, token.end), token.text);
  });

  it('analyses the first tokens of an enormous selection without freezing', async () => {
    const line = '注意力机制为句子中的每个单词生成一个与上下文相关的词嵌入。The quick brown fox jumps over the lazy dog.\n';
    const editor = await openText(line.repeat(40_000), 'plaintext'); // ~3.5 MB
    const last = editor.document.lineAt(editor.document.lineCount - 1);
    editor.selection = new vscode.Selection(0, 0, last.lineNumber, last.text.length);
    const view = await withSettings({ maxTokens: 64 }, () => showAttention({ truncate: true }));
    assert.equal(view?.tokens.length, 64);
    assert.ok((view?.totalTokens ?? 0) > 100_000);
    assert.ok((view?.text.length ?? Infinity) < 1000, 'only the analysed text goes to the panel');
  });

  for (const [values, expected] of [
    [{ dModel: 100, heads: 8 }, /"attentionExplorer.dModel" \(100\) must be divisible by "attentionExplorer.heads" \(8\)/],
    [{ maxTokens: 'abc' }, /"attentionExplorer.maxTokens" must be a whole number from 1 to 16384, not "abc"/],
    [{ maxTokens: 0 }, /"attentionExplorer.maxTokens" must be a whole number from 1 to 16384, not 0/],
    [{ seed: 1.5 }, /"attentionExplorer.seed" must be a whole number/],
    [{ mask: 'sideways' }, /"attentionExplorer.mask" must be one of "none", "causal", not "sideways"/],
  ] as const) {
    it(`reports the invalid setting ${JSON.stringify(values)} instead of computing`, async () => {
      const editor = await openText('a b c');
      editor.selection = new vscode.Selection(0, 0, 0, 5);
      const { result, messages } = await withSettings(values, () => recordMessages(() => showAttention()));
      assert.equal(result, undefined);
      assert.deepEqual(messages.map((m) => m.kind), ['error']);
      assert.match(messages[0].text, expected);
    });
  }
});
