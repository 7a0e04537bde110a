import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { CHAPTER_EXAMPLE_SENTENCES } from '../../src/common/chapter/examples';
import { parseChapter } from '../../src/common/chapter/sections';

it('"Try it" uses the sentences listed in the chapter’s section on attention', () => {
  const sections = parseChapter(readFileSync(new URL('../../media/chapter.md', import.meta.url), 'utf8'));
  const attention = sections.find((s) => s.title === '什么是注意力机制?');
  assert.ok(attention, 'the chapter has the section 什么是注意力机制?');
  // The chapter lists them, one a line ("考虑以下句子列表").
  const lines = attention.body.split('\n').map((line) => line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').trim());
  for (const sentence of CHAPTER_EXAMPLE_SENTENCES) assert.ok(lines.includes(sentence), sentence);
});
