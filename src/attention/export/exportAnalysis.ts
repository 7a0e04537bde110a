/**
 * The attention panel's Export: the page asks (a format, the head it shows; for PNG the image it
 * drew), this asks where to save (the source document's folder, a name after the source and the
 * head), makes the file and writes it through workspace.fs, then offers to open or reveal it.
 * - PNG: the page's bytes, as drawn (its signature was checked by the message parser).
 * - SVG and CSV: the panel's own numbers (AttentionPanel.exactWeights), made here in chunks that
 *   yield to the host's event loop; a long selection's CSV comes from the workers in bands of rows.
 * - JSON and safetensors: what the CLI writes for the same text and settings, made in a worker.
 * What cannot be exported is refused before the dialog, with the reason.
 */
import * as vscode from 'vscode';
import type { AnalysisRequest } from '../../common/attention/analysisView';
import { FULL_MATRIX_MAX_TOKENS, TILE_MAX_CELLS } from '../../common/attention/longSelection';
import { exportFileName } from '../../common/export/exportName';
import { joinChunks } from '../../common/export/joinChunks';
import { heatmapSvgChunks, SVG_MAX_TOKENS } from '../../common/export/heatmapSvg';
import { estimatedJsonChars, V8_MAX_STRING_CHARS } from '../../common/export/jsonSize';
import { csvHeader, csvRow } from '../../common/export/weightsCsv';
import type { ExportFormat, HeadChoice, WebviewMessage } from '../../common/protocol/attentionPanel';
import type { TileRect } from '../../common/protocol/worker';
import type { ShownAnalysis } from '../attentionPanel';

type ExportMessage = Extract<WebviewMessage, { type: 'export' }>;

/** What the panel lends an export: what it shows, its numbers, and its worker for the CLI's files. */
export interface ExportSource {
  readonly analysis: ShownAnalysis | undefined;
  exactWeights(rect: TileRect, token: vscode.CancellationToken): Promise<ArrayLike<number>>;
  cliFile(format: 'json' | 'safetensors', request: AnalysisRequest, version: string, token: vscode.CancellationToken): Promise<Uint8Array>;
  readonly log: vscode.LogOutputChannel;
}

/** Work done between two yields to the event loop (ms): the host stays responsive while a big file is made. */
const SLICE_MS = 15;

export async function exportAnalysis(source: ExportSource, message: ExportMessage): Promise<void> {
  const shown = source.analysis;
  if (!shown || shown.analysisId !== message.analysisId) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The panel shows another analysis now: export it again.'));
    return;
  }
  const { format, head } = message;
  if (typeof head === 'number' && head >= shown.view.weights.length) return; // a page that names a head not there gets nothing
  const refusal = refusalOf(shown, format);
  if (refusal) {
    void vscode.window.showErrorMessage(refusal);
    return;
  }
  const name = exportFileName(shown.request.sourceName, head, format);
  const uri = await vscode.window.showSaveDialog({ defaultUri: defaultUri(shown, name), filters: filtersOf(format), saveLabel: vscode.l10n.t('Export'), title: vscode.l10n.t('Export {0}', name) });
  if (!uri) return;
  const started = performance.now();
  try {
    const bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}…', name), cancellable: true }, (_, token) =>
      fileBytes(source, shown, message, token),
    );
    if (!bytes) return; // cancelled
    await vscode.workspace.fs.writeFile(uri, bytes);
    source.log.info(`exported ${format} of ${shown.request.sourceName} (${bytes.length} bytes) in ${Math.round(performance.now() - started)} ms to ${uri.toString(true)}`);
    void offerToOpen(uri);
  } catch (error) {
    source.log.error(`the ${format} export failed`, error);
    void vscode.window.showErrorMessage(vscode.l10n.t('The export could not be written: {0}', (error as Error).message));
  }
}

/** Why `format` cannot be exported from this analysis, or undefined. */
function refusalOf(shown: ShownAnalysis, format: ExportFormat): string | undefined {
  const n = shown.view.tokens.length;
  if (format === 'svg' && n > SVG_MAX_TOKENS) return vscode.l10n.t('An SVG has a rectangle per cell: it is made for up to {0} tokens, and this analysis has {1}. Export a PNG instead.', SVG_MAX_TOKENS, n);
  if (format === 'csv' && n > FULL_MATRIX_MAX_TOKENS) return vscode.l10n.t('The weights of more than {0} tokens are never computed as one matrix, and this analysis has {1}: export the heatmap as PNG, or the tensors as safetensors.', FULL_MATRIX_MAX_TOKENS, n);
  if (shown.model && format === 'safetensors') return vscode.l10n.t("The command line writes a model's run as JSON only (--model DIR --json): export JSON instead.");
  if (!shown.model && format === 'json' && estimatedJsonChars(n, shown.request.config) > V8_MAX_STRING_CHARS) {
    return vscode.l10n.t('The JSON of {0} tokens would be larger than one string can hold (as for the command line): export safetensors instead.', n);
  }
  return undefined;
}

/** Beside the source document when it is a file with a folder, else in the first workspace folder. */
function defaultUri(shown: ShownAnalysis, name: string): vscode.Uri | undefined {
  const document = shown.source?.uri;
  if (document && document.scheme !== 'untitled') return vscode.Uri.joinPath(document, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

function filtersOf(format: ExportFormat): Record<string, string[]> {
  const names: Record<ExportFormat, string> = {
    png: vscode.l10n.t('PNG image'),
    svg: vscode.l10n.t('SVG image'),
    csv: vscode.l10n.t('CSV table'),
    json: vscode.l10n.t('JSON'),
    safetensors: vscode.l10n.t('safetensors'),
  };
  return { [names[format]]: [format] };
}

/**
 * The file's bytes; undefined when cancelled. The workers are asked with a token that is never
 * cancelled: the session ends its workers when a question is cancelled, and the panel still needs
 * them (tiles, steps). A cancelled export just stops asking and drops what it made.
 */
async function fileBytes(source: ExportSource, shown: ShownAnalysis, message: ExportMessage, token: vscode.CancellationToken): Promise<Uint8Array | undefined> {
  const { format, head } = message;
  const workers = new vscode.CancellationTokenSource();
  const panel: ExportSource = { ...source, exactWeights: (rect) => source.exactWeights(rect, workers.token), cliFile: (kind, request, version) => source.cliFile(kind, request, version, workers.token) };
  try {
    switch (format) {
      case 'png':
        return message.png;
      case 'svg':
        return await svgBytes(panel, shown, head, token);
      case 'csv':
        return await csvBytes(panel, shown, head, token);
      case 'json':
      case 'safetensors': {
        const bytes = await panel.cliFile(format, shown.request, extensionVersion(), workers.token);
        return token.isCancellationRequested ? undefined : bytes;
      }
    }
  } finally {
    workers.dispose();
  }
}

async function svgBytes(source: ExportSource, shown: ShownAnalysis, head: HeadChoice, token: vscode.CancellationToken): Promise<Uint8Array | undefined> {
  const tokens = shown.view.tokens.map((t) => t.text);
  const n = tokens.length;
  const values = await source.exactWeights({ head, row0: 0, col0: 0, rows: n, cols: n }, token);
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  const words = { legend: vscode.l10n.t('Attention weight'), masked: vscode.l10n.t('masked'), query: vscode.l10n.t('query'), key: vscode.l10n.t('key') };
  const title = vscode.l10n.t('Attention of {0}, {1}', shown.request.sourceName, headName(head));
  const chunks = heatmapSvgChunks({ tokens, values, max, causal: shown.view.config.mask === 'causal', title, words });
  return encodeInSlices(chunks, token);
}

async function csvBytes(source: ExportSource, shown: ShownAnalysis, head: HeadChoice, token: vscode.CancellationToken): Promise<Uint8Array | undefined> {
  const tokens = shown.view.tokens.map((t) => t.text);
  const n = tokens.length;
  // A band of whole rows per ask: at most one tile's cells (the workers' limit for a long selection).
  const bandRows = Math.max(1, Math.floor(TILE_MAX_CELLS / n));
  async function* rows(): AsyncGenerator<string> {
    yield csvHeader(tokens, vscode.l10n.t('query \\ key'));
    for (let row0 = 0; row0 < n; row0 += bandRows) {
      const rowCount = Math.min(bandRows, n - row0);
      const values = await source.exactWeights({ head, row0, col0: 0, rows: rowCount, cols: n }, token);
      // A head's weights and a long selection's tiles are float32; the page's average and maximum of them are float64.
      const precision = typeof head === 'number' || values instanceof Float32Array ? 'float32' : 'float64';
      for (let r = 0; r < rowCount; r++) yield csvRow(tokens[row0 + r], values, precision, r * n, n);
    }
  }
  return encodeInSlices(rows(), token);
}

/** UTF-8 of the chunks, yielding to the event loop every SLICE_MS; undefined when cancelled. */
async function encodeInSlices(chunks: Iterable<string> | AsyncIterable<string>, token: vscode.CancellationToken): Promise<Uint8Array | undefined> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  let sliceStart = performance.now();
  const flush = () => {
    parts.push(encoder.encode(pending.join('')));
    pending = [];
    pendingChars = 0;
  };
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingChars += chunk.length;
    if (pendingChars > 1 << 20) flush();
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (token.isCancellationRequested) return undefined;
      sliceStart = performance.now();
    }
  }
  flush();
  return joinChunks(parts);
}

function headName(head: HeadChoice): string {
  if (head === 'average') return vscode.l10n.t('average of heads');
  if (head === 'maximum') return vscode.l10n.t('maximum of heads');
  return vscode.l10n.t('head {0}', head + 1);
}

/** The extension's version, for the safetensors metadata (the CLI writes the package's). */
function extensionVersion(): string {
  return (vscode.extensions.getExtension('attention-explorer.attention-explorer')?.packageJSON as { version?: string } | undefined)?.version ?? 'unknown';
}

async function offerToOpen(uri: vscode.Uri): Promise<void> {
  const [open, reveal] = [vscode.l10n.t('Open'), vscode.l10n.t('Reveal')];
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Exported {0}.', name), open, reveal);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
  // The OS's file manager where there is one; the web has only the Explorer.
  else if (choice === reveal) await vscode.commands.executeCommand(vscode.env.uiKind === vscode.UIKind.Web || uri.scheme !== 'file' ? 'revealInExplorer' : 'revealFileInOS', uri);
}
