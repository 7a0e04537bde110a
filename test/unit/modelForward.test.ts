/**
 * The BERT and GPT-2 forward passes (src/common/models/forward, float32 kernels) against the
 * float64 reference of test/support/models/referenceForward.ts (written from the formulas, with
 * plain loops over arrays of numbers), for tiny random models. The weights go in as a Hugging
 * Face checkpoint would give them (the file's tensor names, prefixes and all) and through
 * requireWeights, so the names and shapes it expects are checked too. Needs the module that `npm run build` compiles (src/common/kernels/wasmBinary.js).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { mulberry32 } from '../../src/common/attention/random';
import { parseModelConfig, type BertConfig, type Gpt2Config, type ModelConfig } from '../../src/common/models/files/config';
import { requireWeights, type BertWeights, type Gpt2Weights } from '../../src/common/models/files/requireWeights';
import type * as ForwardModule from '../../src/common/models/forward/index';
import { bertCheckpoint, gpt2Checkpoint } from '../support/models/checkpoints';
import { assertClose, assertRowsSumToOne } from '../support/models/compare';
import { refBert, refErf, refGelu, refGpt2, refSoftmax, type M, type Reference } from '../support/models/referenceForward';

const compiled = new URL('../../src/common/kernels/wasmBinary.js', import.meta.url);
let forward: typeof ForwardModule;

before(async () => {
  assert.ok(existsSync(compiled), `${compiled.pathname} is missing: run \`npm run build\` first (it compiles src/kernels/assembly)`);
  forward = await import('../../src/common/models/forward/index');
});

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
