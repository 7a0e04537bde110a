/**
 * What every webview panel of ours shares, one object per open panel (as VS Code's Markdown
 * preview does): it owns everything it registers and disposes it with the panel; it waits for the
 * page's "ready" and replays the last message on every (re)load, since a hidden panel loses its
 * page; it parses every message before acting on it; and a message that cannot be delivered is
 * reported to the user and the log rather than leaving the page waiting.
 */
import * as vscode from 'vscode';
import { splitMessage } from '../../common/protocol/chunks';
import { Disposable } from '../dispose';
import { webviewOptions } from './webviewSecurity';

/**
 * How many bytes of a large message's chunks may be on their way to the page at once: each post
 * is copied on this thread as it is made, so a burst of posts blocks it for as long as their copies.
 */
const BYTES_IN_FLIGHT = 8 * 1024 * 1024;

export interface PanelPage<WebviewMessage> {
  /** The page's HTML for this webview (fresh nonce each time). */
  html(webview: vscode.Webview): string;
  /** The page's messages, checked; undefined for anything else. */
  parse(raw: unknown): WebviewMessage | undefined;
}

export abstract class WebviewPanelHost<HostMessage, WebviewMessage extends { readonly type: string }> extends Disposable {
  private ready = false;
  /** What the page shows now: sent again whenever the page (re)loads. */
  private shown?: HostMessage;
  private readonly disposeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly page: PanelPage<WebviewMessage>,
    protected readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'attention.svg');
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = page.html(panel.webview);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.disposeEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }

  /** A message the page handles (besides "ready", which the base handles first). */
  protected abstract onMessage(message: WebviewMessage): void | Promise<void>;

  /** Called on every "ready", before the last message is replayed. */
  protected onReady(): void | Promise<void> {}

  /** What the page shows instead of a message that could not be posted (it may be too large). */
  protected abstract undeliverable(error: Error): HostMessage;

  /**
   * Shows `message` now if the page is ready, and again after every reload of the page; resolves
   * to whether the page received it now.
   */
  protected show(message: HostMessage): Promise<boolean> {
    this.remember(message);
    return this.post(message);
  }

  /** What to replay when the page next (re)loads, without sending it now. */
  protected remember(message: HostMessage): void {
    this.shown = message;
  }

  /** Sends `message` once, if the page is ready: it is not replayed. */
  protected post(message: HostMessage): Promise<boolean> {
    return this.ready ? this.deliver(message) : Promise.resolve(false);
  }

  /** Resolves to whether the page received `message`; a failure is logged and shown. */
  private async deliver(message: HostMessage): Promise<boolean> {
    if (this.isDisposed) return false;
    try {
      // Big typed arrays go first, in pieces: one huge post would block this thread (chunks.ts).
      const { chunks, message: rest } = splitMessage(message);
      // A few MiB in flight at once: one chunk at a time waits a round trip to the page for each.
      const inFlight: { sent: Thenable<boolean>; bytes: number }[] = [];
      let bytesInFlight = 0;
      for (const chunk of chunks) {
        inFlight.push({ sent: this.panel.webview.postMessage(chunk), bytes: chunk.data.byteLength });
        bytesInFlight += chunk.data.byteLength;
        while (bytesInFlight >= BYTES_IN_FLIGHT) {
          const oldest = inFlight.shift();
          if (!oldest || !(await oldest.sent) || this.isDisposed) return false;
          bytesInFlight -= oldest.bytes;
        }
      }
      for (const { sent } of inFlight) if (!(await sent)) return false;
      if (await this.panel.webview.postMessage(rest)) return true;
      // false: the page is not there now (hidden, reloading); the next "ready" replays what is shown.
      this.log.debug(`${this.panel.viewType}: the page was not there to receive a message; it is replayed when the page loads`);
      return false;
    } catch (error) {
      this.log.error(`${this.panel.viewType}: posting to the page failed`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Attention Explorer could not update the panel "{0}": {1}', this.panel.title, (error as Error).message));
      // The page must not keep waiting for what never comes.
      this.shown = this.undeliverable(error as Error);
      await Promise.resolve(this.panel.webview.postMessage(this.shown)).catch(() => undefined);
      return false;
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const message = this.page.parse(raw);
    if (!message) {
      this.log.warn(`${this.panel.viewType}: ignored a malformed message from the page`);
      return;
    }
    try {
      if (message.type === 'ready') {
        this.ready = true;
        await this.onReady();
        if (this.shown !== undefined && !this.isDisposed) await this.deliver(this.shown);
      }
      await this.onMessage(message);
    } catch (error) {
      this.log.error(`${this.panel.viewType}: handling "${message.type}" failed`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Attention Explorer: {0}', (error as Error).message));
    }
  }
}
