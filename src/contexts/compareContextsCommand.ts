/**
 * "Attention Explorer: Compare Contexts": one word in several sentences, its static embedding,
 * contextual output and attention row in each. Which word and sentences:
 * - arguments { word, uri?, text? } (the attention panel's button: the selected cell's query
 *   token, in the sentences of the panel's document, or of its analysed text); { example: true }
 *   for the chapter's example;
 * - else, in the active editor, a short selection (a word, no sentence end), or the token under
 *   the cursor (the engine's word segmentation, so 银行 rather than VS Code's whole run of Chinese
 *   characters), in every sentence of the document that contains it;
 * - else (no editor, the cursor on no word) the chapter's example: "bank" in its English sentences.
 * Returns the result shown, for scripts and tests.
 */
import * as vscode from 'vscode';
import { CHAPTER_EXAMPLE_CONTEXTS, CHAPTER_EXAMPLE_WORD } from '../common/contexts/chapterExample';
import type { ContextsResult } from '../common/contexts/contexts';
import { MAX_CONTEXT_SENTENCES, selectedWord, sentencesWith, wordAt } from '../common/contexts/sentences';
import type { ContextsSubject } from '../common/protocol/contexts';
import type { Command } from '../host/commandManager';
import { readContextsEngine, showEngineError } from './contextsEngine';
import type { ContextsPanelManager } from './contextsPanelManager';

export interface CompareContextsArgs {
  readonly example?: boolean;
  readonly word?: string;
  /** The document whose sentences to compare in (a URI string). */
  readonly uri?: string;
  /** The text whose sentences to compare in, when there is no document (or it cannot be opened). */
  readonly text?: string;
  readonly sourceName?: string;
}

export const CHAPTER_EXAMPLE_SUBJECT: ContextsSubject = { word: CHAPTER_EXAMPLE_WORD, sentences: CHAPTER_EXAMPLE_CONTEXTS, example: true };

export class CompareContextsCommand implements Command {
  static readonly id = 'attentionExplorer.compareContexts';
  readonly id = CompareContextsCommand.id;

  constructor(
    private readonly panels: ContextsPanelManager,
    private readonly extensionId: string,
    private readonly home?: vscode.Uri,
  ) {}

  async execute(args?: unknown): Promise<ContextsResult | undefined> {
    const subject = await this.subject(args);
    if (!subject) return undefined;
    let engine;
    try {
      engine = await readContextsEngine(this.home);
    } catch (error) {
      if (showEngineError(error, this.extensionId)) return undefined;
      throw error;
    }
    if (subject.total !== undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Attention Explorer: “{0}” is in {1} sentences; the first {2} are compared.', subject.word, subject.total, MAX_CONTEXT_SENTENCES));
    }
    return this.panels.show(subject, engine);
  }

  /** What to compare; undefined (the user told why) when there is nothing. */
  private async subject(args: unknown): Promise<ContextsSubject | undefined> {
    // A menu of the editor passes the document's URI: the editor's selection or cursor says the rest.
    const given = typeof args === 'object' && args !== null && !(args instanceof vscode.Uri) ? (args as CompareContextsArgs) : {};
    if (given.example === true) return CHAPTER_EXAMPLE_SUBJECT;
    if (typeof given.word === 'string') {
      const word = selectedWord(given.word);
      if (!word) return this.notAWord(given.word);
      const text = (typeof given.uri === 'string' ? await documentText(given.uri) : undefined) ?? (typeof given.text === 'string' ? given.text : '');
      return this.inText(word, text, typeof given.sourceName === 'string' ? given.sourceName : undefined);
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) return CHAPTER_EXAMPLE_SUBJECT;
    const { document, selection } = editor;
    const sourceName = document.isUntitled ? vscode.l10n.t('Untitled') : (document.uri.path.split('/').pop() ?? '');
    if (!selection.isEmpty) {
      const selected = document.getText(selection);
      const word = selectedWord(selected);
      return word ? this.inText(word, document.getText(), sourceName) : this.notAWord(selected);
    }
    const word = wordAt(document.lineAt(selection.active.line).text, selection.active.character);
    return word ? this.inText(word, document.getText(), sourceName) : CHAPTER_EXAMPLE_SUBJECT;
  }

  private inText(word: string, text: string, sourceName: string | undefined): ContextsSubject | undefined {
    const { sentences, total } = sentencesWith(text, word);
    if (sentences.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Attention Explorer: no sentence of the document contains “{0}”.', word));
      return undefined;
    }
    return { word, sentences: sentences.map((text) => ({ text })), example: false, ...(sourceName ? { sourceName } : {}), ...(total > sentences.length ? { total } : {}) };
  }

  private notAWord(text: string): undefined {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    void vscode.window.showInformationMessage(vscode.l10n.t('Attention Explorer: “{0}” is not a word to compare. Select one word (no sentence end), or put the cursor on one.', shown.trim()));
    return undefined;
  }
}

/** The text of a document by URI, undefined when it cannot be opened (an untitled one since closed). */
async function documentText(uri: string): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true))).getText();
  } catch {
    return undefined;
  }
}
