/**
 * The attention panel's "Compare contexts" button: the word of the token chosen there (the
 * selected cell's query token), in the sentences of the panel's document (or, with none, of its
 * analysed text); with no token chosen, the chapter's example.
 */
import * as vscode from 'vscode';
import type { ShownAnalysis } from '../attention/attentionPanel';
import type { WebviewMessage } from '../common/protocol/attentionPanel';
import { CompareContextsCommand, type CompareContextsArgs } from './compareContextsCommand';

export function compareFromPanel(shown: ShownAnalysis | undefined, message: Extract<WebviewMessage, { type: 'compareContexts' }>): Thenable<unknown> | undefined {
  if (!shown || message.analysisId !== shown.analysisId) return undefined; // about an analysis no longer shown
  const token = message.token === undefined ? undefined : shown.view.tokens[message.token];
  // The document's characters under the token, not its label (a model's piece is "Ġbank" or "##ing").
  const word = token && shown.view.text.slice(token.start, token.end);
  const args: CompareContextsArgs = word
    ? { word, text: shown.view.text, sourceName: shown.view.sourceName, ...(shown.source ? { uri: shown.source.uri.toString() } : {}) }
    : { example: true };
  return vscode.commands.executeCommand(CompareContextsCommand.id, args);
}
