/** The webview's side of VS Code: typed posting and the persisted state. */
import type { HeadChoice, WebviewMessage, WebviewState } from '../../src/common/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// VS Code allows acquiring the API once per page.
const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

/** The saved state, checked: it may come from an older version of the extension. */
export function loadState(): WebviewState {
  const saved = api.getState() as Partial<WebviewState> | undefined;
  const state: WebviewState = { selectedHead: isHeadChoice(saved?.selectedHead) ? saved.selectedHead : 'average' };
  return saved?.request && typeof saved.request === 'object' ? { ...state, request: saved.request } : state;
}

export function saveState(state: WebviewState): void {
  api.setState(state);
}

function isHeadChoice(value: unknown): value is HeadChoice {
  return value === 'average' || (Number.isInteger(value) && (value as number) >= 0);
}
