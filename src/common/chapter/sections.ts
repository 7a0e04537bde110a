/**
 * The bundled chapter as a tree of sections, read from its Markdown headings. Pure: runs in the
 * extension host, the CLI and a web worker alike.
 */
import { createSlugger } from './slug';

export interface ChapterSection {
  /** Anchor id as VS Code's Markdown preview gives the heading (`chapter.md#<id>`); unique. */
  readonly id: string;
  /** Heading text as written, without the `#` marks. */
  readonly title: string;
  /** 1 for `#`, 2 for `##`, … */
  readonly level: number;
  /** The nearest enclosing section (the last heading of a lower level before this one). */
  readonly parentId: string | undefined;
  /** Markdown of the section's own text: between its heading and the next heading of any level. */
  readonly body: string;
}

// ATX headings only (the chapter has no setext headings); up to three spaces of indent, optional closing #s.
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Heading {
  readonly line: number;
  readonly level: number;
  readonly title: string;
}

function findHeadings(lines: readonly string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  lines.forEach((text, line) => {
    const opening = FENCE.exec(text)?.[1];
    if (fence) {
      // A fence closes with at least as many of the same character; `#` lines inside are code.
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && text.trim() === opening) fence = undefined;
      return;
    }
    if (opening) {
      fence = opening;
      return;
    }
    const match = HEADING.exec(text);
    if (match) headings.push({ line, level: match[1].length, title: (match[2] ?? '').trim() });
  });
  return headings;
}

/** Drops leading and trailing blank lines but keeps the first line's indent (it may be a nested list). */
function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** Sections in document order. Text before the first heading belongs to no section. */
export function parseChapter(markdown: string): ChapterSection[] {
  const lines = markdown.split(/\r\n|\r|\n/);
  const headings = findHeadings(lines);
  const slug = createSlugger();
  const ids = headings.map((h) => slug(h.title));
  return headings.map((heading, i) => {
    let parent = i - 1;
    while (parent >= 0 && headings[parent].level >= heading.level) parent--;
    const ownEnd = i + 1 < headings.length ? headings[i + 1].line : lines.length;
    return {
      id: ids[i],
      title: heading.title,
      level: heading.level,
      parentId: parent >= 0 ? ids[parent] : undefined,
      body: trimBlankLines(lines.slice(heading.line + 1, ownEnd).join('\n')),
    };
  });
}

export function sectionById(sections: readonly ChapterSection[], id: string): ChapterSection | undefined {
  return sections.find((s) => s.id === id);
}

/** Direct subsections of `parentId`, in order; with undefined, the top-level sections. */
export function childrenOf(sections: readonly ChapterSection[], parentId: string | undefined): ChapterSection[] {
  return sections.filter((s) => s.parentId === parentId);
}
