/**
 * The chapter reader is one panel, reused: opening the chapter again scrolls it. This owns the
 * open reader and brings back the one VS Code restores after a window reload, where it was.
 */
import * as vscode from 'vscode';
import { parseReaderState } from '../common/protocol/reader';
import { Disposable } from '../host/dispose';
import { webviewOptions } from '../host/webview/webviewSecurity';
import { ChapterReader, type ChapterReaderServices } from './chapterReader';

export class ChapterReaderManager extends Disposable implements vscode.WebviewPanelSerializer {
  private current?: ChapterReader;

  constructor(private readonly services: ChapterReaderServices) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(ChapterReader.viewType, this));
    this.register({ dispose: () => this.current?.dispose() });
  }

  /** Opens the reader at a section (the chapter's start if there is no such section), optionally showing a glossary entry. */
  async open(sectionId?: string, entryId?: string): Promise<void> {
    const { sections } = await this.services.chapter.load();
    const target = sections.find((s) => s.id === sectionId) ?? sections[0];
    if (sectionId !== undefined && target.id !== sectionId) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Attention Explorer: the chapter has no section "{0}"; opened at its start.', sectionId));
    }
    if (this.current) this.current.panel.reveal();
    else this.adopt(vscode.window.createWebviewPanel(ChapterReader.viewType, vscode.l10n.t('Chapter'), vscode.ViewColumn.Active, webviewOptions(this.services.extensionUri)));
    this.current!.reveal(target.id, entryId);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const reader = this.adopt(panel);
    const { sectionId } = parseReaderState(saved);
    const section = sectionId === undefined ? undefined : await this.services.chapter.section(sectionId).catch(() => undefined);
    if (section) reader.reveal(section.id);
  }

  private adopt(panel: vscode.WebviewPanel): ChapterReader {
    this.current?.dispose();
    const reader = new ChapterReader(panel, this.services);
    this.current = reader;
    reader.onDidDispose(() => {
      if (this.current === reader) this.current = undefined;
    });
    return reader;
  }
}
