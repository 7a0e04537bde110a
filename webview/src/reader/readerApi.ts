/** The reader's side of VS Code: typed posting and the persisted state, checked by the contract. */
import { parseReaderState, type ReaderState, type ReaderWebviewMessage } from '../../../src/common/protocol/reader';
import { vscodeHost } from '../shared/vscodeHost';

const host = vscodeHost<ReaderWebviewMessage, ReaderState>();

export const post = host.post;
export const saveState = host.saveState;

export function loadState(): ReaderState {
  return parseReaderState(host.savedState());
}
