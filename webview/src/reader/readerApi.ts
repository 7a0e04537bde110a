/** The reader's side of VS Code: typed posting and the persisted state. */
import type { ReaderState, ReaderWebviewMessage } from '../../../src/common/protocol/attentionPanel';
import { vscodeHost } from '../shared/vscodeHost';

const host = vscodeHost<ReaderWebviewMessage, ReaderState>();

export const post = host.post;
export const saveState = host.saveState;

/** The saved state, checked: it may come from an older version of the extension. */
export function loadState(): ReaderState {
  const saved = host.savedState() as { sectionId?: unknown } | undefined;
  return typeof saved?.sectionId === 'string' ? { sectionId: saved.sectionId } : {};
}
