/**
 * The chapter's own example sentences (in 什么是注意力机制?), where the same word means different
 * things in context: what "Try it" analyses. A unit test checks they are in the bundled chapter.
 */
export const CHAPTER_EXAMPLE_SENTENCES = ['我去了银行。', '我坐在河堤上。', '这条路将向右转弯。'] as const;
