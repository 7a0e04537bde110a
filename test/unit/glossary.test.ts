import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import type { GlossaryEntry } from '../../src/common/glossary/glossaryEntry';
import { createGlossaryMatcher } from '../../src/common/glossary/glossaryMatcher';
import { parseChapter, sectionById } from '../../src/common/chapter/sections';

const markdown = readFileSync(new URL('../../media/chapter.md', import.meta.url), 'utf8');
const sections = parseChapter(markdown);
const matcher = createGlossaryMatcher(GLOSSARY);

/** Terms the glossary must explain, each as a reader may write it. */
const REQUIRED = [
  '生成式人工智能', '生成对抗网络', 'GAN', '变分自编码器', 'VAE', '循环神经网络', 'RNN', '大型语言模型', 'LLM', '注意力',
  '自注意力', '多头注意力', '缩放点积', 'softmax', '位置编码', 'word2vec', '词嵌入', '幻觉', 'AI漂移', '数据漂移',
  '概念漂移', '损失函数', '反向传播', 'Q/K/V', '查询', '关键字', 'CFR', 'CVPN', 'GT-CFR', 'GAtt', 'BERT', 'GPT-3',
  'GPT-4', 'ChatGPT', 'DALL-E', 'Chinchilla', 'Hugging Face', '转换器', '变压器', 'transformer',
];

describe('the glossary', () => {
  it('has at least 40 entries with unique ids', () => {
    assert.ok(GLOSSARY.length >= 40, `${GLOSSARY.length} entries`);
    assert.equal(new Set(GLOSSARY.map((e) => e.id)).size, GLOSSARY.length);
  });

  it('explains every required term, each found whole when hovered', () => {
    for (const term of REQUIRED) {
      const hit = matcher.match(term, 0);
      assert.ok(hit, `${term} is in the glossary`);
      assert.deepEqual([hit.start, hit.end], [0, term.length], `${term} is matched whole`);
    }
  });

  it('quotes each definition verbatim from the chapter section it names', () => {
    for (const entry of GLOSSARY) {
      const section = sectionById(sections, entry.sectionId);
      assert.ok(section, `${entry.id}: section "${entry.sectionId}" exists`);
      assert.ok(entry.definition.trim().length > 0, `${entry.id}: has a definition`);
      assert.ok(section.body.includes(entry.definition), `${entry.id}: definition is verbatim in "${section.title}"`);
    }
  });

  it('shares no alias between two entries, whatever the case', () => {
    const owner = new Map<string, string>();
    for (const entry of GLOSSARY) {
      for (const form of new Set([entry.term, ...entry.aliases].map((f) => f.toLowerCase()))) {
        assert.equal(owner.get(form) ?? entry.id, entry.id, `"${form}" belongs to ${owner.get(form)} and ${entry.id}`);
        owner.set(form, entry.id);
      }
    }
  });

  it('finds every entry somewhere in the chapter when the reader hovers it there', () => {
    const lines = markdown.split('\n');
    for (const entry of GLOSSARY) {
      const found = lines.some((line) =>
        [entry.term, ...entry.aliases].some((form) => {
          const at = line.toLowerCase().indexOf(form.toLowerCase());
          return at >= 0 && matcher.match(line, at)?.entry === entry;
        }),
      );
      assert.ok(found, `${entry.term} is hoverable in the chapter`);
    }
  });
});

describe('createGlossaryMatcher', () => {
  const entry = (id: string, term: string, aliases: string[] = []): GlossaryEntry => ({ id, term, aliases, definition: id, sectionId: id });

  it('refuses an alias that two entries share, naming both', () => {
    assert.throws(() => createGlossaryMatcher([entry('a', 'LLM'), entry('b', 'model', ['llm'])]), /"llm".*"a".*"b"/);
  });

  it('refuses an empty alias', () => {
    assert.throws(() => createGlossaryMatcher([entry('a', 'term', [' '])]), /"a" has an empty term or alias/);
  });
});
