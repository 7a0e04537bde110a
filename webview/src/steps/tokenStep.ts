/**
 * Step 1, 对输入句子进行分词: each token with its place in the analysed text (UTF-16 offsets, as the
 * editor counts). Hovering or focusing a token highlights it in the editor it came from.
 */
import type { AttentionView } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from '../attention/l10n';

export function renderTokenStep(view: AttentionView, highlight: (index: number | null) => void): HTMLElement {
  const list = el('ol', { className: 'token-chips', attrs: { 'aria-label': t('tokensListLabel', view.tokens.length) } });
  view.tokens.forEach((token, i) => {
    const chip = el('button', { className: 'token-chip', attrs: { type: 'button', 'data-index': String(i), title: t('tokenChipTitle', i + 1, token.start, token.end) } }, [
      el('span', { className: 'token-index', text: String(i + 1) }),
      el('span', { className: 'token-text', text: token.text }),
      el('span', { className: 'token-span', text: `${token.start}–${token.end}` }),
    ]);
    const on = () => highlight(i);
    const off = () => highlight(null);
    chip.addEventListener('pointerenter', on);
    chip.addEventListener('focus', on);
    chip.addEventListener('pointerleave', off);
    chip.addEventListener('blur', off);
    list.append(el('li', {}, [chip]));
  });
  return list;
}
