/**
 * Which head the heatmap shows: the average of the heads or one head, in VS Code's own dropdown. Keyboard:
 * the dropdown is focusable and works with the arrow keys; "[" and "]" step through the heads from
 * anywhere in the panel.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { HeadChoice } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from './l10n';

export class HeadSelector {
  readonly element: HTMLElement;
  private readonly dropdown: VscodeSingleSelect;
  private readonly choices: HeadChoice[];

  constructor(heads: number, selected: HeadChoice, private readonly onChange: (choice: HeadChoice) => void) {
    this.choices = ['average', 'maximum', ...Array.from({ length: heads }, (_, h) => h)];
    this.dropdown = document.createElement('vscode-single-select');
    this.dropdown.id = 'head-select';
    this.dropdown.setAttribute('aria-label', t('headSelectLabel'));
    this.dropdown.append(
      ...this.choices.map((choice) =>
        el('vscode-option', { text: optionLabel(choice, heads), attrs: { value: String(choice) } }),
      ),
    );
    this.dropdown.value = String(selected);
    this.dropdown.addEventListener('change', () => this.onChange(this.parse(this.dropdown.value)));
    this.element = el('div', { className: 'head-selector' }, [
      el('label', { text: t('headLabel'), attrs: { for: 'head-select' } }),
      this.dropdown,
      el('span', { className: 'hint', text: t('stepHint') }),
    ]);
  }

  /** Shows `choice` as chosen (it was chosen elsewhere: the gallery, a restored state). */
  select(choice: HeadChoice): void {
    this.dropdown.selectedIndex = this.choices.indexOf(choice);
  }

  /** "[" or "]": the previous or next choice, wrapping; returns whether the key was one of them. */
  step(key: string): boolean {
    if (key !== '[' && key !== ']') return false;
    const at = this.choices.indexOf(this.parse(this.dropdown.value));
    const index = (at + (key === ']' ? 1 : -1) + this.choices.length) % this.choices.length;
    // selectedIndex, unlike value, also moves the dropdown's keyboard highlight to the choice.
    this.dropdown.selectedIndex = index;
    this.onChange(this.choices[index]);
    return true;
  }

  private parse(value: string): HeadChoice {
    const head = Number(value);
    if (value === 'maximum') return 'maximum';
    return value === 'average' || !Number.isInteger(head) ? 'average' : head;
  }
}

function optionLabel(choice: HeadChoice, heads: number): string {
  if (choice === 'average') return heads === 1 ? t('averageOfOneHead', heads) : t('averageOfHeads', heads);
  if (choice === 'maximum') return t('maximumOfHeads', heads);
  return t('headNumber', choice + 1);
}
