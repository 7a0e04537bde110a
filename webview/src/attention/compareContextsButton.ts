/** The toolbar's "Compare contexts" button: opens the Compare Contexts panel on the selected cell's query word. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { el } from '../shared/dom';
import { t } from './l10n';

export function renderCompareContextsButton(onClick: () => void): HTMLElement {
  const button = el('vscode-button', { className: 'compare-contexts', attrs: { secondary: '', icon: 'diff', title: t('compareContextsTitle') }, text: t('compareContexts') });
  button.addEventListener('click', onClick);
  return button;
}
