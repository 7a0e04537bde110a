/**
 * The Compare Contexts page: shows what the host posts (a comparison, progress or an error) and
 * saves what is compared, so that the host can compare it again after a window reload.
 */
import { parseContextsHostMessage } from '../../../src/common/protocol/contexts';
import { el } from '../shared/dom';
import { loadState, post, saveState } from './contextsApi';
import { renderContexts } from './contextsView';
import { t } from './l10n';

const app = document.getElementById('app')!;

function status(title: string, text: string, isError = false): HTMLElement {
  return el('div', { className: 'status', attrs: { role: isError ? 'alert' : 'status' } }, [el('h1', { text: title }), el('p', { className: isError ? 'error' : 'muted', text })]);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseContextsHostMessage(event.data);
  if (!message) {
    console.warn('Attention Explorer contexts: ignored a malformed message');
    app.replaceChildren(status(t('errorTitle'), t('unknownMessage'), true));
    return;
  }
  switch (message.type) {
    case 'computing':
      saveState({ subject: message.subject });
      app.replaceChildren(status(t('emptyTitle'), t('computing', message.subject.word, message.subject.sentences.length)));
      break;
    case 'contexts':
      saveState({ subject: message.subject });
      app.replaceChildren(renderContexts(message, post));
      break;
    case 'error':
      app.replaceChildren(status(t('errorTitle'), message.message, true));
      break;
  }
});

// A restored page shows what it compared while the host computes it again.
const saved = loadState();
app.replaceChildren(saved ? status(t('emptyTitle'), t('computing', saved.subject.word, saved.subject.sentences.length)) : status(t('emptyTitle'), t('emptyHint', t('compareCommand'))));
post({ type: 'ready' });
