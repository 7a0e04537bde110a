/**
 * The BERT and GPT-2 forward passes (src/common/models/forward, float32 kernels) against a float64
 * reference written here from the formulas, with plain loops over arrays of numbers, for tiny
 * random models. The weights go in as a Hugging Face checkpoint would give them (the file's
 * tensor names, prefixes and all) and through requireWeights, so the names and shapes it expects
 * are checked too. Needs the module that `npm run build` compiles (src/common/kernels/wasmBinary.js).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { mulberry32 } from '../../src/common/attention/random';
import { parseModelConfig, type BertConfig, type Gpt2Config, type ModelConfig } from '../../src/common/models/files/config';
import { requireWeights, type BertWeights, type Gpt2Weights } from '../../src/common/models/files/requireWeights';
import type { WeightTensor } from '../../src/common/models/files/tensor';
import type * as ForwardModule from '../../src/common/models/forward/index';

const compiled = new URL('../../src/common/kernels/wasmBinary.js', import.meta.url);
let forward: typeof ForwardModule;

before(async () => {
  assert.ok(existsSync(compiled), `${compiled.pathname} is missing: run \`npm run build\` first (it compiles src/kernels/assembly)`);
  forward = await import('../../src/common/models/forward/index');
});

const TOLERANCE = 1e-5;

// ---------------------------------------------------------------------------------------------
// Tiny random checkpoints, under the names a Hugging Face file uses.

type Tensors = Map<string, WeightTensor>;

/** Uniform weights in [centre − spread, centre + spread), float32, as a file would hold them. */
function tensorMaker(seed: number) {
  const next = mulberry32(seed);
  return (shape: number[], spread: number, centre = 0): WeightTensor => {
    const length = shape.reduce((a, b) => a * b, 1);
    return { shape, dtype: 'F32', data: Float32Array.from({ length }, () => centre + (2 * next() - 1) * spread) };
  };
}

/** BertModel's tensors (with `prefix`, e.g. "bert." as BertForMaskedLM saves them), and the pooler a checkpoint also has. */
function bertCheckpoint(c: BertConfig, seed: number, prefix = ''): Tensors {
  const t = tensorMaker(seed);
  const h = c.hiddenSize;
  const m = new Map<string, WeightTensor>();
  const put = (name: string, tensor: WeightTensor) => m.set(prefix + name, tensor);
  const linear = (name: string, out: number, inputs: number) => {
    put(`${name}.weight`, t([out, inputs], 1.2 / Math.sqrt(inputs)));
    put(`${name}.bias`, t([out], 0.1));
  };
  const norm = (name: string) => {
    put(`${name}.weight`, t([h], 0.2, 1));
    put(`${name}.bias`, t([h], 0.1));
  };
  put('embeddings.word_embeddings.weight', t([c.vocabSize, h], 1));
  put('embeddings.position_embeddings.weight', t([c.maxPositions, h], 0.5));
  put('embeddings.token_type_embeddings.weight', t([c.typeVocabSize, h], 0.5));
  norm('embeddings.LayerNorm');
  for (let l = 0; l < c.numLayers; l++) {
    const at = `encoder.layer.${l}`;
    linear(`${at}.attention.self.query`, h, h);
    linear(`${at}.attention.self.key`, h, h);
    linear(`${at}.attention.self.value`, h, h);
    linear(`${at}.attention.output.dense`, h, h);
    norm(`${at}.attention.output.LayerNorm`);
    linear(`${at}.intermediate.dense`, c.intermediateSize, h);
    linear(`${at}.output.dense`, h, c.intermediateSize);
    norm(`${at}.output.LayerNorm`);
  }
  linear('pooler.dense', h, h);
  return m;
}

/** GPT2Model's tensors (Conv1D weights in × out), with the causal-mask buffers old checkpoints hold. */
function gpt2Checkpoint(c: Gpt2Config, seed: number, prefix = ''): Tensors {
  const t = tensorMaker(seed);
  const h = c.hiddenSize;
  const m = new Map<string, WeightTensor>();
  const put = (name: string, tensor: WeightTensor) => m.set(prefix + name, tensor);
  const conv = (name: string, inputs: number, out: number) => {
    put(`${name}.weight`, t([inputs, out], 1.2 / Math.sqrt(inputs)));
    put(`${name}.bias`, t([out], 0.1));
  };
  const norm = (name: string) => {
    put(`${name}.weight`, t([h], 0.2, 1));
    put(`${name}.bias`, t([h], 0.1));
  };
  put('wte.weight', t([c.vocabSize, h], 1));
  put('wpe.weight', t([c.maxPositions, h], 0.5));
  for (let l = 0; l < c.numLayers; l++) {
    const at = `h.${l}`;
    norm(`${at}.ln_1`);
    conv(`${at}.attn.c_attn`, h, 3 * h);
    conv(`${at}.attn.c_proj`, h, h);
    norm(`${at}.ln_2`);
    conv(`${at}.mlp.c_fc`, h, c.intermediateSize);
    conv(`${at}.mlp.c_proj`, c.intermediateSize, h);
    put(`${at}.attn.bias`, { shape: [1, 1, c.maxPositions, c.maxPositions], dtype: 'F32', data: new Float32Array(c.maxPositions ** 2) });
  }
  norm('ln_f');
  return m;
}

// ---------------------------------------------------------------------------------------------
// The float64 reference: matrices as arrays of rows of numbers, every formula spelled out.

type M = number[][];

/** The tensor named `name` of the checkpoint (the prefix tried too), as float64 rows. */
function readMatrix(tensors: Tensors, name: string, prefix: string): M {
  const tensor = tensors.get(prefix + name);
  assert.ok(tensor, `reference: no tensor ${prefix + name}`);
  const cols = tensor.shape[tensor.shape.length - 1];
  const rows = tensor.data.length / cols;
  return Array.from({ length: rows }, (_, i) => Array.from(tensor.data.subarray(i * cols, (i + 1) * cols)));
}
const readVector = (tensors: Tensors, name: string, prefix: string): number[] => readMatrix(tensors, name, prefix)[0];

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
function refSoftmax(row: number[]): number[] {
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
function refErf(x: number): number {
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
const refGelu = (x: number) => 0.5 * x * (1 + refErf(x / Math.SQRT2));
const refGeluTanh = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

interface Reference {
  /** [layer][head]: N × N. */
  readonly weights: M[][];
  readonly layerInputs: M[];
  readonly hidden: M;
  /** [layer][head]: Q, K, V (N × d_h). */
  readonly qkv: { q: M; k: M; v: M }[][];
}

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

function refBert(c: BertConfig, tensors: Tensors, ids: number[], prefix: string): Reference {
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

function refGpt2(c: Gpt2Config, tensors: Tensors, ids: number[], prefix: string): Reference {
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

// ---------------------------------------------------------------------------------------------

/** |actual − expected| ≤ 1e-5 · max(1, |expected|), element by element. */
function assertClose(actual: Float32Array, expected: M, what: string, tolerance = TOLERANCE): void {
  const flat = expected.flat();
  assert.equal(actual.length, flat.length, `${what}: size`);
  flat.forEach((e, i) => {
    const error = Math.abs(actual[i] - e) / Math.max(1, Math.abs(e));
    assert.ok(error <= tolerance, `${what}[${Math.floor(i / expected[0].length)}][${i % expected[0].length}] = ${actual[i]}, expected ${e} (relative error ${error.toExponential(2)})`);
  });
}

function assertRowsSumToOne(w: Float32Array, n: number, what: string): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += w[i * n + j];
    assert.ok(Math.abs(sum - 1) < 1e-5, `${what} row ${i} sums to ${sum}`);
  }
}

function randomIds(count: number, vocab: number, seed: number): number[] {
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => Math.floor(next() * vocab));
}

interface Case {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly prefix: string;
  readonly tokens: number;
}

const BERT_CASES: Case[] = [
  { name: '2 layers, 2 heads, hidden 16', config: { model_type: 'bert', num_hidden_layers: 2, num_attention_heads: 2, hidden_size: 16, intermediate_size: 32, vocab_size: 50, max_position_embeddings: 16 }, prefix: '', tokens: 7 },
  {
    name: '2 layers, 3 heads, hidden 24, intermediate 40, "bert." prefix',
    config: { architectures: ['BertForMaskedLM'], num_hidden_layers: 2, num_attention_heads: 3, hidden_size: 24, intermediate_size: 40, vocab_size: 50, max_position_embeddings: 12, layer_norm_eps: 1e-5, type_vocab_size: 1 },
    prefix: 'bert.',
    tokens: 12,
  },
];

const GPT2_CASES: Case[] = [
  { name: '2 layers, 2 heads, hidden 16', config: { model_type: 'gpt2', n_layer: 2, n_head: 2, n_embd: 16, vocab_size: 50, n_positions: 16 }, prefix: '', tokens: 7 },
  {
    name: '3 layers, 3 heads, hidden 24, inner 40, scaled by inverse layer index, "transformer." prefix',
    config: { model_type: 'gpt2', n_layer: 3, n_head: 3, n_embd: 24, n_inner: 40, vocab_size: 50, n_positions: 9, scale_attn_by_inverse_layer_idx: true },
    prefix: 'transformer.',
    tokens: 9,
  },
  { name: '1 layer, 4 heads, hidden 16, unscaled scores', config: { model_type: 'gpt2', n_layer: 1, n_head: 4, n_embd: 16, vocab_size: 50, n_positions: 8, scale_attn_weights: false }, prefix: '', tokens: 5 },
];

/** The forward pass and the reference for one case. */
function run(c: Case, seed: number) {
  const config = parseModelConfig(JSON.stringify(c.config));
  const tensors = config.modelType === 'bert' ? bertCheckpoint(config, seed, c.prefix) : gpt2Checkpoint(config, seed, c.prefix);
  const weights = requireWeights(config, tensors);
  const ids = randomIds(c.tokens, config.vocabSize, seed + 1);
  const result = forward.modelForward(config, weights, ids);
  const reference = config.modelType === 'bert' ? refBert(config, tensors, ids, c.prefix) : refGpt2(config, tensors, ids, c.prefix);
  return { config, weights, ids, result, reference };
}

function checkAgainstReference(config: ModelConfig, result: ForwardModule.ModelAttention, reference: Reference, n: number): void {
  assert.equal(result.layers, config.numLayers);
  assert.equal(result.heads, config.numHeads);
  assert.equal(result.n, n);
  assert.equal(result.weights.length, config.numLayers);
  for (let l = 0; l < config.numLayers; l++) {
    assert.equal(result.weights[l].length, config.numHeads);
    for (let h = 0; h < config.numHeads; h++) assertClose(result.weights[l][h], reference.weights[l][h], `layer ${l} head ${h} weights`);
    assertClose(result.layerInputs![l], reference.layerInputs[l], `layer ${l} input`);
  }
  assertClose(result.hidden, reference.hidden, 'last hidden state');
}

describe('erf and the GELUs', () => {
  it('erf matches known values to 1e-14', () => {
    // Known values (mpmath / C's erf); one in each of fdlibm's ranges and past them.
    const known: [number, number][] = [
      [0.5, 0.5204998778130465], [1, 0.8427007929497149], [-2, -0.9953222650189527], [3, 0.9999779095030014],
      [0.1, 0.1124629160182849], [-0.3, -0.3286267594591274], [0.84, 0.7651427114549946], [0.85, 0.7706680576083526],
      [1.2, 0.9103139782296353], [1.3, 0.9340079449406524], [2.5, 0.999593047982555], [2.9, 0.9999589021219005],
      [4, 0.9999999845827421], [5.5, 0.9999999999999927], [6.5, 1], [1e-10, 1.1283791670955126e-10],
    ];
    for (const [x, value] of known) assert.ok(Math.abs(forward.erf(x) - value) <= 1e-14, `erf(${x}) = ${forward.erf(x)}, expected ${value}`);
    assert.equal(forward.erf(0), 0);
    assert.equal(forward.erf(Infinity), 1);
    assert.equal(forward.erf(-Infinity), -1);
    assert.ok(Number.isNaN(forward.erf(NaN)));
  });

  it('erf is odd, increasing, and agrees with the reference series everywhere', () => {
    let previous = -1;
    for (let x = -6; x <= 6; x += 0.01) {
      const value = forward.erf(x);
      assert.equal(forward.erf(-x), -value);
      assert.ok(value >= previous, `erf decreases at ${x}`);
      previous = value;
      assert.ok(Math.abs(value - refErf(x)) <= 1e-14, `erf(${x}) = ${value}, the reference ${refErf(x)}`);
    }
  });

  it('exact and tanh GELU differ as expected', () => {
    // GELU(1) = Φ(1); the tanh form is 1.5e-4 below it; they differ by at most ~4.7e-4 (near |x| = 2.2).
    assert.ok(Math.abs(forward.geluErf(1) - 0.8413447460685429) <= 1e-15);
    assert.ok(Math.abs(forward.geluTanh(1) - 0.8411919906082768) <= 1e-15);
    let largest = 0;
    for (let x = -8; x <= 8; x += 0.001) {
      const difference = Math.abs(forward.geluErf(x) - forward.geluTanh(x));
      largest = Math.max(largest, difference);
      assert.ok(Math.abs(forward.geluErf(x) - refGelu(x)) <= 1e-14);
    }
    assert.ok(largest > 4e-4 && largest < 5e-4, `largest difference ${largest}`);
    assert.equal(forward.geluErf(0), 0);
    assert.equal(forward.geluTanh(0), 0);
    // Far out both are x (positive side) or 0 (negative side).
    assert.equal(forward.geluErf(10), 10);
    assert.ok(Math.abs(forward.geluErf(-10)) < 1e-20);
  });
});

describe('BERT forward pass', () => {
  BERT_CASES.forEach((c, index) => {
    it(`matches the float64 reference: ${c.name}`, () => {
      const { config, result, reference } = run(c, 100 + index);
      checkAgainstReference(config, result, reference, c.tokens);
      for (const layer of result.weights) for (const w of layer) assertRowsSumToOne(w, c.tokens, 'BERT weights');
    });
  });

  it('attends in both directions (no mask)', () => {
    const { result } = run(BERT_CASES[0], 100);
    const n = result.n;
    const upper = result.weights.flat().reduce((s, w) => s + w.reduce((t, x, i) => t + (i % n > Math.floor(i / n) ? x : 0), 0), 0);
    assert.ok(upper > 1, `weight above the diagonal: ${upper}`);
  });
});

describe('GPT-2 forward pass', () => {
  GPT2_CASES.forEach((c, index) => {
    it(`matches the float64 reference: ${c.name}`, () => {
      const { config, result, reference } = run(c, 200 + index);
      checkAgainstReference(config, result, reference, c.tokens);
    });
  });

  it('is causal: every weight above the diagonal is exactly 0, and rows sum to 1', () => {
    for (const c of GPT2_CASES) {
      const { result } = run(c, 300);
      const n = result.n;
      for (const layer of result.weights) {
        for (const w of layer) {
          for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) assert.equal(w[i * n + j], 0, `weight [${i}][${j}]`);
          assert.equal(w[0], 1, 'the first token sees only itself');
          assertRowsSumToOne(w, n, 'GPT-2 weights');
        }
      }
    }
  });

  it('scale_attn_by_inverse_layer_idx divides layer l by l + 1', () => {
    const config = parseModelConfig(JSON.stringify(GPT2_CASES[1].config));
    const d = Math.sqrt(config.headSize);
    [1, 2, 3].forEach((k, l) => assert.ok(Math.abs(forward.attentionScale(config, l) - 1 / d / k) < 1e-15));
    assert.equal(forward.attentionScale(parseModelConfig(JSON.stringify(GPT2_CASES[2].config)), 0), 1);
  });
});

describe('layerHeadQKV', () => {
  for (const c of [...BERT_CASES, ...GPT2_CASES]) {
    it(`gives the head's Q, K, V, which reproduce its weights: ${c.config.model_type ?? 'bert'} ${c.name}`, () => {
      const { config, weights, result, reference } = run(c, 400);
      const causal = config.modelType === 'gpt2';
      for (let l = 0; l < config.numLayers; l++) {
        for (let h = 0; h < config.numHeads; h++) {
          const qkv = forward.layerHeadQKV(config, weights, result.layerInputs![l], l, h);
          assert.equal(qkv.n, c.tokens);
          assert.equal(qkv.headSize, config.headSize);
          assertClose(qkv.q, reference.qkv[l][h].q, `layer ${l} head ${h} Q`);
          assertClose(qkv.k, reference.qkv[l][h].k, `layer ${l} head ${h} K`);
          assertClose(qkv.v, reference.qkv[l][h].v, `layer ${l} head ${h} V`);
          // softmax(Q·Kᵀ · scale) from them, in float64, is the head's weights (scale = 1/√d_h but for GPT-2's options).
          const n = qkv.n;
          const dh = qkv.headSize;
          const scale = forward.attentionScale(config, l);
          const rows: M = Array.from({ length: n }, (_, i) =>
            refSoftmax(Array.from({ length: n }, (_, j) => {
              if (causal && j > i) return -Infinity;
              let dot = 0;
              for (let t = 0; t < dh; t++) dot += qkv.q[i * dh + t] * qkv.k[j * dh + t];
              return dot * scale;
            })),
          );
          assertClose(result.weights[l][h], rows, `layer ${l} head ${h} weights from Q, K`);
        }
      }
    });
  }

  it('refuses a layer or head the model does not have', () => {
    const { config, weights, result } = run(BERT_CASES[0], 1);
    assert.throws(() => forward.layerHeadQKV(config, weights, result.layerInputs![0], config.numLayers, 0), RangeError);
    assert.throws(() => forward.layerHeadQKV(config, weights, result.layerInputs![0], 0, config.numHeads), RangeError);
  });
});

describe('forward pass contract', () => {
  it('is deterministic: the same input gives the same bits', () => {
    for (const c of [BERT_CASES[1], GPT2_CASES[1]]) {
      const a = run(c, 7).result;
      const b = run(c, 7).result;
      assert.deepEqual(a.hidden, b.hidden);
      assert.deepEqual(a.weights, b.weights);
    }
  });

  it('reports each layer, and keeps layer inputs only when asked', () => {
    const config = parseModelConfig(JSON.stringify(GPT2_CASES[1].config));
    const weights = requireWeights(config, gpt2Checkpoint(config as Gpt2Config, 5)) as Gpt2Weights;
    const seen: string[] = [];
    const result = forward.gpt2Forward(config as Gpt2Config, weights, [1, 2, 3], { onLayer: (done, total) => seen.push(`${done}/${total}`), keepLayerInputs: false });
    assert.deepEqual(seen, ['1/3', '2/3', '3/3']);
    assert.equal(result.layerInputs, undefined);
    assert.throws(() => forward.gpt2Forward(config as Gpt2Config, weights, [1, 2, 3], { onLayer: () => { throw new Error('cancelled'); } }), /cancelled/);
  });

  it('refuses ids outside the vocabulary and more tokens than positions', () => {
    const config = parseModelConfig(JSON.stringify(BERT_CASES[0].config)) as BertConfig;
    const weights = requireWeights(config, bertCheckpoint(config, 5)) as BertWeights;
    assert.throws(() => forward.bertForward(config, weights, [1, 50]), RangeError);
    assert.throws(() => forward.bertForward(config, weights, [1, -1]), RangeError);
    assert.throws(() => forward.bertForward(config, weights, [1.5]), RangeError);
    assert.throws(() => forward.bertForward(config, weights, Array(17).fill(1)), RangeError);
    // Exactly max_position_embeddings tokens is fine.
    assert.equal(forward.bertForward(config, weights, Array(16).fill(1)).n, 16);
  });
});
