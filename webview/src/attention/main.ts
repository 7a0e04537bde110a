/**
 * The attention panel's app: shows what the extension host posts (an analysis, a head's steps,
 * progress or an error), keeps the chosen head, tab and cell and the request in the webview state
 * so a hidden or reloaded panel comes back as it was, and tells the host when it is ready.
 */
import { parseHostMessage, type HeadChoice, type HostMessage, type WebviewState } from '../../../src/common/protocol/attentionPanel';
import { ChunkAssembler } from '../../../src/common/protocol/chunks';
import { AnalysisView, type AnalysisChoices } from './analysisView';
import { t } from './l10n';
import { renderComputing, renderEmpty, renderError } from './statusView';
import { loadState, post, saveState } from './vscodeApi';

const app = document.getElementById('app')!;
let state: WebviewState = loadState();
let current: AnalysisView | undefined;

function replace(content: HTMLElement, view?: AnalysisView): void {
  current?.dispose();
  current = view;
  app.replaceChildren(content);
}

function showAnalysis(message: Extract<HostMessage, { type: 'analysis' }>): void {
  const { view } = message;
  const n = view.tokens.length;
  const saved = state.selectedHead;
  const head: HeadChoice = typeof saved === 'number' && saved >= view.weights.length ? 'average' : saved;
  const cell = state.cell && state.cell.query < n && state.cell.key < n ? state.cell : undefined;
  const choices: AnalysisChoices = { head, tab: message.tab ?? state.tab ?? 'heatmap', ...(cell ? { cell } : {}) };
  const remember = (chosen: AnalysisChoices) => {
    state = { selectedHead: chosen.head, tab: chosen.tab, ...(chosen.cell ? { cell: chosen.cell } : {}), ...restorable(message) };
    saveState(state);
  };
  remember(choices);
  const analysis = new AnalysisView(message, choices, remember, post);
  replace(analysis.element, analysis);
  analysis.show();
  // When the frame with the new heatmap is on screen (wall-clock ms): what a speed test measures to.
  requestAnimationFrame(() => (analysis.element.dataset.paintedAt = String(Date.now())));
}

/**
 * What the host needs to recompute the analysis after a window reload: the result is
 * deterministic, so text, config and token count are enough; for a pretrained model, its folder
 * (which the analysis message names), as many pieces as it read, and the display's layer and toggles.
 */
function restorable(message: Extract<HostMessage, { type: 'analysis' }>): Pick<WebviewState, 'request' | 'totalTokens' | 'model'> {
  const { view } = message;
  // A model's analysis from a message that does not name its folder cannot be run again.
  if (view.model && !message.model) return {};
  const maxTokens = view.model ? view.model.pieces : view.tokens.length;
  return {
    request: { text: view.text, sourceName: view.sourceName, config: view.config, maxTokens, ...(message.model ? { model: message.model } : {}) },
    ...(view.totalTokens !== undefined ? { totalTokens: view.totalTokens } : {}),
    ...(view.model && message.model ? { model: view.model.display } : {}),
  };
}

function show(message: HostMessage): void {
  switch (message.type) {
    case 'computing':
      replace(renderComputing(message.sourceName, message.tokenCount, message.model));
      break;
    case 'error':
      replace(renderError(message.message));
      break;
    case 'analysis':
      showAnalysis(message);
      break;
    case 'steps':
    case 'stepsFailed':
    case 'tile':
    case 'tileFailed':
      if (current && !current.receive(message)) replace(renderError(t('unknownMessage')));
      break;
    case 'reveal':
      current?.revealTab(message.tab);
      break;
  }
}

const chunks = new ChunkAssembler();
window.addEventListener('message', (event: MessageEvent) => {
  // The weights of a long selection arrive in pieces before the message that uses them.
  if (chunks.accept(event.data)) return;
  const message = parseHostMessage(chunks.assemble(event.data));
  if (message) show(message);
  else replace(renderError(t('unknownMessage')));
});

document.addEventListener('keydown', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, vscode-single-select, vscode-checkbox')) return;
  if (current?.stepHead(event.key)) event.preventDefault();
});

// On a theme change VS Code swaps the body's vscode-light/dark/high-contrast class and rewrites
// the --vscode-* variables on <html>: the canvases, painted with those colours, must follow.
const repaint = new MutationObserver(() => current?.repaint());
repaint.observe(document.body, { attributes: true, attributeFilter: ['class'] });
repaint.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

replace(renderEmpty());
post({ type: 'ready' });
