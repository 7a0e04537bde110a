import type { AttentionResult } from './attention';
import { toRows } from './matrix';

/**
 * The CLI's --json schema: every intermediate as nested arrays, N × N and N × d as the README
 * documents. -Infinity (a masked score) is not JSON, so it becomes null.
 */
export function toJsonResult(result: AttentionResult): Record<string, unknown> {
  return {
    tokens: result.tokens.map(({ text, start, end }) => ({ text, start, end })),
    config: result.config,
    embeddings: toRows(result.x),
    heads: result.heads.map((head) => ({
      wq: toRows(head.wq),
      wk: toRows(head.wk),
      wv: toRows(head.wv),
      q: toRows(head.q),
      k: toRows(head.k),
      v: toRows(head.v),
      scores: toRows(head.scores),
      scaled: toRows(head.scaled).map((row) => row.map((value) => (Number.isFinite(value) ? value : null))),
      weights: toRows(head.weights),
      z: toRows(head.z),
    })),
    wo: toRows(result.wo),
    concat: toRows(result.concat),
    output: toRows(result.output),
  };
}
