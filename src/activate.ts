/**
 * Wires the pure core to VS Code's commands and views; shared by the Node and the web extension
 * host, which differ only in how they run the engine off the main thread.
 */
import * as vscode from 'vscode';
import { ChapterStore } from './chapter/chapterStore';
import { ShowAttentionCommand } from './attention/showAttentionCommand';
import { TryExamplesCommand } from './chapter/tryExamplesCommand';
import { GLOSSARY } from './common/glossary/glossaryData';
import { createGlossaryMatcher, type GlossaryMatcher } from './common/glossary/glossaryMatcher';
import type { GlossaryEntry } from './common/glossary/glossaryEntry';
import type { ChapterSection } from './common/chapter/sections';
import type { ReaderState, WebviewState } from './common/protocol/attentionPanel';
import type { AnalysisRunner } from './attention/analysisRunner';
import { GlossaryHoverProvider, OPEN_SECTION_COMMAND, registerGlossaryHovers } from './glossary/glossaryHover';
import { SETTINGS_SECTION } from './host/settings';
import { AttentionPanel } from './attention/attentionPanel';
import { ChapterReader } from './chapter/chapterReader';
import { ChapterTreeProvider } from './chapter/chapterTree';
import { GlossaryTreeProvider } from './glossary/glossaryTree';

/**
 * What activate() returns, for other extensions, scripts and the integration tests: the data
 * providers behind the two sidebar views, to read as VS Code reads them.
 */
export interface AttentionExplorerApi {
  readonly chapterTree: vscode.TreeDataProvider<ChapterSection>;
  readonly glossaryTree: vscode.TreeDataProvider<GlossaryEntry>;
}

export function activateExtension(context: vscode.ExtensionContext, runner: AnalysisRunner): AttentionExplorerApi {
  const chapter = new ChapterStore(vscode.Uri.joinPath(context.extensionUri, 'media', 'chapter.md'));
  const log = vscode.window.createOutputChannel('Attention Explorer', { log: true });
  const panel = new AttentionPanel(context.extensionUri, runner, chapter, (id) => vscode.commands.executeCommand(OPEN_SECTION_COMMAND, id), log);
  const showAttention = new ShowAttentionCommand(panel);
  const tryExamples = new TryExamplesCommand();

  const chapterTree = new ChapterTreeProvider(chapter);
  const chapterView = vscode.window.createTreeView(ChapterTreeProvider.viewId, { treeDataProvider: chapterTree, showCollapseAll: true });
  const glossaryTree = new GlossaryTreeProvider(GLOSSARY, chapter);
  const glossaryView = vscode.window.createTreeView(GlossaryTreeProvider.viewId, { treeDataProvider: glossaryTree });

  // The tree follows the reader: the section being read is revealed (not focused) while the view is shown.
  const followReader = async (sectionId: string) => {
    if (!chapterView.visible) return;
    const section = (await chapter.load()).sections.find((s) => s.id === sectionId);
    if (section) await chapterView.reveal(section, { select: true, focus: false, expand: false });
  };
  const reader = new ChapterReader(context.extensionUri, chapter, (id) => void followReader(id), () => tryExamples.execute());

  const refreshViews = () => {
    chapterTree.refresh();
    glossaryTree.refresh();
  };

  let matcher: GlossaryMatcher | undefined;
  const hovers = new GlossaryHoverProvider(chapter, () => (matcher ??= createGlossaryMatcher(GLOSSARY)));

  context.subscriptions.push(
    log,
    panel,
    reader,
    chapterView,
    glossaryView,
    registerGlossaryHovers(hovers),
    vscode.commands.registerCommand(ShowAttentionCommand.id, (args?: unknown) => showAttention.execute(args)),
    vscode.commands.registerCommand(TryExamplesCommand.id, () => tryExamples.execute()),
    vscode.commands.registerCommand(OPEN_SECTION_COMMAND, (sectionId?: unknown) => reader.open(typeof sectionId === 'string' ? sectionId : undefined)),
    vscode.commands.registerCommand(GlossaryTreeProvider.showCommand, (entryId?: unknown) => {
      const entry = GLOSSARY.find((g) => g.id === entryId);
      return entry ? reader.open(entry.sectionId, entry.term) : reader.open();
    }),
    vscode.commands.registerCommand('attentionExplorer.refreshViews', refreshViews),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(SETTINGS_SECTION) && refreshViews()),
    vscode.window.registerWebviewPanelSerializer(AttentionPanel.viewType, {
      deserializeWebviewPanel: (webviewPanel, state: WebviewState | undefined) => panel.restore(webviewPanel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(ChapterReader.viewType, {
      deserializeWebviewPanel: (webviewPanel, state: ReaderState | undefined) => reader.restore(webviewPanel, state),
    }),
  );
  return { chapterTree, glossaryTree };
}
