/** The Chapter view: the bundled chapter's headings, nested as the book nests them. */
import * as vscode from 'vscode';
import type { ChapterSection } from '../common/chapter/sections';
import type { ChapterStore } from './chapterStore';

/** Characters of a section's text shown in its tooltip. */
const TOOLTIP_LENGTH = 160;

export class ChapterTreeProvider implements vscode.TreeDataProvider<ChapterSection> {
  static readonly viewId = 'attentionExplorer.chapter';
  static readonly openCommand = 'attentionExplorer.openChapterSection';

  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly chapter: ChapterStore) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(parent?: ChapterSection): Promise<ChapterSection[]> {
    const { sections } = await this.chapter.load();
    return sections.filter((s) => s.parentId === parent?.id);
  }

  async getParent(section: ChapterSection): Promise<ChapterSection | undefined> {
    const { sections } = await this.chapter.load();
    return sections.find((s) => s.id === section.parentId);
  }

  async getTreeItem(section: ChapterSection): Promise<vscode.TreeItem> {
    const { sections } = await this.chapter.load();
    const hasChildren = sections.some((s) => s.parentId === section.id);
    const item = new vscode.TreeItem(
      section.title,
      !hasChildren ? vscode.TreeItemCollapsibleState.None : section.level <= 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = section.id;
    item.tooltip = tooltip(section);
    item.iconPath = new vscode.ThemeIcon(hasChildren ? 'book' : 'note');
    item.command = { command: ChapterTreeProvider.openCommand, title: 'Open in Chapter', arguments: [section.id] };
    return item;
  }
}

function tooltip(section: ChapterSection): vscode.MarkdownString {
  const text = section.body.replace(/\s+/g, ' ').trim();
  const excerpt = text.length > TOOLTIP_LENGTH ? `${text.slice(0, TOOLTIP_LENGTH)}…` : text;
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown('**').appendText(section.title).appendMarkdown('**');
  if (excerpt) markdown.appendMarkdown('\n\n').appendText(excerpt);
  return markdown;
}
