/**
 * Hovers on glossary terms in any prose document: the chapter's definition, the section it comes
 * from, and a link that opens the reader there. The matcher is built once; a hover only reads
 * the hovered line.
 */
import * as vscode from 'vscode';
import type { GlossaryMatcher } from '../common/glossary/glossaryMatcher';
import type { ChapterStore } from '../chapter/chapterStore';
import { SETTINGS_SECTION } from '../host/settings';

export const OPEN_SECTION_COMMAND = 'attentionExplorer.openChapterSection';

export class GlossaryHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly chapter: ChapterStore,
    /** Built on the first hover, then reused. */
    private readonly matcher: () => GlossaryMatcher,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const hit = this.matcher().match(document.lineAt(position.line).text, position.character);
    if (!hit) return undefined;
    const { sections } = await this.chapter.load();
    if (token.isCancellationRequested) return undefined;
    const section = sections.find((s) => s.id === hit.entry.sectionId);
    return new vscode.Hover(hoverMarkdown(hit.entry.term, hit.entry.definition, section?.title, hit.entry.sectionId), new vscode.Range(position.line, hit.start, position.line, hit.end));
  }
}

/** Chapter text is escaped, never interpreted; the only command the hover may run is ours. */
export function hoverMarkdown(term: string, definition: string, sectionTitle: string | undefined, sectionId: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.isTrusted = { enabledCommands: [OPEN_SECTION_COMMAND] };
  markdown.appendMarkdown('**').appendText(term).appendMarkdown('**\n\n');
  markdown.appendText(definition);
  const link = `command:${OPEN_SECTION_COMMAND}?${encodeURIComponent(JSON.stringify([sectionId]))}`;
  markdown.appendMarkdown('\n\n---\n\n$(book) ');
  if (sectionTitle) markdown.appendText(`${sectionTitle} · `);
  markdown.appendMarkdown(`[Open in chapter](${link} "Open the chapter at this section")`);
  return markdown;
}

/** Registers the provider for the languages the settings name, again whenever they change. */
export function registerGlossaryHovers(provider: GlossaryHoverProvider): vscode.Disposable {
  let registration: vscode.Disposable | undefined;
  const register = () => {
    registration?.dispose();
    registration = undefined;
    const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    if (!settings.get<boolean>('hover.enabled', true)) return;
    const languages = settings.get<string[]>('hover.languages', []);
    const selector: vscode.DocumentSelector = languages.includes('*') ? '*' : languages.map((language) => ({ language }));
    registration = vscode.languages.registerHoverProvider(selector, provider);
  };
  register();
  const listener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SETTINGS_SECTION}.hover`)) register();
  });
  return { dispose: () => (listener.dispose(), registration?.dispose()) };
}
