/**
 * Checks a head's steps as the webview receives them: binary matrices (Float64Array from the
 * reference engine, Float32Array from the kernels, as VS Code revives typed arrays in a webview
 * message) whose shapes fit one another and the analysis shown.
 */
import type { HeadSteps, LayerSteps, StepsData, StepsMatrix } from '../attention/steps';
import { isIndex, isRecord } from './validate';

const ROW_SUM_TOLERANCE = 1e-6;

/** `value` as the steps of a head of an analysis of `n` tokens and `heads` heads, or undefined. */
export function parseStepsData(value: unknown, n: number, heads: number): StepsData | undefined {
  if (!isRecord(value) || !isRecord(value.layer) || !isRecord(value.head)) return undefined;
  const l = value.layer;
  const h = value.head;
  const x = matrix(l.x, n);
  const d = x?.cols ?? 0;
  const wq = matrix(h.wq, d);
  const dK = wq?.cols ?? 0;
  const layer = {
    embeddings: matrix(l.embeddings, n, d),
    positions: l.positions === undefined ? undefined : matrix(l.positions, n, d),
    x,
    concat: matrix(l.concat, n, heads * dK),
    wo: matrix(l.wo, heads * dK, d),
    output: matrix(l.output, n, d),
  };
  const head = {
    head: h.head,
    wq,
    wk: matrix(h.wk, d, dK),
    wv: matrix(h.wv, d, dK),
    q: matrix(h.q, n, dK),
    k: matrix(h.k, n, dK),
    v: matrix(h.v, n, dK),
    z: matrix(h.z, n, dK),
    scores: matrix(h.scores, n, n),
    scaled: matrix(h.scaled, n, n, true),
    weights: matrix(h.weights, n, n),
  };
  if (!isIndex(head.head, heads) || d === 0 || dK === 0) return undefined;
  if ((l.positions !== undefined && !layer.positions) || Object.entries(layer).some(([key, m]) => key !== 'positions' && !m)) return undefined;
  if (Object.values(head).some((m) => m === undefined) || !isDistribution(head.weights!)) return undefined;
  const { positions, ...rest } = layer;
  return { layer: { ...(positions ? { positions } : {}), ...rest } as LayerSteps, head: head as HeadSteps };
}

/** A rows × cols matrix of finite numbers (or -Infinity, where `allowMinusInfinity`). */
function matrix(value: unknown, rows: number, cols?: number, allowMinusInfinity = false): StepsMatrix | undefined {
  if (!isRecord(value) || !(value.data instanceof Float64Array || value.data instanceof Float32Array) || value.rows !== rows) return undefined;
  if (!isIndex(value.cols) || (cols !== undefined && value.cols !== cols) || value.data.length !== rows * value.cols) return undefined;
  for (const v of value.data) if (!Number.isFinite(v) && !(allowMinusInfinity && v === -Infinity)) return undefined;
  return { rows, cols: value.cols, data: value.data };
}

function isDistribution(m: StepsMatrix): boolean {
  for (let i = 0; i < m.rows; i++) {
    let sum = 0;
    for (let j = 0; j < m.cols; j++) {
      const w = m.data[i * m.cols + j];
      if (!(w >= 0 && w <= 1)) return false;
      sum += w;
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) return false;
  }
  return true;
}
