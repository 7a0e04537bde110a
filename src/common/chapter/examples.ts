/**
 * The chapter's own example sentences (in 什么是注意力机制?), where the same word means different
 * things in context: what "Try it" analyses. A unit test checks they are in the bundled chapter.
 */
export const CHAPTER_EXAMPLE_SENTENCES = ['我去了银行。', '我坐在河堤上。', '这条路将向右转弯。'] as const;

/** The self-attention sections: where the chapter computes attention, the reader offers "Try it". */
export function offersTryIt(sectionTitle: string): boolean {
  return /自注意力|注意力机制|计算注意力/.test(sectionTitle);
}
