/** The attention panel's side of VS Code: typed posting and the persisted state. */
import type { HeadChoice, WebviewMessage, WebviewState } from '../../../src/common/protocol/attentionPanel';
import { vscodeHost } from '../shared/vscodeHost';

const host = vscodeHost<WebviewMessage, WebviewState>();

export const post = host.post;
export const saveState = host.saveState;

/** The saved state, checked: it may come from an older version of the extension. */
export function loadState(): WebviewState {
  const saved = host.savedState() as Partial<WebviewState> | undefined;
  const state: WebviewState = { selectedHead: isHeadChoice(saved?.selectedHead) ? saved.selectedHead : 'average' };
  return saved?.request && typeof saved.request === 'object' ? { ...state, request: saved.request } : state;
}

function isHeadChoice(value: unknown): value is HeadChoice {
  return value === 'average' || (Number.isInteger(value) && (value as number) >= 0);
}
