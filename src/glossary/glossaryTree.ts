/** The Glossary view: the chapter's terms; clicking one opens the reader at its definition. */
import * as vscode from 'vscode';
import type { ChapterStore } from '../chapter/chapterStore';
import type { GlossaryEntry } from '../common/glossary/glossaryEntry';
import { ShowGlossaryTermCommand } from './showGlossaryTermCommand';

export class GlossaryTreeProvider implements vscode.TreeDataProvider<GlossaryEntry> {
  static readonly viewId = 'attentionExplorer.glossary';

  private readonly sorted: readonly GlossaryEntry[];

  constructor(
    entries: readonly GlossaryEntry[],
    private readonly chapter: ChapterStore,
  ) {
    this.sorted = [...entries].sort((a, b) => a.term.localeCompare(b.term, 'zh'));
  }

  getChildren(parent?: GlossaryEntry): GlossaryEntry[] {
    return parent ? [] : [...this.sorted];
  }

  async getTreeItem(entry: GlossaryEntry): Promise<vscode.TreeItem> {
    // The source section's title is a nicety: a chapter that cannot be read leaves it out.
    const section = await this.chapter.section(entry.sectionId).catch(() => undefined);
    const item = new vscode.TreeItem(entry.term, vscode.TreeItemCollapsibleState.None);
    item.id = entry.id;
    item.description = entry.aliases.slice(0, 3).join(', ');
    item.iconPath = new vscode.ThemeIcon('symbol-key');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(entry.term).appendMarkdown('**\n\n').appendText(entry.definition);
    if (section) tooltip.appendMarkdown('\n\n*').appendText(section.title).appendMarkdown('*');
    item.tooltip = tooltip;
    item.command = { command: ShowGlossaryTermCommand.id, title: vscode.l10n.t('Show Definition'), arguments: [entry.id] };
    return item;
  }
}
