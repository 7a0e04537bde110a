/**
 * Hovers on glossary terms in any prose document: the chapter's definition, the section it comes
 * from, and a link that opens the reader there. The matcher is built on the first hover; a hover
 * only reads the hovered line.
 */
import * as vscode from 'vscode';
import type { ChapterStore } from '../chapter/chapterStore';
import { OpenChapterCommand } from '../chapter/openChapterCommand';
import { GLOSSARY } from '../common/glossary/glossaryData';
import { createGlossaryMatcher, type GlossaryMatcher } from '../common/glossary/glossaryMatcher';
import { Disposable } from '../host/dispose';
import { affectsSettings, readSetting, SETTINGS, SettingError } from '../host/settings';

export class GlossaryHoverProvider implements vscode.HoverProvider {
  private matcher?: GlossaryMatcher;

  constructor(private readonly chapter: ChapterStore) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    this.matcher ??= createGlossaryMatcher(GLOSSARY);
    const hit = this.matcher.match(document.lineAt(position.line).text, position.character);
    if (!hit) return undefined;
    const section = await this.chapter.section(hit.entry.sectionId).catch(() => undefined);
    if (token.isCancellationRequested) return undefined;
    return new vscode.Hover(hoverMarkdown(hit.entry.term, hit.entry.definition, section?.title, hit.entry.sectionId), new vscode.Range(position.line, hit.start, position.line, hit.end));
  }
}

/** Chapter text is escaped, never interpreted; the only command the hover may run is ours. */
export function hoverMarkdown(term: string, definition: string, sectionTitle: string | undefined, sectionId: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.isTrusted = { enabledCommands: [OpenChapterCommand.id] };
  markdown.appendMarkdown('**').appendText(term).appendMarkdown('**\n\n');
  markdown.appendText(definition);
  const link = `command:${OpenChapterCommand.id}?${encodeURIComponent(JSON.stringify([sectionId]))}`;
  markdown.appendMarkdown('\n\n---\n\n$(book) ');
  if (sectionTitle) markdown.appendText(`${sectionTitle} · `);
  // Link text and title are ours; brackets and quotes would end them early, so none may appear.
  const text = vscode.l10n.t('Open in chapter').replace(/[[\]]/g, '');
  const title = vscode.l10n.t('Open the chapter at this section').replace(/"/g, '');
  markdown.appendMarkdown(`[${text}](${link} "${title}")`);
  return markdown;
}

/** The provider, registered for the languages the settings name, again whenever they change. */
export class GlossaryHoverRegistration extends Disposable {
  private registration?: vscode.Disposable;

  constructor(private readonly provider: GlossaryHoverProvider) {
    super();
    this.update();
    this.register(vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event, SETTINGS.hoverEnabled, SETTINGS.hoverLanguages) && this.update()));
    this.register({ dispose: () => this.registration?.dispose() });
  }

  private update(): void {
    this.registration?.dispose();
    this.registration = undefined;
    let enabled: boolean;
    let languages: readonly string[];
    try {
      enabled = readSetting(SETTINGS.hoverEnabled);
      languages = readSetting(SETTINGS.hoverLanguages);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      // Hovers are a background feature: say what is wrong once, and keep them off until it is fixed.
      void vscode.window.showWarningMessage(vscode.l10n.t('Attention Explorer: glossary hovers are off: {0}', error.message));
      return;
    }
    if (!enabled) return;
    const selector: vscode.DocumentSelector = languages.includes('*') ? '*' : languages.map((language) => ({ language }));
    this.registration = vscode.languages.registerHoverProvider(selector, this.provider);
  }
}
