/**
 * Wires the pure core to VS Code: every command, view, panel and hover is created and registered
 * here, shared by the Node and the web extension host, which differ only in how they run the
 * engine off the main thread.
 */
import * as vscode from 'vscode';
import type { WorkerPool } from './attention/analysisSession';
import { AttentionPanelManager } from './attention/attentionPanelManager';
import { ShowStepsCommand } from './attention/showStepsCommand';
import { ShowAttentionCommand } from './attention/showAttentionCommand';
import { ChapterReaderManager } from './chapter/chapterReaderManager';
import { ChapterStore } from './chapter/chapterStore';
import { ChapterTreeProvider } from './chapter/chapterTree';
import { OpenChapterCommand } from './chapter/openChapterCommand';
import { TryExamplesCommand } from './chapter/tryExamplesCommand';
import type { ChapterSection } from './common/chapter/sections';
import { GLOSSARY } from './common/glossary/glossaryData';
import type { GlossaryEntry } from './common/glossary/glossaryEntry';
import { GlossaryHoverProvider, GlossaryHoverRegistration } from './glossary/glossaryHover';
import { GlossaryTreeProvider } from './glossary/glossaryTree';
import { ShowGlossaryTermCommand } from './glossary/showGlossaryTermCommand';
import { CommandManager } from './host/commandManager';
import { CancelAnalysisCommand } from './attention/cancelAnalysisCommand';
import { CompareContextsCommand } from './contexts/compareContextsCommand';
import { ContextsPanelManager } from './contexts/contextsPanelManager';
import { CHAPTER_PASSAGE_WORD } from './common/contexts/chapterExample';
import { DocumentPaint, type PaintedRanges } from './attention/paint/documentPaint';
import { PaintQuickPickCommand } from './attention/paint/paintQuickPickCommand';
import { PaintStatusBar } from './attention/paint/paintStatusBar';
import { ChooseModelCommand, type ModelChoice } from './models/chooseModelCommand';
import { huggingFaceCache } from './models/cachedModels';
import { DownloadModelCommand } from './models/download/downloadModelCommand';
import type { FileSink } from './models/download/fileSink';

/** What only one kind of extension host has: the Node host's home folder and environment (the web host has neither). */
export interface HostPlatform {
  readonly home?: vscode.Uri;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How "Download Model…" writes files: streamed by node:fs in the Node host; else through workspace.fs, in one piece. */
  readonly fileSink?: FileSink;
}

/**
 * What activate() returns, for other extensions, scripts and the integration tests: the data
 * providers behind the two sidebar views, to read as VS Code reads them, and the commands registered.
 */
export interface AttentionExplorerApi {
  readonly chapterTree: vscode.TreeDataProvider<ChapterSection>;
  readonly glossaryTree: vscode.TreeDataProvider<GlossaryEntry>;
  readonly commandIds: readonly string[];
  /** What VS Code calls to bring back a panel after a window reload. */
  readonly serializers: { readonly attention: vscode.WebviewPanelSerializer; readonly reader: vscode.WebviewPanelSerializer; readonly contexts: vscode.WebviewPanelSerializer };
  /** The models "Choose Model…" offers. */
  modelChoices(): Promise<ModelChoice[]>;
  /** Where attention is painted on `document` now (the ranges the editor's decorations get); undefined when nothing is. */
  paintedRanges(document: vscode.TextDocument): PaintedRanges | undefined;
}

export function activateExtension(context: vscode.ExtensionContext, workers: WorkerPool, platform: HostPlatform = {}): AttentionExplorerApi {
  const { extensionUri } = context;
  const log = vscode.window.createOutputChannel('Attention Explorer', { log: true });
  const chapter = new ChapterStore(vscode.Uri.joinPath(extensionUri, 'media', 'chapter.md'));
  const chapterTree = new ChapterTreeProvider(chapter, log);
  const chapterView = vscode.window.createTreeView(ChapterTreeProvider.viewId, { treeDataProvider: chapterTree, showCollapseAll: true });
  const glossaryTree = new GlossaryTreeProvider(GLOSSARY, chapter);
  const glossaryView = vscode.window.createTreeView(GlossaryTreeProvider.viewId, { treeDataProvider: glossaryTree });

  const tryExamples = new TryExamplesCommand();
  const readers = new ChapterReaderManager({
    extensionUri,
    chapter,
    log,
    // The tree follows the reader: the section being read is revealed (not focused) while the view is shown.
    onVisibleSection: (sectionId) => {
      if (!chapterView.visible) return;
      void chapter.section(sectionId).then((section) => section && chapterView.reveal(section, { select: true, focus: false, expand: false }), () => undefined);
    },
    tryIt: () => tryExamples.execute(),
    showSteps: () => vscode.commands.executeCommand(ShowStepsCommand.id),
  });
  const panels = new AttentionPanelManager({
    extensionUri,
    workers,
    log,
    attentionNotes: () => chapter.attentionNotes(),
    stepsGuide: () => chapter.stepsGuide(),
    openSection: (sectionId) => vscode.commands.executeCommand(OpenChapterCommand.id, sectionId),
  });

  const chooseModel = new ChooseModelCommand(
    { cache: huggingFaceCache(platform.env ?? {}, platform.home), globalStorage: context.globalStorageUri, home: platform.home },
    DownloadModelCommand.id,
  );
  const paint = new DocumentPaint(panels);
  const paintStatusBar = new PaintStatusBar(paint, PaintQuickPickCommand.id);
  const contextsPanels = new ContextsPanelManager({
    extensionUri,
    workers,
    log,
    extensionId: context.extension.id,
    home: platform.home,
    passage: () => chapter.sectionContaining(CHAPTER_PASSAGE_WORD),
    openSection: (sectionId) => vscode.commands.executeCommand(OpenChapterCommand.id, sectionId),
    compareExample: () => vscode.commands.executeCommand(CompareContextsCommand.id, { example: true }),
  });
  const commands = new CommandManager();
  commands.registerAll([
    new ShowAttentionCommand(panels, context.extension.id, workers.parallelism, platform.home),
    chooseModel,
    new DownloadModelCommand(context, log, platform.fileSink),
    new ShowStepsCommand(panels),
    new CancelAnalysisCommand(panels),
    new CompareContextsCommand(contextsPanels, context.extension.id, platform.home),
    new PaintQuickPickCommand(paint),
    tryExamples,
    new OpenChapterCommand(readers),
    new ShowGlossaryTermCommand(GLOSSARY, readers),
  ]);

  context.subscriptions.push(log, commands, panels, contextsPanels, paint, paintStatusBar, readers, chapterView, glossaryView, new GlossaryHoverRegistration(new GlossaryHoverProvider(chapter)));
  return { chapterTree, glossaryTree, commandIds: commands.registeredIds, serializers: { attention: panels, reader: readers, contexts: contextsPanels }, modelChoices: () => chooseModel.choices(), paintedRanges: (document) => paint.paintedRanges(document) };
}
