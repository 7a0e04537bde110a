/** The webview's handle on VS Code, typed by each page's own messages and state. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface VsCodeHost<Message, State> {
  post(message: Message): void;
  /** Whatever was saved, unchecked: it may come from an older version of the extension. */
  savedState(): unknown;
  saveState(state: State): void;
}

// VS Code allows acquiring the API once per page.
let api: VsCodeApi | undefined;

export function vscodeHost<Message, State>(): VsCodeHost<Message, State> {
  api ??= acquireVsCodeApi();
  const acquired = api;
  return {
    post: (message) => acquired.postMessage(message),
    savedState: () => acquired.getState(),
    saveState: (state) => acquired.setState(state),
  };
}
