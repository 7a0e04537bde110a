/**
 * The toolbar's Export: a format (PNG image at 2×, SVG image, CSV weights, and the command line's
 * JSON and safetensors), its Export… button (the host asks where to save), and Copy image (the
 * PNG to the clipboard). Keyboard: the dropdown and both buttons are in the tab order; what
 * happened is said in a status line (aria-live), as the host's dialog and messages say the rest.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { t } from './l10n';

export interface ExportActions {
  /** Export in `format`; resolves once the page has done its part (drawn the PNG, posted the message). */
  export(format: ExportFormat): Promise<void>;
  /** Copy the heatmap's image to the clipboard. */
  copyImage(): Promise<void>;
}

const FORMAT_LABELS: Record<ExportFormat, () => string> = {
  png: () => t('exportPng'),
  svg: () => t('exportSvg'),
  csv: () => t('exportCsv'),
  json: () => t('exportJson'),
  safetensors: () => t('exportSafetensors'),
};

export class ExportControls {
  readonly element: HTMLElement;
  private readonly dropdown: VscodeSingleSelect;
  private readonly status = el('span', { className: 'export-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });

  /** `formats`: those this analysis offers (a model's run has no safetensors file). */
  constructor(formats: readonly ExportFormat[], private readonly actions: ExportActions) {
    this.dropdown = document.createElement('vscode-single-select');
    this.dropdown.id = 'export-format';
    this.dropdown.setAttribute('aria-label', t('exportFormatLabel'));
    this.dropdown.append(...EXPORT_FORMATS.filter((f) => formats.includes(f)).map((format) => el('vscode-option', { text: FORMAT_LABELS[format](), attrs: { value: format } })));
    this.dropdown.value = 'png';
    const exportButton = button(t('exportButton'), 'export');
    const copyButton = button(t('copyImageButton'), 'copy');
    exportButton.addEventListener('click', () => void this.run(() => this.actions.export(this.dropdown.value as ExportFormat)));
    copyButton.addEventListener('click', () => void this.run(() => this.actions.copyImage(), t('imageCopied')));
    this.element = el('div', { className: 'export-controls', attrs: { role: 'group', 'aria-label': t('exportGroupLabel') } }, [
      el('label', { text: t('exportLabel'), attrs: { for: 'export-format' } }),
      this.dropdown,
      exportButton,
      copyButton,
      this.status,
    ]);
  }

  /** Runs an action, saying in the status line that it is under way, then `done` or why it failed. */
  private async run(action: () => Promise<void>, done = ''): Promise<void> {
    this.status.textContent = t('exportPreparing');
    try {
      await action();
      this.status.textContent = done;
    } catch (error) {
      this.status.textContent = t('exportFailed', (error as Error).message);
    }
  }
}

function button(text: string, kind: string): HTMLButtonElement {
  return el('button', { className: 'export-button', text, attrs: { type: 'button', 'data-export': kind } });
}
