/**
 * The reader's side of VS Code: typed posting and the persisted state. The reader is its own page,
 * so it acquires the API itself (VS Code allows that once per page).
 */
import type { ReaderState, ReaderWebviewMessage } from '../../../src/common/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: ReaderWebviewMessage): void {
  api.postMessage(message);
}

/** The saved state, checked: it may come from an older version of the extension. */
export function loadState(): ReaderState {
  const saved = api.getState() as { sectionId?: unknown } | undefined;
  return typeof saved?.sectionId === 'string' ? { sectionId: saved.sectionId } : {};
}

export function saveState(state: ReaderState): void {
  api.setState(state);
}
