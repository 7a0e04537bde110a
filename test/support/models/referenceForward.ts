/**
 * An independent float64 reference of the BERT and GPT-2 forward passes, written from the formulas
 * with plain loops over arrays of numbers; it imports nothing of the product. It reads the
 * checkpoint's tensors under the file's names (`prefix` and all), so that a test also checks the
 * names and shapes the product expects.
 */

/** A tensor as a checkpoint holds it: row-major values of its shape. */
export interface ReferenceTensor {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}
export type ReferenceTensors = ReadonlyMap<string, ReferenceTensor>;

/** What the reference needs to know of config.json (BertConfig and Gpt2Config have these fields). */
export interface ReferenceConfig {
  readonly numLayers: number;
  readonly numHeads: number;
  readonly headSize: number;
  readonly hiddenSize: number;
  readonly layerNormEps: number;
}
export interface ReferenceGpt2Config extends ReferenceConfig {
  readonly scaleAttnWeights: boolean;
  readonly scaleAttnByInverseLayerIdx: boolean;
}

export type M = number[][];

export interface Reference {
  /** [layer][head]: N × N. */
  readonly weights: M[][];
  readonly layerInputs: M[];
  readonly hidden: M;
  /** [layer][head]: Q, K, V (N × d_h). */
  readonly qkv: { q: M; k: M; v: M }[][];
}

/** The tensor named `name` of the checkpoint (the prefix tried too), as float64 rows. */
function readMatrix(tensors: ReferenceTensors, name: string, prefix: string): M {
  const tensor = tensors.get(prefix + name);
  if (!tensor) throw new Error(`reference: no tensor ${prefix + name}`);
  const cols = tensor.shape[tensor.shape.length - 1];
  const rows = tensor.data.length / cols;
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => tensor.data[i * cols + j]));
}
const readVector = (tensors: ReferenceTensors, name: string, prefix: string): number[] => readMatrix(tensors, name, prefix)[0];

function refMatmul(a: M, b: M): M {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, value, k) => sum + value * b[k][j], 0)));
}
const refTranspose = (a: M): M => a[0].map((_, j) => a.map((row) => row[j]));
const refAddRows = (a: M, v: number[]): M => a.map((row) => row.map((value, j) => value + v[j]));
const refAdd = (a: M, b: M): M => a.map((row, i) => row.map((value, j) => value + b[i][j]));
const refMap = (a: M, f: (x: number) => number): M => a.map((row) => row.map(f));
function refLayerNorm(a: M, gamma: number[], beta: number[], eps: number): M {
  return a.map((row) => {
    const mean = row.reduce((s, x) => s + x, 0) / row.length;
    const variance = row.reduce((s, x) => s + (x - mean) ** 2, 0) / row.length;
    return row.map((x, j) => ((x - mean) / Math.sqrt(variance + eps)) * gamma[j] + beta[j]);
  });
}
export function refSoftmax(row: number[]): number[] {
  const max = Math.max(...row);
  const e = row.map((x) => (x === -Infinity ? 0 : Math.exp(x - max)));
  const sum = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / sum);
}
const refColumns = (a: M, from: number, width: number): M => a.map((row) => row.slice(from, from + width));

/**
 * erf for the reference, independently of the product's: below 3 the series of all-positive terms
 * 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (no cancellation, so float64 holds), above it
 * the continued fraction of erfc, evaluated from its tail.
 */
export function refErf(x: number): number {
  const a = Math.abs(x);
  let result: number;
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; term > 1e-18 * sum; n++) {
      term *= (2 * a * a) / (2 * n + 1);
      sum += term;
    }
    result = (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
  } else {
    // erfc(a) = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + …))))).
    let f = a;
    for (let k = 200; k >= 1; k--) f = a + k / 2 / f;
    result = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
  }
  return x < 0 ? -result : result;
}
export const refGelu = (x: number): number => 0.5 * x * (1 + refErf(x / Math.SQRT2));
const refGeluTanh = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

/** Multi-head attention of one layer from Q, K, V (N × d): weights per head and concat(Z). */
function refAttention(q: M, k: M, v: M, heads: number, scale: number, causal: boolean) {
  const d = q[0].length / heads;
  const weights: M[] = [];
  const qkv: { q: M; k: M; v: M }[] = [];
  const zs: M[] = [];
  for (let h = 0; h < heads; h++) {
    const qh = refColumns(q, h * d, d);
    const kh = refColumns(k, h * d, d);
    const vh = refColumns(v, h * d, d);
    const scores = refMatmul(qh, refTranspose(kh)).map((row, i) => row.map((s, j) => (causal && j > i ? -Infinity : s * scale)));
    const p = scores.map(refSoftmax);
    weights.push(p);
    qkv.push({ q: qh, k: kh, v: vh });
    zs.push(refMatmul(p, vh));
  }
  const concat = q.map((_, i) => zs.flatMap((z) => z[i]));
  return { weights, qkv, concat };
}

/** BertModel (eval, exact GELU, token type 0, no mask) on the ids. */
export function refBert(c: ReferenceConfig, tensors: ReferenceTensors, ids: readonly number[], prefix: string): Reference {
  const m = (name: string) => readMatrix(tensors, name, prefix);
  const vec = (name: string) => readVector(tensors, name, prefix);
  // nn.Linear: y = x·Wᵀ + b, W stored out × in.
  const dense = (x: M, name: string) => refAddRows(refMatmul(x, refTranspose(m(`${name}.weight`))), vec(`${name}.bias`));
  const norm = (x: M, name: string) => refLayerNorm(x, vec(`${name}.weight`), vec(`${name}.bias`), c.layerNormEps);
  const word = m('embeddings.word_embeddings.weight');
  const position = m('embeddings.position_embeddings.weight');
  const type = m('embeddings.token_type_embeddings.weight');
  let x = norm(ids.map((id, i) => word[id].map((w, j) => w + position[i][j] + type[0][j])), 'embeddings.LayerNorm');
  const out: Reference = { weights: [], layerInputs: [], hidden: [], qkv: [] };
  for (let l = 0; l < c.numLayers; l++) {
    const at = `encoder.layer.${l}`;
    out.layerInputs.push(x);
    const q = dense(x, `${at}.attention.self.query`);
    const k = dense(x, `${at}.attention.self.key`);
    const v = dense(x, `${at}.attention.self.value`);
    const attention = refAttention(q, k, v, c.numHeads, 1 / Math.sqrt(c.headSize), false);
    out.weights.push(attention.weights);
    out.qkv.push(attention.qkv);
    const a = norm(refAdd(dense(attention.concat, `${at}.attention.output.dense`), x), `${at}.attention.output.LayerNorm`);
    const inner = refMap(dense(a, `${at}.intermediate.dense`), refGelu);
    x = norm(refAdd(dense(inner, `${at}.output.dense`), a), `${at}.output.LayerNorm`);
  }
  return { ...out, hidden: x };
}

/** GPT2Model (eval, tanh GELU, causal) on the ids; the hidden state after ln_f. */
export function refGpt2(c: ReferenceGpt2Config, tensors: ReferenceTensors, ids: readonly number[], prefix: string): Reference {
  const m = (name: string) => readMatrix(tensors, name, prefix);
  const vec = (name: string) => readVector(tensors, name, prefix);
  // Conv1D: y = x·W + b, W stored in × out.
  const conv = (x: M, name: string) => refAddRows(refMatmul(x, m(`${name}.weight`)), vec(`${name}.bias`));
  const norm = (x: M, name: string) => refLayerNorm(x, vec(`${name}.weight`), vec(`${name}.bias`), c.layerNormEps);
  const wte = m('wte.weight');
  const wpe = m('wpe.weight');
  const d = c.hiddenSize;
  let x: M = ids.map((id, i) => wte[id].map((w, j) => w + wpe[i][j]));
  const out: Reference = { weights: [], layerInputs: [], hidden: [], qkv: [] };
  for (let l = 0; l < c.numLayers; l++) {
    const at = `h.${l}`;
    out.layerInputs.push(x);
    const qkv = conv(norm(x, `${at}.ln_1`), `${at}.attn.c_attn`);
    let scale = c.scaleAttnWeights ? 1 / Math.sqrt(c.headSize) : 1;
    if (c.scaleAttnByInverseLayerIdx) scale /= l + 1;
    const attention = refAttention(refColumns(qkv, 0, d), refColumns(qkv, d, d), refColumns(qkv, 2 * d, d), c.numHeads, scale, true);
    out.weights.push(attention.weights);
    out.qkv.push(attention.qkv);
    const h = refAdd(x, conv(attention.concat, `${at}.attn.c_proj`));
    const inner = refMap(conv(norm(h, `${at}.ln_2`), `${at}.mlp.c_fc`), refGeluTanh);
    x = refAdd(h, conv(inner, `${at}.mlp.c_proj`));
  }
  return { ...out, hidden: norm(x, 'ln_f') };
}
