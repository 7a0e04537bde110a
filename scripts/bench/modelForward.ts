/**
 * The benchmark's forward-pass rows: random BERT models the sizes of uer/chinese_roberta_L-4_H-256
 * (4 layers, 4 heads, hidden 256, intermediate 1024) and bert-base (12 × 12 × 768, 3072), both with
 * bert-base-chinese's vocabulary of 21,128, run by src/common/models/forward (the WebAssembly
 * kernels, float32, one thread) on random ids at 32, 128 and 512 tokens: ms per pass, best and
 * median, after a warm-up pass. The weights come from test/support/models/checkpoints.ts, the
 * tests' random checkpoints. With numpy, scripts/bench/model_numpy.py runs the same weights and
 * ids (OPENBLAS_NUM_THREADS=1) and its last hidden state is compared with ours.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../src/common/attention/random';
import { safetensorsChunks } from '../../src/common/export/safetensors';
import { parseModelConfig, requireWeights, type BertConfig } from '../../src/common/models/files/index';
import { modelForward } from '../../src/common/models/forward/index';
import { bertCheckpoint } from '../../test/support/models/checkpoints';
import { relativeDifference, runNumpyScript } from './numpyReference';

export interface ForwardRow {
  readonly model: string;
  readonly layers: number;
  readonly heads: number;
  readonly hidden: number;
  readonly n: number;
  /** The float32 weights the forward pass reads, in MB (2^20 bytes). */
  readonly modelMB: number;
  readonly passes: number;
  readonly bestMs: number;
  readonly medianMs: number;
  /** The Node (process.version) that ran our pass. */
  readonly node: string;
  readonly numpy?: { readonly bestMs: number; readonly medianMs: number; readonly passes: number };
  /** Largest |numpy − ours| over the largest |ours| of the last hidden state. */
  readonly numpyDifference?: number;
}

const MODELS = [
  { model: 'uer/chinese_roberta_L-4_H-256 size', config: { num_hidden_layers: 4, num_attention_heads: 4, hidden_size: 256, intermediate_size: 1024 } },
  { model: 'bert-base size', config: { num_hidden_layers: 12, num_attention_heads: 12, hidden_size: 768, intermediate_size: 3072 } },
];
const SIZES = [32, 128, 512];
/** Passes timed at 512 tokens of bert-base, where one takes seconds. */
const LONG_PASSES = 3;

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

function best(times: number[]): { bestMs: number; medianMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { bestMs: round(sorted[0]), medianMs: round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2) };
}

export function forwardRows(options: { runs: number; numpy: boolean; gc: () => void; log: (line: string) => void }): ForwardRow[] {
  const rows: ForwardRow[] = [];
  for (const { model, config: sizes } of MODELS) {
    const json = { model_type: 'bert', architectures: ['BertModel'], vocab_size: 21128, max_position_embeddings: 512, type_vocab_size: 2, ...sizes };
    const config = parseModelConfig(JSON.stringify(json)) as BertConfig;
    options.log(`${model}: making random weights…`);
    const tensors = bertCheckpoint(config, 7);
    const weights = requireWeights(config, tensors);
    let bytes = 0;
    for (const [name, t] of tensors) if (!name.startsWith('pooler.')) bytes += t.data.byteLength;
    const idsOf = (n: number) => {
      const next = mulberry32(n);
      return Array.from({ length: n }, () => Math.floor(next() * config.vocabSize));
    };
    const dir = options.numpy ? mkdtempSync(join(tmpdir(), 'model-bench-')) : undefined;
    try {
      const ours = new Map<number, Float32Array>();
      const timed: Omit<ForwardRow, 'numpy' | 'numpyDifference'>[] = [];
      for (const n of SIZES) {
        const ids = idsOf(n);
        modelForward(config, weights, ids); // warm-up: V8 compiles the hot paths on the first pass
        const passes = n >= 512 && config.numLayers >= 12 ? Math.min(options.runs, LONG_PASSES) : options.runs;
        const times: number[] = [];
        for (let r = 0; r < passes; r++) {
          options.gc();
          const started = performance.now();
          const result = modelForward(config, weights, ids);
          times.push(performance.now() - started);
          ours.set(n, result.hidden);
        }
        timed.push({ model, layers: config.numLayers, heads: config.numHeads, hidden: config.hiddenSize, n, modelMB: round(bytes / 2 ** 20), passes, node: process.version, ...best(times) });
        options.log(`${model}, ${n} tokens: best ${timed[timed.length - 1].bestMs} ms`);
        if (dir) writeFileSync(join(dir, `ids-${n}.json`), JSON.stringify(ids));
      }
      const numpy = dir ? runNumpy(dir, json, tensors, options.runs) : undefined;
      for (const row of timed) {
        const theirs = numpy?.runs.find((r) => r.n === row.n);
        if (!theirs || !dir) {
          rows.push(row);
          continue;
        }
        const out = new Float32Array(readFileSync(join(dir, `out-${row.n}.f32`)).buffer.slice(0));
        rows.push({ ...row, numpy: { bestMs: round(theirs.bestMs), medianMs: round(theirs.medianMs), passes: theirs.passes }, numpyDifference: Number(relativeDifference(out, ours.get(row.n)!).toExponential(2)) });
      }
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

interface NumpyReport {
  readonly numpy: string;
  readonly erf: string;
  readonly runs: { n: number; bestMs: number; medianMs: number; passes: number }[];
}

/** model_numpy.py on the same weights (written as model.safetensors, float32) and ids, one BLAS thread. */
function runNumpy(dir: string, config: object, tensors: ReturnType<typeof bertCheckpoint>, runs: number): NumpyReport {
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ layer_norm_eps: 1e-12, ...config }));
  const file = openSync(join(dir, 'model.safetensors'), 'w');
  try {
    for (const chunk of safetensorsChunks([...tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data })))) writeSync(file, chunk);
  } finally {
    closeSync(file);
  }
  return runNumpyScript<NumpyReport>('model_numpy.py', ['--dir', dir, '--sizes', SIZES.join(','), '--runs', String(Math.min(runs, LONG_PASSES))], 1);
}

/**
 * Rows timed in another Node (the extension host's), given the numpy timings of this Node's row of
 * the same model and N: numpy ran once, on the same weights and ids.
 */
export function withNumpyOf(rows: readonly ForwardRow[], theirs: readonly ForwardRow[]): ForwardRow[] {
  return theirs.map((row) => {
    const numpy = rows.find((r) => r.model === row.model && r.n === row.n)?.numpy;
    return numpy ? { ...row, numpy } : row;
  });
}

/** The rows as a table, one line each. */
export function forwardTable(rows: readonly ForwardRow[]): string[] {
  const lines = [
    'Forward pass of a random BERT (src/common/models/forward: WebAssembly SIMD kernels, float32, 1 thread), random ids; ms per pass',
    ['model', 'layers×heads×hidden', 'MB', 'N', 'node', 'passes', 'best ms', 'median ms', 'numpy-1t best', 'numpy-1t median', 'numpy vs ours'].join('\t'),
  ];
  for (const r of rows) {
    lines.push([r.model.padEnd(35), `${r.layers}×${r.heads}×${r.hidden}`, r.modelMB, r.n, r.node, r.passes, r.bestMs, r.medianMs, r.numpy?.bestMs ?? '-', r.numpy?.medianMs ?? '-', r.numpyDifference ?? '-'].join('\t'));
  }
  return lines;
}
