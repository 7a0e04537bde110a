/** The Compare Contexts page's side of VS Code: typed posting and the saved state, checked by the contract. */
import { parseContextsState, type ContextsState, type ContextsWebviewMessage } from '../../../src/common/protocol/contexts';
import { vscodeHost } from '../shared/vscodeHost';

const host = vscodeHost<ContextsWebviewMessage, ContextsState>();

export const post = host.post;
export const saveState = host.saveState;

/** The saved state when it is valid. */
export function loadState(): ContextsState | undefined {
  return parseContextsState(host.savedState());
}
