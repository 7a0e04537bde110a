/**
 * Attention painted on the document, in a real extension host: the ranges the editor's
 * decorations get, for a multi-line selection of a CRLF document, against the weights the panel
 * shows; an edit before the text moves them, an edit in it ends them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { averageHeads } from '../../src/common/attention/headAverage';
import { paintLevels } from '../../src/common/paint/paintLevels';
import { tinyModel } from '../support/models/tinyModel';
import { extensionApi, openText, select, showAttention, until, withSettings } from './support';

describe('Attention painted on the document', () => {
  it('paints a multi-line CRLF selection on its tokens\' own characters, moves with an edit before it and ends at an edit in it', async () => {
    const { api } = await extensionApi();
    const editor = await openText('前言。\n\n我去了银行。\n然后沿着河边回家。\n');
    await editor.edit((edit) => edit.setEndOfLine(vscode.EndOfLine.CRLF));
    const { document } = editor;
    assert.equal(document.eol, vscode.EndOfLine.CRLF);
    select(editor, '我去了银行。\r\n然后沿着河边回家。');
    const view = await showAttention();
    assert.ok(view, 'an analysis is shown');
    assert.ok(view.text.includes('\r\n'), 'the analysed text has the document\'s CRLF');

    // The cursor on 回家, on the second line of the selection.
    const from = view.tokens.findIndex((token) => token.text === '回家');
    assert.ok(from > 0, view.tokens.map((token) => token.text).join(' | '));
    const at = document.getText().indexOf('回家');
    editor.selection = new vscode.Selection(document.positionAt(at), document.positionAt(at));
    await until(() => api.paintedRanges(document) !== undefined, 'the paint is shown');

    const painted = api.paintedRanges(document)!;
    assert.equal(document.getText(painted.from), '回家', 'the paint comes from the token under the cursor');
    const n = view.tokens.length;
    const weights = averageHeads(view.weights).slice(from * n, (from + 1) * n);
    const expected = paintLevels(weights, () => true);
    assert.deepEqual(
      painted.tokens.map((token) => [document.getText(token.range), token.level]),
      expected.map((token) => [view.tokens[token.index].text, token.level]),
      'each token painted on its own characters, as strongly as its weight (the heads\' average: the panel\'s first head)',
    );
    assert.ok(painted.tokens.some((token) => token.range.start.line === 2) && painted.tokens.some((token) => token.range.start.line === 3), 'both lines are painted');

    // A line typed above: the paint moves with the text.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'New first line.\r\n'));
    const moved = api.paintedRanges(document);
    assert.ok(moved, 'an edit before the text keeps the paint');
    assert.deepEqual(moved.tokens.map((token) => document.getText(token.range)), expected.map((token) => view.tokens[token.index].text));
    assert.equal(document.getText(moved.from), '回家');
    assert.equal(moved.from.start.line, painted.from.start.line + 1, 'a line lower');

    // A character typed in the text: the paint is gone.
    await editor.edit((edit) => edit.insert(document.positionAt(document.getText().indexOf('银行')), '的'));
    assert.equal(api.paintedRanges(document), undefined, 'an edit in the analysed text clears the paint');
  });

  it('paints a model\'s tokens on their characters and never its special tokens, which have none', async function () {
    this.timeout(60_000);
    const { api } = await extensionApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with sample-workspace open');
    const uri = vscode.Uri.joinPath(folder.uri, '.test-models', 'paint-bert');
    const model = tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    for (const [name, bytes] of Object.entries(model.files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, name), bytes);
    try {
      await withSettings({ model: uri.toString() }, async () => {
        const editor = await openText('前言。\n\n我去了银行。\n');
        select(editor, '我去了银行。');
        const view = await showAttention();
        assert.ok(view?.model, 'a model analysis is shown');
        assert.deepEqual([view.tokens[0].text, view.tokens.at(-1)?.text], ['[CLS]', '[SEP]']);
        const { document } = editor;
        const at = document.getText().indexOf('银');
        editor.selection = new vscode.Selection(document.positionAt(at), document.positionAt(at));
        await until(() => api.paintedRanges(document) !== undefined, 'the paint is shown');
        const painted = api.paintedRanges(document)!;
        const from = view.tokens.findIndex((token) => token.start === at - document.getText().indexOf('我去了银行。'));
        assert.equal(document.getText(painted.from), view.text.slice(view.tokens[from].start, view.tokens[from].end));
        const n = view.tokens.length;
        const weights = averageHeads(view.weights).slice(from * n, (from + 1) * n);
        const expected = paintLevels(weights, (i) => view.tokens[i].start < view.tokens[i].end);
        assert.ok(expected.length >= 2, 'several pieces painted');
        assert.deepEqual(
          painted.tokens.map((token) => [document.getText(token.range), token.level]),
          expected.map((token) => [view.text.slice(view.tokens[token.index].start, view.tokens[token.index].end), token.level]),
          'each piece painted on its characters, [CLS] and [SEP] left out (and out of the largest weight)',
        );
        assert.ok(painted.tokens.every((token) => !token.range.isEmpty));
      });
    } finally {
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });
});
