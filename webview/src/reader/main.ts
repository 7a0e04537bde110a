/**
 * The chapter reader's app: asks the host for the chapter, renders it, scrolls where the host (or
 * the saved state) says, and reports the section being read so the sidebar follows and a hidden
 * or reloaded reader comes back there.
 */
import { parseReaderHostMessage, type ReaderHostMessage } from '../../../src/common/protocol/reader';
import { el } from '../shared/dom';
import { t } from './l10n';
import { loadState, post, saveState } from './readerApi';
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
      showSteps: () => post({ type: 'showSteps' }),
    });
  } catch (error) {
    showStatus(t('cannotShow', error instanceof Error ? error.message : String(error)), true);
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
  if (view.reveal(message.sectionId, message.entryId)) remember(message.sectionId);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseReaderHostMessage(event.data);
  // A bad message must not wipe a chapter being read; before one, say what went wrong.
  if (!message && view) console.warn('Attention Explorer reader: ignored a malformed message', event.data);
  else if (!message) showStatus(t('unknownMessage'), true);
  else if (message.type === 'chapter') showChapter(message);
  else if (message.type === 'error') showStatus(message.message, true);
  else reveal(message);
});

showStatus(t('loading'));
post({ type: 'ready' });
