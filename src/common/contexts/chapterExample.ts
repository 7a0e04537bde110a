/**
 * The chapter's "bank" example, as its English original had it. The chapter (什么是注意力机制?)
 * is a translation: its three sentences were "I went to the bank.", "I sat on the bank of the
 * river." and "The road will bank to the right.", one word, "bank", in three senses. The
 * translation had to use three words (银行, 河堤, 转弯), though the paragraph after them still says
 * “银行”一词在这三个句子中具有不同的含义 and the next names word2vec's one embedding for "bank".
 * So the default comparison is of "bank" in the English sentences, each with its translation.
 */
import { CHAPTER_EXAMPLE_SENTENCES } from '../chapter/examples';
import type { ContextSentence } from './contexts';

export const CHAPTER_EXAMPLE_WORD = 'bank';

export const CHAPTER_EXAMPLE_CONTEXTS: readonly ContextSentence[] = [
  { text: 'I went to the bank.', translation: CHAPTER_EXAMPLE_SENTENCES[0] },
  { text: 'I sat on the bank of the river.', translation: CHAPTER_EXAMPLE_SENTENCES[1] },
  { text: 'The road will bank to the right.', translation: CHAPTER_EXAMPLE_SENTENCES[2] },
];

/** The word of the chapter's paragraph on the example, to find its passage in the chapter. */
export const CHAPTER_PASSAGE_WORD = '银行';
