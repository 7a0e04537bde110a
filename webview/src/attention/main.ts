/**
 * The attention panel's app: shows what the extension host posts (an analysis, progress or an
 * error), keeps the selected head and the request in the webview state so a hidden or reloaded
 * panel comes back as it was, and tells the host when it is ready.
 */
import { parseHostMessage, type HeadChoice, type HostMessage } from '../../../src/common/protocol/attentionPanel';
import { AnalysisView } from './analysisView';
import { t } from './l10n';
import { renderComputing, renderEmpty, renderError } from './statusView';
import { loadState, post, saveState } from './vscodeApi';

const app = document.getElementById('app')!;
let state = loadState();
let current: AnalysisView | undefined;

function replace(content: HTMLElement, view?: AnalysisView): void {
  current?.dispose();
  current = view;
  app.replaceChildren(content);
}

function show(message: HostMessage): void {
  switch (message.type) {
    case 'computing':
      replace(renderComputing(message.sourceName, message.tokenCount));
      break;
    case 'error':
      replace(renderError(message.message));
      break;
    case 'analysis': {
      const { view, notes } = message;
      const head: HeadChoice = state.selectedHead !== 'average' && state.selectedHead >= view.weights.length ? 'average' : state.selectedHead;
      // The result is deterministic: text, config and token count are enough to recompute it.
      state = {
        selectedHead: head,
        request: { text: view.text, sourceName: view.sourceName, config: view.config, maxTokens: view.tokens.length },
        ...(view.totalTokens !== undefined ? { totalTokens: view.totalTokens } : {}),
      };
      saveState(state);
      const analysis = new AnalysisView(view, notes, head, selectHead, (sectionId) => post({ type: 'openSection', sectionId }));
      replace(analysis.element, analysis);
      analysis.show();
      break;
    }
  }
}

function selectHead(choice: HeadChoice): void {
  state = { ...state, selectedHead: choice };
  saveState(state);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (message) show(message);
  else replace(renderError(t('unknownMessage')));
});

document.addEventListener('keydown', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, vscode-single-select')) return;
  if (current?.stepHead(event.key)) event.preventDefault();
});

// On a theme change VS Code swaps the body's vscode-light/dark/high-contrast class and rewrites
// the --vscode-* variables on <html>: the canvases, painted with those colours, must follow.
const repaint = new MutationObserver(() => current?.repaint());
repaint.observe(document.body, { attributes: true, attributeFilter: ['class'] });
repaint.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

replace(renderEmpty());
post({ type: 'ready' });
