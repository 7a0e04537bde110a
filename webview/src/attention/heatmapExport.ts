/**
 * What the page does for Export and Copy image: the PNG is drawn here, from the heatmap's own
 * drawing code (Heatmap.renderImage: every cell at the zoom that fits them, the labels, the
 * legend) at 2 device px per CSS px, and handed to the host as bytes; every other format is made
 * by the host from the analysis, as the head shown. Copy image writes the same PNG to the
 * clipboard (the webview's iframe is allowed clipboard-write).
 */
import type { ExportFormat, HeadChoice, WebviewMessage } from '../../../src/common/protocol/attentionPanel';
import { ExportControls } from './exportControls';
import type { Heatmap } from './heatmap';
import { t } from './l10n';

/** Device px per CSS px of the exported image. */
export const EXPORT_SCALE = 2;

export interface HeatmapExportContext {
  readonly heatmap: Heatmap;
  readonly analysisId: number;
  readonly causal: boolean;
  /** A pretrained model's run: the CLI writes no safetensors of it. */
  readonly model: boolean;
  readonly head: () => HeadChoice;
  readonly post: (message: WebviewMessage) => void;
}

export function renderExportControls(context: HeatmapExportContext): HTMLElement {
  const formats: ExportFormat[] = context.model ? ['png', 'svg', 'csv', 'json'] : ['png', 'svg', 'csv', 'json', 'safetensors'];
  return new ExportControls(formats, {
    export: async (format) => {
      const { analysisId } = context;
      const head = context.head();
      if (format !== 'png') return context.post({ type: 'export', analysisId, format, head });
      const png = new Uint8Array(await (await heatmapPng(context)).arrayBuffer());
      context.post({ type: 'export', analysisId, format, head, png });
    },
    copyImage: async () => {
      if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') throw new Error(t('clipboardUnavailable'));
      // The item takes the promise: the click's user activation is still there when the write starts.
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': heatmapPng(context) })]);
    },
  }).element;
}

/** The heatmap as a PNG at EXPORT_SCALE. */
export function heatmapPng(context: HeatmapExportContext): Promise<Blob> {
  const canvas = context.heatmap.renderImage(EXPORT_SCALE, { title: t('legendTitle'), axes: { key: t('axisKey'), query: t('axisQuery') }, ...(context.causal ? { masked: t('legendMasked') } : {}) });
  if (!canvas) return Promise.reject(new Error(t('exportHeatmapHidden')));
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(t('exportPngFailed')))), 'image/png'));
}
