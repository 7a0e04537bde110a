/**
 * "Attention Explorer: Show Attention": the selection (or the sentence around the cursor) of the
 * active editor, analysed and shown in the attention panel. Returns what the panel shows, so
 * scripts and tests can read the result.
 */
import * as vscode from 'vscode';
import type { AttentionView } from '../common/attention/analysisView';
import type { AttentionConfig } from '../common/attention/config';
import { FULL_MATRIX_MAX_TOKENS, isLongSelection, longSelectionCost } from '../common/attention/longSelection';
import { sentenceAt, tokenize } from '../common/attention/tokenizer';
import type { Command } from '../host/commandManager';
import { openSettings, readAnalysisSettings, readSetting, SETTINGS, SettingError } from '../host/settings';
import type { PanelTab } from '../common/protocol/attentionPanel';
import type { ModelRef } from '../common/models/view/modelView';
import { showModelError } from '../models/chooseModelCommand';
import { modelFolderUri, modelName, modelRef, ModelSettingError } from '../models/modelFolders';
import type { AttentionPanelManager } from './attentionPanelManager';

/**
 * Optional arguments, for keybindings (`"args"`) and other extensions: what to do when the text
 * has more tokens than the limit, instead of asking.
 */
export interface ShowAttentionArgs {
  /** true: analyse the first maxTokens tokens; false: only say it is too long. */
  readonly truncate?: boolean;
  /** Open the panel on its steps view rather than the heatmap. */
  readonly tab?: PanelTab;
  /** true: compute a long selection (over 2,048 tokens) without asking first; false: do not compute it. */
  readonly long?: boolean;
}

/** How far around the cursor to look for its sentence: a paragraph, bounded. */
const PARAGRAPH_LINE_LIMIT = 50;

export class ShowAttentionCommand implements Command {
  static readonly id = 'attentionExplorer.showAttention';
  readonly id = ShowAttentionCommand.id;

  constructor(
    private readonly panels: AttentionPanelManager,
    private readonly extensionId: string,
    /** How many workers an analysis uses: the cost of a long selection is told for them. */
    private readonly workers: number,
    /** For `~/…` in the model setting; none on the web. */
    private readonly home?: vscode.Uri,
  ) {}

  async execute(args?: unknown): Promise<AttentionView | undefined> {
    const given = typeof args === 'object' && args !== null ? (args as ShowAttentionArgs) : {};
    const truncate = typeof given.truncate === 'boolean' ? given.truncate : undefined;
    const tab = given.tab === 'steps' || given.tab === 'heatmap' ? given.tab : undefined;
    const long = typeof given.long === 'boolean' ? given.long : undefined;
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Attention Explorer: open a document and select a sentence to see its attention.'));
      return undefined;
    }
    const target = targetText(editor);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Attention Explorer: there is no text to analyse. Select a sentence, or put the cursor in one.'));
      return undefined;
    }
    let settings;
    let model: ModelRef | undefined;
    try {
      settings = readAnalysisSettings();
      model = await this.model();
    } catch (error) {
      if (error instanceof ModelSettingError) {
        showModelError(vscode.l10n.t('Attention Explorer settings: {0}', error.message));
        return undefined;
      }
      if (!(error instanceof SettingError)) throw error;
      const open = vscode.l10n.t('Open Settings');
      void vscode.window.showErrorMessage(vscode.l10n.t('Attention Explorer settings: {0}', error.message), open).then((choice) => choice === open && openSettings(this.extensionId));
      return undefined;
    }
    const { config, maxTokens } = settings;
    const { text, offset } = target;
    const sourceName = editor.document.isUntitled ? vscode.l10n.t('Untitled') : (editor.document.uri.path.split('/').pop() ?? '');
    const source = { uri: editor.document.uri, offset, version: editor.document.version };
    // A model reads as many of its pieces as it has positions (and maxTokens allows): the panel says when the text had more.
    if (model) return this.panels.show({ text, sourceName, config, maxTokens, model }, { source, ...(tab ? { tab } : {}) });
    // Bounded: tokenizing stops one token past the limit, whatever the selection's size.
    const tokenCount = tokenize(text, maxTokens + 1).length;
    if (tokenCount > maxTokens) {
      const message = vscode.l10n.t('Attention Explorer: the selection has more than {0} tokens, the limit set by "attentionExplorer.maxTokens".', maxTokens);
      if (truncate === false) void vscode.window.showWarningMessage(message);
      if (!(truncate ?? (await this.askToTruncate(message, maxTokens)))) return undefined;
    }
    const analysed = Math.min(tokenCount, maxTokens);
    if (isLongSelection(analysed) && !(long ?? (await this.askLong(analysed, config)))) return undefined;
    return this.panels.show({ text, sourceName, config, maxTokens }, { source, ...(tab ? { tab } : {}) });
  }

  /** Tells what a long selection costs, before it starts: the work, a time for this machine, what the panel will show. */
  private async askLong(n: number, config: AttentionConfig): Promise<boolean> {
    const { flops, seconds, bytes } = longSelectionCost(n, config, this.workers);
    const compute = vscode.l10n.t('Compute');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} tokens is a long selection. Compute its attention?', n.toLocaleString()),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Over {0} tokens, every head is computed blockwise without keeping its {1} × {1} weights: about {2} × 10⁹ multiply-adds, roughly {3} s on {4} workers, in about {5} MB of memory. The panel shows an overview of each head and computes the exact weights where you zoom in; the steps view is not available.',
          FULL_MATRIX_MAX_TOKENS.toLocaleString(),
          n.toLocaleString(),
          Math.round(flops / 2e9).toLocaleString(),
          Math.max(1, Math.round(seconds)),
          this.workers,
          Math.round(bytes / 1e6).toLocaleString(),
        ),
      },
      compute,
    );
    return choice === compute;
  }

  /** The model the setting names, or undefined for the built-in engine. */
  private async model(): Promise<ModelRef | undefined> {
    const uri = modelFolderUri(readSetting(SETTINGS.model), this.home);
    return uri && modelRef(uri, await modelName(uri));
  }

  private async askToTruncate(message: string, maxTokens: number): Promise<boolean> {
    const analyseFirst = vscode.l10n.t('Analyse the First {0}', maxTokens);
    const changeLimit = vscode.l10n.t('Change the Limit');
    const choice = await vscode.window.showWarningMessage(message, analyseFirst, changeLimit);
    if (choice === changeLimit) void openSettings(this.extensionId);
    return choice === analyseFirst;
  }
}

/** The primary selection's text and its offset; with none, the sentence around the cursor; undefined if blank. */
function targetText(editor: vscode.TextEditor): { text: string; offset: number } | undefined {
  const { document, selection } = editor;
  if (!selection.isEmpty) {
    const text = document.getText(selection);
    return text.trim() ? { text, offset: document.offsetAt(selection.start) } : undefined;
  }
  const line = selection.active.line;
  let first = line;
  let last = line;
  while (first > 0 && line - first < PARAGRAPH_LINE_LIMIT && !document.lineAt(first - 1).isEmptyOrWhitespace) first--;
  while (last < document.lineCount - 1 && last - line < PARAGRAPH_LINE_LIMIT && !document.lineAt(last + 1).isEmptyOrWhitespace) last++;
  const paragraph = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
  const text = document.getText(paragraph);
  const sentence = sentenceAt(text, document.offsetAt(selection.active) - document.offsetAt(paragraph.start));
  return sentence && { text: text.slice(sentence.start, sentence.end), offset: document.offsetAt(paragraph.start) + sentence.start };
}
