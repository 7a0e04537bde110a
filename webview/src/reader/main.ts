/**
 * The chapter reader's app: asks the host for the chapter, renders it, scrolls where the host (or
 * the saved state) says, and reports the section being read so the sidebar follows and a hidden
 * or reloaded reader comes back there.
 */
import type { ReaderHostMessage } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { loadState, post, saveState } from './readerApi';
import { parseReaderHostMessage } from './readerMessage';
import { ReaderView } from './readerView';

type Reveal = Extract<ReaderHostMessage, { type: 'reveal' }>;

const app = document.getElementById('app')!;
let state = loadState();
let view: ReaderView | undefined;
/** A reveal that came before the chapter. */
let pending: Reveal | undefined;

function showStatus(text: string, isError = false): void {
  view = undefined;
  app.replaceChildren(el('p', { className: isError ? 'status error' : 'status muted', text, attrs: { role: isError ? 'alert' : 'status' } }));
}

function remember(sectionId: string): void {
  state = { sectionId };
  saveState(state);
}

function showChapter(message: Extract<ReaderHostMessage, { type: 'chapter' }>): void {
  try {
    view = new ReaderView(message.sections, message.glossary, {
      visibleSection: (sectionId) => {
        remember(sectionId);
        post({ type: 'visibleSection', sectionId });
      },
      tryIt: () => post({ type: 'tryIt' }),
    });
  } catch (error) {
    showStatus(`The chapter could not be shown: ${error instanceof Error ? error.message : String(error)}`, true);
    return;
  }
  app.replaceChildren(view.element);
  if (state.sectionId) view.restore(state.sectionId);
  if (pending) reveal(pending);
  pending = undefined;
}

function reveal(message: Reveal): void {
  if (!view) {
    pending = message;
    return;
  }
  if (view.reveal(message.sectionId, message.term)) remember(message.sectionId);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseReaderHostMessage(event.data);
  // A bad message must not wipe a chapter being read; before one, say what went wrong.
  if (!message && view) console.warn('Attention Explorer reader: ignored a malformed message', event.data);
  else if (!message) showStatus('The reader received a message it does not understand. Close it and open the chapter again.', true);
  else if (message.type === 'chapter') showChapter(message);
  else reveal(message);
});

showStatus('Loading the chapter…');
post({ type: 'ready' });
