/**
 * The mask and the positional encoding, switched in the panel: the host recomputes the analysis at
 * once (the settings stay the defaults for new analyses). Each has the chapter's own note beside it.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { AttentionConfig, MaskKind, PositionalKind } from '../../../src/common/attention/config';
import type { ChapterPassage, StepsGuide } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from './l10n';

export interface ToggleChoice {
  readonly mask: MaskKind;
  readonly positional: PositionalKind;
}

export function renderComputeToggles(
  config: AttentionConfig,
  guide: StepsGuide | undefined,
  recompute: (choice: ToggleChoice) => void,
  openSection: (sectionId: string) => void,
): HTMLElement {
  const mask = document.createElement('vscode-single-select') as VscodeSingleSelect;
  mask.id = 'mask-select';
  mask.setAttribute('aria-label', t('maskToggleLabel'));
  mask.append(el('vscode-option', { text: t('maskOptionNone'), attrs: { value: 'none' } }), el('vscode-option', { text: t('maskOptionCausal'), attrs: { value: 'causal' } }));
  mask.value = config.mask;
  const positions = document.createElement('vscode-checkbox') as VscodeCheckbox;
  positions.id = 'positions-toggle';
  positions.label = t('positionsToggleLabel');
  positions.checked = config.positional === 'sinusoidal';
  const changed = () => {
    const choice: ToggleChoice = { mask: mask.value === 'causal' ? 'causal' : 'none', positional: positions.checked ? 'sinusoidal' : 'none' };
    if (choice.mask !== config.mask || choice.positional !== config.positional) recompute(choice);
  };
  mask.addEventListener('change', changed);
  positions.addEventListener('change', changed);
  return el('div', { className: 'compute-toggles', attrs: { role: 'group', 'aria-label': t('togglesLabel') } }, [
    el('div', { className: 'toggle' }, [el('label', { text: t('maskToggleLabel'), attrs: { for: 'mask-select' } }), mask, chapterNote(guide?.mask, openSection)]),
    el('div', { className: 'toggle' }, [positions, chapterNote(guide?.positions, openSection)]),
  ]);
}

/** The chapter's passage, folded: its section's title opens, the text is one click away. */
function chapterNote(passage: ChapterPassage | undefined, openSection: (sectionId: string) => void): HTMLElement {
  if (!passage) return el('span');
  const open = el('button', { className: 'link-button', text: t('openInChapter'), attrs: { type: 'button' } });
  open.addEventListener('click', () => openSection(passage.sectionId));
  return el('details', { className: 'toggle-note' }, [
    el('summary', { text: t('toggleNoteSummary', passage.sectionTitle) }),
    el('p', { attrs: { lang: 'zh-CN' }, text: passage.text }),
    open,
  ]);
}
