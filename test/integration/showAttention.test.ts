/** Show Attention on real documents, in a real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttentionView } from '../../src/common/attention/analysisView';
import { closeAllEditors, openText, row, select, showAttention, withSettings, waitForWebviewTabs } from './support';

describe('Show Attention', () => {

  it('analyses the selection and opens the attention panel with its tokens', async () => {
    const editor = await openText('前言。\n\n我去了银行。然后回家。\n');
    select(editor, '我去了银行。');
    const view = await showAttention();
    assert.ok(view, 'the command returns what the panel shows');
    assert.equal(view.tokens.map((t) => t.text).join(''), '我去了银行。');
    assert.ok(view.tokens.some((t) => t.text === '银行'));
    assert.deepEqual(view.config, { dModel: 512, heads: 8, dK: 64, seed: 42, mask: 'none', positional: 'none' });
    const n = view.tokens.length;
    assert.equal(view.weights.length, 8);
    for (const head of view.weights) {
      assert.equal(head.length, n * n);
      for (let i = 0; i < n; i++) assert.ok(Math.abs(row(head, n, i).reduce((a, b) => a + b, 0) - 1) < 1e-6, 'float32 weights: each row sums to 1');
    }
    assert.equal(await waitForWebviewTabs('attentionExplorer.attention', 1), 1, 'one attention panel is open');
  });

  it('"Show the Steps" opens the steps on the chapter\'s example sentence when nothing is analysed, and on the analysis shown after', async () => {
    await closeAllEditors();
    const view = await vscode.commands.executeCommand<AttentionView | undefined>('attentionExplorer.showSteps');
    assert.deepEqual(view?.tokens.map((t) => t.text), ['我', '去了', '银行', '。'], 'the chapter\'s 我去了银行。');
    assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), '我去了银行。', 'the sentence is in an editor, selected');
    assert.equal(await waitForWebviewTabs('attentionExplorer.attention', 1), 1);
    const again = await vscode.commands.executeCommand<AttentionView | undefined>('attentionExplorer.showSteps');
    assert.equal(again, undefined, 'with an analysis shown, the panel only switches to its steps');
    assert.equal(await waitForWebviewTabs('attentionExplorer.attention', 1), 1, 'still one panel');
  });

  it('reuses the one panel for the next analysis', async () => {
    const editor = await openText('The bank of the river. The road turns right.');
    select(editor, 'The bank of the river.');
    await showAttention();
    select(editor, 'The road turns right.');
    const view = await showAttention();
    assert.deepEqual(view?.tokens.map((t) => t.text), ['The', 'road', 'turns', 'right', '.']);
    assert.equal(await waitForWebviewTabs('attentionExplorer.attention', 1), 1);
  });

  it('lets a newer analysis replace one still running, which then shows nothing', async () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ') + '.';
    const editor = await openText(`${long}\n\n我坐在河堤上。`);
    select(editor, long);
    const first = showAttention();
    select(editor, '我坐在河堤上。');
    const second = showAttention();
    const [replaced, shown] = await Promise.all([first, second]);
    assert.equal(replaced, undefined, 'the replaced analysis resolves to nothing shown');
    assert.equal(shown?.text, '我坐在河堤上。');
    assert.equal(await waitForWebviewTabs('attentionExplorer.attention', 1), 1);
  });

  it('analyses the sentence around the cursor when nothing is selected', async () => {
    const editor = await openText('我去了银行。我坐在河堤上。这条路将向右转弯。');
    const offset = editor.document.getText().indexOf('河堤');
    editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset));
    const view = await showAttention();
    assert.equal(view?.text, '我坐在河堤上。');
  });

  it('takes a change of heads, mask and seed into account on the next analysis', async () => {
    const editor = await openText('Attention is all you need.');
    select(editor, 'Attention is all you need.');
    const before = await showAttention();
    const after = await withSettings({ heads: 4, mask: 'causal', seed: 7 }, () => showAttention());
    assert.ok(before && after);
    assert.deepEqual(after.config, { dModel: 512, heads: 4, dK: 128, seed: 7, mask: 'causal', positional: 'none' });
    assert.equal(after.weights.length, 4);
    const n = after.tokens.length;
    for (const head of after.weights) for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) assert.equal(head[i * n + j], 0);
    assert.notDeepEqual(after.weights[0], before.weights[0]);
  });

  it('gives the same numbers for the same text and settings', async () => {
    const editor = await openText('同样的文字,同样的数字。');
    select(editor, '同样的文字,同样的数字。');
    const first = await showAttention();
    const second = await showAttention();
    assert.deepEqual(second?.weights, first?.weights);
  });
});
