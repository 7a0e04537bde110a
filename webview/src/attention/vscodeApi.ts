/** The attention panel's side of VS Code: typed posting and the persisted state, checked by the contract. */
import { parseWebviewState, type WebviewMessage, type WebviewState } from '../../../src/common/protocol/attentionPanel';
import { vscodeHost } from '../shared/vscodeHost';

const host = vscodeHost<WebviewMessage, WebviewState>();

export const post = host.post;
export const saveState = host.saveState;

/** The saved state when it is valid; a stale or broken one starts afresh. */
export function loadState(): WebviewState {
  return parseWebviewState(host.savedState()) ?? { selectedHead: 'average' };
}
