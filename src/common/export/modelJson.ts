/**
 * `--model DIR --json`: the run as one JSON object, in chunks (a bert-base pass over 512 tokens is
 * ~40 million numbers, more than one string may hold):
 *   {"model": {type, layers, heads, hidden, vocabSize}, "tokens": [{text, id, start, end, special}],
 *    "layers": [{"heads": [{"weights": N × N}]}], "output": N × hidden}
 * A special token that covers no text ([CLS], [SEP]) has start and end null.
 */
import type { ModelInfo } from '../models/view/modelView';
import { isTemplateToken, type ModelRun } from '../models/run/runModel';

/**
 * The float32 value in at most 9 significant digits, which read back as float32 give it exactly
 * (7 or 8 mostly: far shorter than the 17 of its double). Non-finite values are null, as JSON.stringify writes them.
 */
export function float32Json(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  for (const digits of [7, 8]) {
    const shorter = Number(x.toPrecision(digits));
    if (Math.fround(shorter) === x) return String(shorter);
  }
  return String(Number(x.toPrecision(9)));
}

/** `rows` × `cols` of the flat matrix as nested arrays. */
function matrixJson(m: Float32Array, rows: number, cols: number): string {
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<string>(cols);
    for (let j = 0; j < cols; j++) row[j] = float32Json(m[i * cols + j]);
    out.push(`[${row.join(',')}]`);
  }
  return `[${out.join(',')}]`;
}

export function* modelJsonChunks(info: ModelInfo, run: ModelRun): Generator<string> {
  const { type, layers, heads, hidden, vocabSize } = info;
  const tokens = run.tokens.map((t) => {
    const covers = !isTemplateToken(t);
    return { text: t.text, id: t.id, start: covers ? t.start : null, end: covers ? t.end : null, special: t.special };
  });
  yield `{"model":${JSON.stringify({ type, layers, heads, hidden, vocabSize })},"tokens":${JSON.stringify(tokens)},"layers":[`;
  const { n, weights } = run.attention;
  for (let l = 0; l < weights.length; l++) {
    yield `${l ? ',' : ''}{"heads":[`;
    for (let h = 0; h < weights[l].length; h++) yield `${h ? ',' : ''}{"weights":${matrixJson(weights[l][h], n, n)}}`;
    yield ']}';
  }
  yield `],"output":${matrixJson(run.attention.hidden, n, hidden)}}\n`;
}
