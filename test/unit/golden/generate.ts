/**
 * Writes the golden fixtures that test/unit/golden.test.ts compares the engine against, from the
 * engine as it is now:
 *
 *   node --import tsx test/unit/golden/generate.ts
 *
 * Regenerating them is a deliberate change of every user's numbers: the same sentence, seed and
 * settings would give other embeddings, weights and heatmaps than before, in the panel, the CLI's
 * --json and anything a user saved. Do it only when that is the point of the change, and say so.
 *
 * Both files are deterministic: running this twice, on any machine with Node (V8), writes the same bytes.
 * Numbers are printed by JSON.stringify, whose shortest round-trip form reads back as exactly the
 * same double.
 */
import { writeFileSync } from 'node:fs';
import { computeAttention, type AttentionResult } from '../../../src/common/attention/attention';
import { resolveConfig, type AttentionConfig } from '../../../src/common/attention/config';
import { toRows, type Matrix } from '../../../src/common/attention/matrix';
import { toJsonResult } from '../../../src/common/attention/resultJson';
import { tokenize } from '../../../src/common/attention/tokenizer';

/** The chapter's first example sentence (我 | 去了 | 银行 | 。). */
const GOLDEN_TEXT = '我去了银行。';

/** d_model 8, 2 heads of d_k 4: small enough to commit every intermediate. */
const SMALL_CASES: readonly Partial<AttentionConfig>[] = [
  { dModel: 8, heads: 2, seed: 42, mask: 'none', positional: 'none' },
  { dModel: 8, heads: 2, seed: 42, mask: 'causal', positional: 'none' },
  { dModel: 8, heads: 2, seed: 42, mask: 'none', positional: 'sinusoidal' },
  { dModel: 8, heads: 2, seed: 42, mask: 'causal', positional: 'sinusoidal' },
];

/** A few entries, the sum and the sum of squares of a matrix too large to commit whole. */
interface MatrixSummary {
  readonly rows: number;
  readonly cols: number;
  readonly entries: readonly { readonly row: number; readonly col: number; readonly value: number }[];
  /** Σ of the entries, added in row-major order. */
  readonly sum: number;
  /** Σ of the squared entries, added in row-major order. */
  readonly sumOfSquares: number;
}

/** Flat indices of the pinned entries: first, first of row 1, middle, last. */
function pinnedIndices(m: { rows: number; cols: number }): number[] {
  const length = m.rows * m.cols;
  return [...new Set([0, Math.min(m.cols, length - 1), Math.floor(length / 2), length - 1])];
}

function summarize(m: Matrix): MatrixSummary {
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < m.data.length; i++) {
    sum += m.data[i];
    sumOfSquares += m.data[i] * m.data[i];
  }
  const entries = pinnedIndices(m).map((index) => ({ row: Math.floor(index / m.cols), col: index % m.cols, value: m.data[index] }));
  return { rows: m.rows, cols: m.cols, entries, sum, sumOfSquares };
}

function run(config: AttentionConfig): AttentionResult {
  return computeAttention(tokenize(GOLDEN_TEXT), config);
}

/** Every intermediate, in the CLI's --json schema (masked entries of "scaled" are null). */
function smallFixture(): unknown {
  return {
    text: GOLDEN_TEXT,
    cases: SMALL_CASES.map((input) => toJsonResult(run(resolveConfig(input)))),
  };
}

/**
 * The chapter's default layer (d_model 512, 8 heads of 64, seed 42): X, every head's weights and
 * the output in full; Wq/Wk/Wv/Wo (~800k numbers) as summaries. Also the weights under the causal
 * mask with positional encoding, which the default leaves off.
 */
function chapterFixture(): unknown {
  const config = resolveConfig();
  const result = run(config);
  const causal = run(resolveConfig({ mask: 'causal', positional: 'sinusoidal' }));
  return {
    text: GOLDEN_TEXT,
    tokens: result.tokens,
    config,
    embeddings: toRows(result.x),
    heads: result.heads.map((head) => ({
      wq: summarize(head.wq),
      wk: summarize(head.wk),
      wv: summarize(head.wv),
      weights: toRows(head.weights),
    })),
    wo: summarize(result.wo),
    output: toRows(result.output),
    causalSinusoidal: {
      config: causal.config,
      embeddings: summarize(causal.x),
      weights: causal.heads.map((head) => toRows(head.weights)),
      output: summarize(causal.output),
    },
  };
}

/**
 * Two-space JSON, but every array of numbers (one matrix row) and every flat object (a token, a
 * config, a pinned entry) on one line. Only whitespace outside strings changes.
 */
function formatJson(value: unknown): string {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
  return JSON.stringify(value, null, 2).replace(/\[[^[\]{}"]*\]/g, oneLine).replace(/\{[^[\]{}]*\}/g, oneLine) + '\n';
}

function write(name: string, value: unknown): void {
  const url = new URL(name, import.meta.url);
  const text = formatJson(value);
  writeFileSync(url, text);
  console.log(`wrote ${url.pathname} (${(Buffer.byteLength(text) / 1024).toFixed(1)} KB)`);
}

write('small.json', smallFixture());
write('chapter.json', chapterFixture());
