/** Panels that VS Code brings back after a window reload, from the state their page saved. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, until } from './support';

const config = { dModel: 512, heads: 8, dK: 64, seed: 42, mask: 'none', positional: 'none' };
const request = { text: '我去了银行。', sourceName: 'saved.md', config, maxTokens: 4 };

/** A panel as VS Code hands it to the serializer, with the given saved state. */
async function restore(state: unknown): Promise<vscode.WebviewPanel> {
  const { api } = await extensionApi();
  const panel = vscode.window.createWebviewPanel('attentionExplorer.attention', 'restored', vscode.ViewColumn.One);
  await api.serializers.attention.deserializeWebviewPanel(panel, state);
  return panel;
}

describe('a restored attention panel', () => {
  afterEach(closeAllEditors);

  it('recomputes the analysis its page saved', async () => {
    const panel = await restore({ selectedHead: 2, request, totalTokens: 40 });
    await until(() => panel.title.includes('saved.md'), 'the panel is titled after the restored analysis');
  });

  for (const [what, state] of [
    ['a partial config', { selectedHead: 0, request: { ...request, config: { dModel: 512, heads: 0 } } }],
    ['a maxTokens of 0', { selectedHead: 0, request: { ...request, maxTokens: 0 } }],
    ['a stale shape', { head: 'average', text: '我去了银行。' }],
  ] as const) {
    it(`stays empty, computing nothing, for ${what}`, async () => {
      const panel = await restore(state);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(panel.title, 'restored', 'nothing was computed');
    });
  }
});
