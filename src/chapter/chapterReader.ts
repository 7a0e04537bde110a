/**
 * The chapter reader: our own webview rather than the built-in Markdown preview, because it must
 * open at a section, report which section is being read (the tree follows it), link glossary
 * terms to their definitions, and offer "Try it" — none of which the preview lets an extension do.
 */
import * as vscode from 'vscode';
import type { ChapterStore } from './chapterStore';
import { offersTryIt } from '../common/chapter/examples';
import { GLOSSARY } from '../common/glossary/glossaryData';
import { parseReaderMessage, type ReaderHostMessage, type ReaderState } from '../common/protocol/attentionPanel';
import { readerHtml, webviewOptions } from '../host/webview/webviewSecurity';

export class ChapterReader implements vscode.Disposable {
  static readonly viewType = 'attentionExplorer.reader';

  private panel?: vscode.WebviewPanel;
  private ready = false;
  /** Where to scroll once the webview has loaded the chapter. */
  private pendingReveal?: ReaderHostMessage;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly chapter: ChapterStore,
    private readonly onVisibleSection: (sectionId: string) => void,
    private readonly tryIt: () => Thenable<unknown>,
  ) {}

  /** Opens the reader at a section (the chapter's start if none), optionally showing a term's definition. */
  async open(sectionId?: string, term?: string): Promise<void> {
    const { sections } = await this.chapter.load();
    const target = sections.find((s) => s.id === sectionId) ?? sections[0];
    if (sectionId && target.id !== sectionId) {
      void vscode.window.showWarningMessage(`Attention Explorer: the chapter has no section "${sectionId}"; opened at its start.`);
    }
    if (!this.panel) {
      this.attach(vscode.window.createWebviewPanel(ChapterReader.viewType, 'Chapter', vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
    } else {
      this.panel.reveal();
    }
    this.reveal({ type: 'reveal', sectionId: target.id, ...(term ? { term } : {}) });
  }

  async restore(panel: vscode.WebviewPanel, state: ReaderState | undefined): Promise<void> {
    this.attach(panel);
    const { sections } = await this.chapter.load();
    this.reveal({ type: 'reveal', sectionId: sections.find((s) => s.id === state?.sectionId)?.id ?? sections[0].id });
  }

  dispose(): void {
    this.panel?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.onDidDispose(() => this.panel === panel && (this.panel = undefined), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw), undefined, this.disposables);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'attention.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = readerHtml(panel.webview, this.extensionUri);
  }

  private reveal(message: ReaderHostMessage): void {
    this.pendingReveal = message;
    if (this.ready) void this.panel?.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseReaderMessage(raw);
    if (!message) return; // not ours, or malformed
    switch (message.type) {
      case 'ready': {
        // Sent on every (re)load of the webview, e.g. after it was hidden: give it the chapter again.
        const { sections } = await this.chapter.load();
        await this.panel?.webview.postMessage({
          type: 'chapter',
          sections: sections.map((s) => ({ id: s.id, title: s.title, level: s.level, markdown: s.body, tryIt: offersTryIt(s.title) })),
          glossary: GLOSSARY.map((g) => ({ term: g.term, aliases: g.aliases, definition: g.definition, sectionId: g.sectionId })),
        } satisfies ReaderHostMessage);
        this.ready = true;
        if (this.pendingReveal) void this.panel?.webview.postMessage(this.pendingReveal);
        break;
      }
      case 'visibleSection':
        this.pendingReveal = { type: 'reveal', sectionId: message.sectionId };
        this.onVisibleSection(message.sectionId);
        break;
      case 'tryIt':
        await this.tryIt();
        break;
    }
  }
}
