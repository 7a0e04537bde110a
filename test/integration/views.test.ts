/** The sidebar's Chapter and Glossary views, and the reader they open. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChapterSection } from '../../src/common/chapter/sections';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import { closeAllEditors, extensionApi, openWebviewTabs, until, waitForWebviewTabs } from './support';

describe('Chapter and Glossary views', () => {

  it('show every heading of the bundled chapter, nested as the book nests them', async () => {
    const { extension, api } = await extensionApi();
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'media', 'chapter.md')));
    const headings = markdown.split('\n').filter((line) => /^#{1,6} /.test(line)).map((line) => {
      const [, marks, title] = /^(#+) (.*)$/.exec(line)!;
      return `${marks.length}:${title.trim()}`;
    });
    const seen: string[] = [];
    const walk = async (parent: ChapterSection | undefined, depth: number) => {
      for (const section of (await api.chapterTree.getChildren(parent)) ?? []) {
        const item = await api.chapterTree.getTreeItem(section);
        assert.equal(item.label, section.title);
        assert.ok(item.tooltip, 'each section has a tooltip');
        assert.equal(item.command?.command, 'attentionExplorer.openChapterSection');
        seen.push(`${depth}:${section.title}`);
        await walk(section, depth + 1);
      }
    };
    await walk(undefined, 1);
    assert.deepEqual(seen, headings);
    assert.ok(seen.length >= 40);
  });

  it('list every glossary term', async () => {
    const { api } = await extensionApi();
    const entries = (await api.glossaryTree.getChildren()) ?? [];
    const labels = await Promise.all(entries.map(async (entry) => (await api.glossaryTree.getTreeItem(entry)).label));
    assert.deepEqual([...labels].sort(), GLOSSARY.map((g) => g.term).sort());
    assert.ok(labels.length >= 40);
  });

  it('open a section in the reader', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('attentionExplorer.openChapterSection', '计算注意力的步骤');
    assert.equal(await waitForWebviewTabs('attentionExplorer.reader', 1), 1);
  });

  it('open a glossary term in the reader, reusing the one reader', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('attentionExplorer.showGlossaryTerm', GLOSSARY[0].id);
    assert.equal(await waitForWebviewTabs('attentionExplorer.reader', 1), 1, 'the glossary command opens the reader');
    // Move focus away, so that "the reader is active again" is the glossary command's doing.
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await until(() => !openWebviewTabs('attentionExplorer.reader')[0]?.isActive, 'the reader is no longer the active tab');
    await vscode.commands.executeCommand('attentionExplorer.showGlossaryTerm', GLOSSARY[1].id);
    await until(() => openWebviewTabs('attentionExplorer.reader')[0]?.isActive === true, 'the reader is the active tab again');
    assert.equal(await waitForWebviewTabs('attentionExplorer.reader', 1), 1, 'the reader is reused');
  });
});
