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
  private readonly select: VscodeSingleSelect;
  private readonly choices: HeadChoice[];

  constructor(heads: number, selected: HeadChoice, private readonly onChange: (choice: HeadChoice) => void) {
    this.choices = ['average', ...Array.from({ length: heads }, (_, h) => h)];
    this.select = document.createElement('vscode-single-select');
    this.select.id = 'head-select';
    this.select.setAttribute('aria-label', t('headSelectLabel'));
    this.select.append(
      ...this.choices.map((choice) =>
        el('vscode-option', { text: choice === 'average' ? (heads === 1 ? t('averageOfOneHead', heads) : t('averageOfHeads', heads)) : t('headNumber', choice + 1), attrs: { value: String(choice) } }),
      ),
    );
    this.select.value = String(selected);
    this.select.addEventListener('change', () => this.onChange(this.parse(this.select.value)));
    this.element = el('div', { className: 'head-selector' }, [
      el('label', { text: t('headLabel'), attrs: { for: 'head-select' } }),
      this.select,
      el('span', { className: 'hint', text: t('stepHint') }),
    ]);
  }

  /** "[" or "]": the previous or next choice, wrapping; returns whether the key was one of them. */
  step(key: string): boolean {
    if (key !== '[' && key !== ']') return false;
    const at = this.choices.indexOf(this.parse(this.select.value));
    const index = (at + (key === ']' ? 1 : -1) + this.choices.length) % this.choices.length;
    // selectedIndex, unlike value, also moves the dropdown's keyboard highlight to the choice.
    this.select.selectedIndex = index;
    this.onChange(this.choices[index]);
    return true;
  }

  private parse(value: string): HeadChoice {
    const head = Number(value);
    return value === 'average' || !Number.isInteger(head) ? 'average' : head;
  }
}
