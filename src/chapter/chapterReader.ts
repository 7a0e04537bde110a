/**
 * One open chapter reader: our own webview rather than the built-in Markdown preview, because it
 * must open at a section, report which section is being read (the tree follows it), link
 * glossary terms to their definitions, and offer "Try it" — none of which the preview lets an
 * extension do.
 */
import * as vscode from 'vscode';
import { GLOSSARY } from '../common/glossary/glossaryData';
import { chapterMessage, parseReaderMessage, type ReaderHostMessage, type ReaderWebviewMessage } from '../common/protocol/reader';
import { readerHtml } from '../host/webview/webviewSecurity';
import { WebviewPanelHost } from '../host/webview/webviewPanelHost';
import type { ChapterStore } from './chapterStore';

export interface ChapterReaderServices {
  readonly extensionUri: vscode.Uri;
  readonly chapter: ChapterStore;
  readonly log: vscode.LogOutputChannel;
  /** The section at the top of the reader changed. */
  onVisibleSection(sectionId: string): void;
  tryIt(): Thenable<unknown>;
  /** Opens the attention panel's steps view. */
  showSteps(): Thenable<unknown>;
}

export class ChapterReader extends WebviewPanelHost<ReaderHostMessage, ReaderWebviewMessage> {
  static readonly viewType = 'attentionExplorer.reader';

  constructor(panel: vscode.WebviewPanel, private readonly services: ChapterReaderServices) {
    super(panel, services.extensionUri, { html: (webview) => readerHtml(webview, services.extensionUri), parse: parseReaderMessage }, services.log);
  }

  /** Scrolls to a section (now, or once the chapter is on the page), optionally showing a glossary entry. */
  reveal(sectionId: string, entryId?: string): void {
    void this.show({ type: 'reveal', sectionId, ...(entryId ? { entryId } : {}) });
  }

  /** Every (re)load of the page gets the chapter first; the last reveal is replayed after it. */
  protected async onReady(): Promise<void> {
    let message: ReaderHostMessage;
    try {
      message = chapterMessage((await this.services.chapter.load()).sections, GLOSSARY);
    } catch (error) {
      this.log.error(error as Error);
      message = { type: 'error', message: (error as Error).message };
    }
    await this.post(message);
  }

  protected async onMessage(message: ReaderWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'visibleSection':
        // Where to come back to when the page reloads.
        this.remember({ type: 'reveal', sectionId: message.sectionId });
        this.services.onVisibleSection(message.sectionId);
        break;
      case 'tryIt':
        await this.services.tryIt();
        break;
      case 'showSteps':
        await this.services.showSteps();
        break;
    }
  }

  protected undeliverable(error: Error): ReaderHostMessage {
    return { type: 'error', message: vscode.l10n.t('The chapter could not be shown: {0}', error.message) };
  }
}
