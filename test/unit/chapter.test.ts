import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { childrenOf, parseChapter, sectionById, type ChapterSection } from '../../src/common/chapter/sections';
import { createSlugger, slugify } from '../../src/common/chapter/slug';

const markdown = readFileSync(new URL('../../media/chapter.md', import.meta.url), 'utf8');
const sections = parseChapter(markdown);

/** Every bare heading line of the source chapter, as [level, title], nested as the book nests them. */
const BOOK_HEADINGS: readonly [number, string][] = [
  [1, 'TRANSFORMER, BERT, AND GPT:简介'],
  [2, '什么是生成式人工智能?'],
  [3, '生成式人工智能的关键特征'],
  [3, '生成式人工智能中的流行技术'],
  [3, '生成式人工智能的独特之处'],
  [2, '对话式人工智能与生成式人工智能的区别'],
  [3, '主要目标'],
  [3, '应用领域'],
  [3, '使用的技术'],
  [3, '训练与交互'],
  [3, '评估'],
  [3, '数据需求'],
  [2, 'DALL-E是生成式人工智能的一部分吗?'],
  [2, 'ChatGPT-3和GPT-4都属于生成式人工智能吗?'],
  [2, 'DEEPMIND'],
  [3, 'DeepMind和游戏'],
  [3, '游戏玩家'],
  [2, 'OPENAI'],
  [2, 'COHERE'],
  [2, 'HUGGING FACE'],
  [3, 'Hugging Face的库'],
  [3, 'Hugging Face模型中心'],
  [2, 'AI21'],
  [2, 'INFLECTIONAI'],
  [2, 'ANTHROPIC'],
  [2, '什么是LLMS?'],
  [3, '模型大小与训练集大小'],
  [3, 'LLMs是否理解语言?'],
  [3, '关于LLMs的注意事项'],
  [3, '损失函数'],
  [2, '什么是AI DRIFT?'],
  [3, 'Optional: 机器学习与漂移'],
  [2, '什么是注意力机制?'],
  [3, '注意力的起源'],
  [3, '自注意力'],
  [3, 'GAtt(Ghost Attention)'],
  [3, '注意力类型和算法'],
  [3, 'GPT-2与BERT中的注意力'],
  [2, '计算注意力:高层次视图'],
  [3, '变压器的矩阵 Q、K 和 V'],
  [3, '计算注意力的步骤'],
  [2, '自注意力的例子'],
];

function byTitle(title: string): ChapterSection {
  const section = sections.find((s) => s.title === title);
  assert.ok(section, `section "${title}" exists`);
  return section;
}

describe('media/chapter.md', () => {
  it('has every heading of the book, in order, with its title unchanged and at the level the book nests it', () => {
    assert.deepEqual(sections.map((s) => [s.level, s.title]), BOOK_HEADINGS);
  });

  it('nests each subsection under the section before it of the next level up', () => {
    const title = (id: string | undefined) => (id === undefined ? undefined : sectionById(sections, id)?.title);
    assert.equal(sections[0].parentId, undefined);
    for (const s of sections.slice(1)) {
      const parent = title(s.parentId);
      assert.ok(parent, `${s.title} has a parent`);
      assert.equal(byTitle(parent).level, s.level - 1, `${s.title} sits one level below ${parent}`);
    }
    assert.deepEqual(childrenOf(sections, byTitle('DEEPMIND').id).map((s) => s.title), ['DeepMind和游戏', '游戏玩家']);
    assert.deepEqual(childrenOf(sections, byTitle('什么是注意力机制?').id).map((s) => s.title), [
      '注意力的起源', '自注意力', 'GAtt(Ghost Attention)', '注意力类型和算法', 'GPT-2与BERT中的注意力',
    ]);
    assert.deepEqual(childrenOf(sections, byTitle('计算注意力:高层次视图').id).map((s) => s.title), ['变压器的矩阵 Q、K 和 V', '计算注意力的步骤']);
  });

  it('gives every section some text of its own, the notes shown beside the heatmap included', () => {
    for (const s of sections) assert.ok(s.body.length > 0, `${s.title} has a body`);
    assert.match(byTitle('计算注意力的步骤').body, /对输入句子进行分词/);
    assert.match(byTitle('变压器的矩阵 Q、K 和 V').body, /查询、关键字和值/);
  });

  it('keeps no extraction debris: replacement characters, garbled formulas, bullets, page metadata', () => {
    assert.ok(!markdown.includes('\uFFFD'), 'no U+FFFD');
    assert.doesNotMatch(markdown, /Q×KT|XWq|\d+x\d+∗\d+x\d+/, 'no garbled formula');
    assert.ok(!markdown.includes('•'), 'bullets are Markdown lists');
    assert.ok(!markdown.includes('663 阅读33分钟'), 'page metadata dropped');
    // An inline "• a • b" run would have left a list marker inside a paragraph.
    assert.doesNotMatch(markdown, /\S[ \t]+- \S/);
  });

  it('keeps web addresses as text in code spans: truncated ones (…) and bare domains make broken links otherwise', () => {
    const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
    assert.ok(spans.filter((s) => s.endsWith('…')).length >= 10, 'the truncated links are there');
    const outsideSpans = markdown.replace(/`[^`\n]+`/g, '');
    assert.doesNotMatch(outsideSpans, /[\w-]+\.(?:com|org|ai|co)\b/, 'no address outside a code span');
    assert.doesNotMatch(outsideSpans, /[\w/]…/, 'no truncated link outside a code span');
  });

  it('restores the formulas of 计算注意力的步骤 with dimensions that multiply out', () => {
    const lines = byTitle('计算注意力的步骤').body.split('\n');
    const formulas = lines.flatMap((line) => {
      const m = /^(?:\d+\. )?(\S.*?): (\d+×\d+(?: · \d+×\d+ = \d+×\d+)?)$/.exec(line);
      return m ? [{ formula: m[1], shapes: m[2] }] : [];
    });
    assert.deepEqual(formulas.map((f) => f.formula), [
      'X·Wq/Wk/Wv = Q/K/V', 'Q·Kᵀ', 'Q·Kᵀ/√d_k', 'softmax(Q·Kᵀ/√d_k)', 'softmax(Q·Kᵀ/√d_k)·V',
    ]);
    const shape = (s: string) => s.split('×').map(Number);
    const results = formulas.map(({ shapes }) => {
      const [product, result = product] = shapes.split(' = ');
      const factors = product.split(' · ').map(shape);
      if (factors.length === 2) {
        const [[rows, inner], [inner2, cols]] = factors;
        assert.equal(inner, inner2, `${shapes}: inner dimensions agree`);
        assert.deepEqual(shape(result), [rows, cols], `${shapes}: result shape`);
      }
      return shape(result);
    });
    // 4 tokens, d_model 512, d_k 64: Q/K/V are 4×64, the scores and weights 4×4, the output 4×64.
    assert.deepEqual(results, [[4, 64], [4, 4], [4, 4], [4, 4], [4, 64]]);
  });

  it('gives each section an id as VS Code’s Markdown preview anchors its heading, unique and stable', () => {
    const ids = sections.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(parseChapter(markdown).map((s) => s.id), ids);
    assert.equal(byTitle('TRANSFORMER, BERT, AND GPT:简介').id, 'transformer-bert-and-gpt简介');
    assert.equal(byTitle('什么是AI DRIFT?').id, '什么是ai-drift');
    assert.equal(byTitle('变压器的矩阵 Q、K 和 V').id, '变压器的矩阵-qk-和-v');
    assert.equal(byTitle('GAtt(Ghost Attention)').id, 'gattghost-attention');
    assert.equal(byTitle('Optional: 机器学习与漂移').id, 'optional-机器学习与漂移');
  });
});

describe('slugs, as VS Code’s githubSlugifier makes them', () => {
  it('lowercases, drops punctuation (ASCII and full-width) and turns spaces into hyphens', () => {
    assert.equal(slugify('  Hello, World!  '), 'hello-world');
    assert.equal(slugify('C++ & C#'), 'c--c');
    assert.equal(slugify('snake_case and-dash'), 'snake_case-and-dash');
    assert.equal(slugify('什么是注意力机制？'), '什么是注意力机制');
    assert.equal(slugify('计算注意力：高层次视图'), '计算注意力高层次视图');
  });

  it('numbers repeated headings -1, -2, skipping a suffix another heading took', () => {
    const slug = createSlugger();
    assert.deepEqual(['A', 'A', 'A-1', 'A'].map(slug), ['a', 'a-1', 'a-1-1', 'a-2']);
  });
});

describe('parseChapter', () => {
  const doc = [
    'Preamble', //            0
    '# Book', //              1
    'intro', //               2
    '## One ##', //           3
    '', //                    4
    'one text', //            5
    '```', //                 6
    '# not a heading', //     7
    '```', //                 8
    '### One.a', //           9
    'deep', //               10
    '## One', //             11
    '  - nested', //         12
    '', //                   13
  ].join('\r\n');
  const parsed = parseChapter(doc);

  it('reads ATX headings, not `#` lines in fenced code, and drops closing hashes', () => {
    assert.deepEqual(parsed.map((s) => [s.level, s.title, s.id, s.parentId]), [
      [1, 'Book', 'book', undefined],
      [2, 'One', 'one', 'book'],
      [3, 'One.a', 'onea', 'one'],
      [2, 'One', 'one-1', 'book'],
    ]);
  });

  it('gives a body without heading or subsections', () => {
    const [book, one, oneA, second] = parsed;
    assert.equal(one.body, 'one text\r\n```\r\n# not a heading\r\n```'.replace(/\r/g, ''));
    assert.equal(second.body, '  - nested', 'a leading indent is kept');
    assert.deepEqual([book.level, one.level, oneA.level, second.level], [1, 2, 3, 2]);
  });

  it('finds sections by id and by parent', () => {
    assert.equal(sectionById(parsed, 'onea')?.title, 'One.a');
    assert.equal(sectionById(parsed, 'missing'), undefined);
    assert.deepEqual(childrenOf(parsed, undefined).map((s) => s.id), ['book']);
  });

});
