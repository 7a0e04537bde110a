/** The Chapter view: the bundled chapter's headings, nested as the book nests them. */
import * as vscode from 'vscode';
import { childrenOf, type ChapterSection } from '../common/chapter/sections';
import type { ChapterStore } from './chapterStore';
import { OpenChapterCommand } from './openChapterCommand';

/** Characters of a section's text shown in its tooltip. */
const TOOLTIP_LENGTH = 160;

export class ChapterTreeProvider implements vscode.TreeDataProvider<ChapterSection> {
  static readonly viewId = 'attentionExplorer.chapter';

  constructor(
    private readonly chapter: ChapterStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** No children when the chapter cannot be read: the view then shows its welcome text, and the log says why. */
  async getChildren(parent?: ChapterSection): Promise<ChapterSection[]> {
    try {
      return childrenOf((await this.chapter.load()).sections, parent?.id);
    } catch (error) {
      this.log.error(error as Error);
      return [];
    }
  }

  async getParent(section: ChapterSection): Promise<ChapterSection | undefined> {
    return section.parentId === undefined ? undefined : this.chapter.section(section.parentId);
  }

  async getTreeItem(section: ChapterSection): Promise<vscode.TreeItem> {
    const hasChildren = childrenOf((await this.chapter.load()).sections, section.id).length > 0;
    const item = new vscode.TreeItem(
      section.title,
      !hasChildren ? vscode.TreeItemCollapsibleState.None : section.level <= 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = section.id;
    item.tooltip = tooltip(section);
    item.iconPath = new vscode.ThemeIcon(hasChildren ? 'book' : 'note');
    item.command = { command: OpenChapterCommand.id, title: vscode.l10n.t('Open in Chapter'), arguments: [section.id] };
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
