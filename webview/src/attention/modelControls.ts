/**
 * A pretrained model's part of the toolbar, instead of the built-in engine's mask and positions:
 * which layer, and whether special tokens are hidden or pieces merged into words. Each change
 * asks the host for the analysis shown that way (it comes back as a new analysis); a toggle that
 * would change nothing for this text is disabled, with the reason beside it.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { ModelDisplay, ModelViewPart } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from './l10n';

export function renderLayerPicker(model: ModelViewPart, changeLayer: (layer: number) => void): HTMLElement {
  const select = document.createElement('vscode-single-select') as VscodeSingleSelect;
  select.id = 'layer-select';
  select.setAttribute('aria-label', t('layerSelectLabel'));
  select.append(...Array.from({ length: model.info.layers }, (_, layer) => el('vscode-option', { text: t('layerNumber', layer + 1), attrs: { value: String(layer) } })));
  select.value = String(model.display.layer);
  select.addEventListener('change', () => {
    const layer = Number(select.value);
    if (Number.isInteger(layer) && layer !== model.display.layer) changeLayer(layer);
  });
  return el('div', { className: 'layer-picker' }, [el('label', { text: t('layerLabel'), attrs: { for: 'layer-select' } }), select]);
}

export function renderDisplayToggles(model: ModelViewPart, changeDisplay: (display: ModelDisplay) => void): HTMLElement {
  const { display } = model;
  // Turning a toggle off must stay possible, whatever the flags say.
  const hide = toggle('hide-special-toggle', t('hideSpecialLabel'), display.hideSpecial, model.hasSpecial || display.hideSpecial, t('hideSpecialHint'), t('hideSpecialNone'));
  const merge = toggle('merge-words-toggle', t('mergeWordsLabel'), display.mergeWords, model.hasSubwords || display.mergeWords, t('mergeWordsHint'), t('mergeWordsNone'));
  const changed = () => changeDisplay({ layer: display.layer, hideSpecial: hide.box.checked, mergeWords: merge.box.checked });
  hide.box.addEventListener('change', changed);
  merge.box.addEventListener('change', changed);
  return el('div', { className: 'compute-toggles model-toggles', attrs: { role: 'group', 'aria-label': t('modelTogglesLabel') } }, [hide.element, merge.element]);
}

function toggle(id: string, label: string, checked: boolean, enabled: boolean, hint: string, why: string): { element: HTMLElement; box: VscodeCheckbox } {
  const box = document.createElement('vscode-checkbox') as VscodeCheckbox;
  box.id = id;
  box.label = label;
  box.checked = checked;
  box.disabled = !enabled;
  const note = el('span', { className: 'hint toggle-hint', text: enabled ? hint : why });
  // A disabled control shows no tooltip of its own: the title is on what holds it.
  const element = el('div', { className: 'toggle', attrs: enabled ? {} : { title: why } }, [box, note]);
  return { element, box };
}
