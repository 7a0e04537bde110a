/**
 * The chapter's own words for the steps view, found in the bundled chapter rather than retyped:
 * the eight steps of "计算注意力的步骤" (its bullet list), its line of dimensions, the sentences
 * on multi-head attention, the paragraph on 位置编码 and the section on masks in GPT-2 and BERT.
 */
import type { ChapterSection } from './sections';

/** A passage of the chapter and the section it is from, so the view can link to it. */
export interface ChapterPassage {
  readonly sectionId: string;
  readonly sectionTitle: string;
  readonly text: string;
}

export interface StepsGuide {
  /** The eight steps, in the chapter's order. */
  readonly steps: readonly ChapterPassage[];
  /** "X·Wq/Wk/Wv = Q/K/V: 4×512 · 512×64 = 4×64", as the chapter writes the sizes. */
  readonly dimensions?: ChapterPassage;
  readonly multiHead?: ChapterPassage;
  readonly positions?: ChapterPassage;
  readonly mask?: ChapterPassage;
  /** The heading with no body that the steps view stands in for. */
  readonly example?: ChapterPassage;
}

export const STEPS_SECTION_TITLE = '计算注意力的步骤';
const EXAMPLE_TITLE = '自注意力的例子';
const MASK_TITLE = 'GPT-2与BERT中的注意力';
const POSITIONS_TITLE = '自注意力';
const MULTI_HEAD_TITLE = '注意力类型和算法';
export const STEP_COUNT = 8;

/** The guide, or undefined when the chapter no longer has its eight steps. */
export function stepsGuide(sections: readonly ChapterSection[]): StepsGuide | undefined {
  const stepsSection = sections.find((s) => s.title === STEPS_SECTION_TITLE);
  if (!stepsSection) return undefined;
  const items = stepsSection.body.split('\n').flatMap((line) => /^\s*[-*•]\s+(.+)$/.exec(line)?.[1] ?? []);
  if (items.length !== STEP_COUNT) return undefined;
  const passage = (section: ChapterSection, text: string): ChapterPassage => ({ sectionId: section.id, sectionTitle: section.title, text: text.trim() });
  const find = (title: string) => sections.find((s) => s.title === title);
  const dimensionLine = stepsSection.body.split('\n').find((line) => /Wq.*=.*×/.test(line));
  const multiHeadSection = find(MULTI_HEAD_TITLE);
  const multiHead = multiHeadSection && sentencesBetween(multiHeadSection.body, '多头注意力', '每个头');
  const positionsSection = find(POSITIONS_TITLE);
  const positions = positionsSection?.body.split(/\n\s*\n/).find((paragraph) => paragraph.includes('位置编码'));
  const maskSection = find(MASK_TITLE);
  const example = find(EXAMPLE_TITLE);
  return {
    steps: items.map((item) => passage(stepsSection, item)),
    ...(dimensionLine ? { dimensions: passage(stepsSection, dimensionLine) } : {}),
    ...(multiHeadSection && multiHead ? { multiHead: passage(multiHeadSection, multiHead) } : {}),
    ...(positionsSection && positions ? { positions: passage(positionsSection, positions) } : {}),
    ...(maskSection && maskSection.body.trim() ? { mask: passage(maskSection, maskSection.body.split(/\n\s*\n/)[0]) } : {}),
    ...(example ? { example: passage(example, example.title) } : {}),
  };
}

/** The sentences from the first that contains `from` to the first after it that contains `to`. */
function sentencesBetween(text: string, from: string, to: string): string | undefined {
  const sentences = text.replace(/\s+/g, ' ').match(/[^。]+。?/g) ?? [];
  const start = sentences.findIndex((s) => s.includes(from));
  if (start < 0) return undefined;
  const end = sentences.findIndex((s, i) => i >= start && s.includes(to));
  return sentences.slice(start, (end < 0 ? start : end) + 1).join('').trim();
}
