/**
 * Sample messages for the webview tests, computed by the real engine (tokenizer + multi-head
 * attention), so the panel is tested on the numbers a user would see, not on made-up ones.
 */
import { analyse } from '../../../src/common/attention/analysis';
import { computeAttention } from '../../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../../src/common/attention/config';
import type { AttentionView } from '../../../src/common/attention/analysisView';
import type { HostMessage, NoteSection } from '../../../src/common/protocol/attentionPanel';
import type { Token } from '../../../src/common/attention/tokenizer';
import { headSteps, retain } from '../../../src/common/attention/steps';
import { parseChapter } from '../../../src/common/chapter/sections';
import { stepsGuide, type StepsGuide } from '../../../src/common/chapter/stepsGuide';
import { readFileSync } from 'node:fs';

/** The steps view's chapter passages, from the bundled chapter as the host reads them. */
export const SAMPLE_GUIDE: StepsGuide = stepsGuide(parseChapter(readFileSync(new URL('../../../media/chapter.md', import.meta.url), 'utf8')))!;

/** The chapter's bank example: 银行 (bank) is the word whose context attention should pick up. */
export const SAMPLE_TEXT = '我去了银行取钱，然后沿着河岸散步。';

/** Two notes shaped like the chapter sections the host sends: headings, lists, inline code. */
export const SAMPLE_NOTES: readonly NoteSection[] = [
  {
    id: 'ji-suan-zhu-yi-li-de-bu-zhou',
    title: '计算注意力的步骤',
    markdown: [
      '计算注意力矩阵的步骤如下:',
      '',
      '- 对输入句子进行分词。',
      '- 为每个标记生成一个嵌入向量。',
      '- 计算 `Q*Kt` 的成对值。',
      '',
      '### 矩阵的维度',
      '',
      '1. `X·Wq = Q`: 4×512 · 512×64 = 4×64',
      '2. **softmax**(Q·Kᵀ/√d_k): *4×4*',
    ].join('\n'),
  },
  {
    id: 'bian-ya-qi-de-ju-zhen-q-k-he-v',
    title: '变压器的矩阵 Q、K 和 V',
    markdown: '思考这三个矩阵的一种方式是它们在通过搜索引擎进行互联网搜索时的作用。\n\n- 指定搜索字符串(查询)\n- 从搜索引擎返回的选项中选择一个(关键字)',
  },
];

export interface SampleOptions {
  readonly text?: string;
  readonly sourceName?: string;
  readonly config?: Partial<AttentionConfig>;
  readonly maxTokens?: number;
  readonly notes?: readonly NoteSection[];
}

/** An analysis message exactly as the host builds it from a text selection. */
export function sampleAnalysis(options: SampleOptions = {}): Extract<HostMessage, { type: 'analysis' }> {
  const { view } = analyse(sampleRequest(options));
  return { type: 'analysis', analysisId: 1, view, notes: options.notes ?? SAMPLE_NOTES, guide: SAMPLE_GUIDE };
}

function sampleRequest(options: SampleOptions) {
  return {
    text: options.text ?? SAMPLE_TEXT,
    sourceName: options.sourceName ?? 'bank.md',
    config: resolveConfig(options.config ?? { dModel: 64, heads: 4 }),
    maxTokens: options.maxTokens ?? 256,
  };
}

/** The steps message the host sends for `head` of the same analysis as sampleAnalysis(options). */
export function sampleSteps(options: SampleOptions, head: number, analysisId = 1): Extract<HostMessage, { type: 'steps' }> {
  return { type: 'steps', analysisId, data: headSteps(retain(analyse(sampleRequest(options)).result), head) };
}

/**
 * An analysis over tokens given as they are: the real computation, for token texts that a
 * tokenizer would split (whole HTML tags), to check the panel shows any token text as text.
 */
export function analysisOfTokens(texts: readonly string[], sourceName: string): Extract<HostMessage, { type: 'analysis' }> {
  const tokens: Token[] = [];
  let text = '';
  for (const piece of texts) {
    if (text) text += ' ';
    tokens.push({ text: piece, start: text.length, end: text.length + piece.length });
    text += piece;
  }
  const config = resolveConfig({ dModel: 32, heads: 2 });
  const result = computeAttention(tokens, config);
  const view: AttentionView = { text, sourceName, tokens, config, weights: result.heads.map((h) => Float32Array.from(h.weights.data)), elapsedMs: 1 };
  return { type: 'analysis', analysisId: 1, view, notes: SAMPLE_NOTES };
}
