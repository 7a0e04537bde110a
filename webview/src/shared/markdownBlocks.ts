/**
 * Block-level Markdown, parsed without the DOM: headings, paragraphs, ordered and unordered lists
 * (the book's "•" bullets too) and fenced code.
 */
export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: string[] }
  | { kind: 'code'; text: string };

const HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const BULLET = /^\s*[-*+•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;

/** The block structure of Markdown text, the text of each block still holding its inline marks. */
export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: joinLines(paragraph) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i++) code.push(lines[i]);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
    } else if (bullet || numbered) {
      flush();
      const ordered = !bullet;
      const item = bullet ? bullet[1] : numbered![2];
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item);
      else blocks.push({ kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [item] });
    } else if (line.trim() === '') {
      flush();
    } else {
      const last = blocks[blocks.length - 1];
      // An indented line right after a list item continues that item.
      if (paragraph.length === 0 && last?.kind === 'list' && /^\s+\S/.test(line) && lines[i - 1]?.trim() !== '') {
        last.items[last.items.length - 1] = joinLines([last.items[last.items.length - 1], line]);
      } else {
        paragraph.push(line);
      }
    }
  }
  flush();
  return blocks;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}，。、；：！？（）]/u;

/** Joins wrapped lines; no space between two CJK characters, where Chinese text has none. */
function joinLines(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .reduce((text, line) => {
      if (!text) return line;
      return CJK.test(text[text.length - 1]) && CJK.test(line[0]) ? text + line : `${text} ${line}`;
    }, '');
}
