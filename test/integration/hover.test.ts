/** Glossary hovers through VS Code's own hover machinery. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import { openText, withSettings } from './support';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (content instanceof vscode.MarkdownString ? content.value : typeof content === 'string' ? content : content.value))
    .join('\n');
}

async function hoversAt(document: vscode.TextDocument, text: string, offsetInText = 0): Promise<vscode.Hover[]> {
  const position = document.positionAt(document.getText().indexOf(text) + offsetInText);
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
}

describe('glossary hovers', () => {
  const selfAttention = GLOSSARY.find((entry) => entry.term === '自注意力');

  it('show the chapter’s definition of 自注意力 with an Open in chapter link', async () => {
    assert.ok(selfAttention);
    const { document } = await openText('# 笔记\n\n自注意力可以并行化。\n');
    const text = hoverText(await hoversAt(document, '自注意力', 1));
    assert.ok(text.includes('Open in chapter'), text);
    assert.ok(text.includes('command:attentionExplorer.openChapterSection'), text);
    // The definition is escaped Markdown: compare without the escaping backslashes.
    assert.ok(text.replace(/\\(.)/g, '$1').includes(selfAttention.definition), text);
  });

  it('match a Latin alias case-insensitively, on word boundaries only', async () => {
    const { document } = await openText('Self-attention and LLMs.\nattentional drift\n');
    const llms = await hoversAt(document, 'LLMs', 2);
    assert.match(hoverText(llms), /Open in chapter/, `${llms.length} hovers at LLMs`);
    assert.doesNotMatch(hoverText(await hoversAt(document, 'attentional', 3)), /Open in chapter/);
  });

  it('give none of ours on other words', async () => {
    const { document } = await openText('The weather is fine today.\n');
    assert.doesNotMatch(hoverText(await hoversAt(document, 'weather', 2)), /Open in chapter/);
  });

  it('follow the languages setting and can be turned off', async () => {
    const { document } = await openText('自注意力', 'javascript');
    assert.doesNotMatch(hoverText(await hoversAt(document, '自注意力', 1)), /Open in chapter/, 'not in code by default');
    await withSettings({ 'hover.languages': ['*'] }, async () => {
      assert.match(hoverText(await hoversAt(document, '自注意力', 1)), /Open in chapter/);
    });
    const prose = await openText('自注意力');
    await withSettings({ 'hover.enabled': false }, async () => {
      assert.doesNotMatch(hoverText(await hoversAt(prose.document, '自注意力', 1)), /Open in chapter/);
    });
  });
});
