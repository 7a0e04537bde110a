/** The Glossary view: the chapter's terms; clicking one opens the reader at its definition. */
import * as vscode from 'vscode';
import type { ChapterStore } from '../chapter/chapterStore';
import type { GlossaryEntry } from '../common/glossary/glossaryEntry';

export class GlossaryTreeProvider implements vscode.TreeDataProvider<GlossaryEntry> {
  static readonly viewId = 'attentionExplorer.glossary';
  static readonly showCommand = 'attentionExplorer.showGlossaryTerm';

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly entries: readonly GlossaryEntry[],
    private readonly chapter: ChapterStore,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(parent?: GlossaryEntry): GlossaryEntry[] {
    if (parent) return [];
    return [...this.entries].sort((a, b) => a.term.localeCompare(b.term, 'zh'));
  }

  async getTreeItem(entry: GlossaryEntry): Promise<vscode.TreeItem> {
    const { sections } = await this.chapter.load();
    const section = sections.find((s) => s.id === entry.sectionId);
    const item = new vscode.TreeItem(entry.term, vscode.TreeItemCollapsibleState.None);
    item.id = entry.id;
    item.description = entry.aliases.slice(0, 3).join(', ');
    item.iconPath = new vscode.ThemeIcon('symbol-key');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(entry.term).appendMarkdown('**\n\n').appendText(entry.definition);
    if (section) tooltip.appendMarkdown('\n\n*').appendText(section.title).appendMarkdown('*');
    item.tooltip = tooltip;
    item.command = { command: GlossaryTreeProvider.showCommand, title: 'Show Definition', arguments: [entry.id] };
    return item;
  }
}
