/**
 * Writes test/unit/golden/tinyModels.json, which test/unit/modelFolder.test.ts compares the model
 * code against: for a fixed-seed tiny BERT and GPT-2 (test/support/models) and a fixed text, the
 * tokens, a few attention weights of every layer and head, and a few values and the sum of the
 * last hidden state, from loadModelFolder and runModel as they are now:
 *
 *   npm run -s build && node --import tsx test/unit/golden/generateModels.ts
 *
 * Regenerate only when changing these numbers is the point (the generator's seeds or
 * vocabularies, the tokenizers, the forward pass), and say so; not to make the test pass.
 */
import { writeFileSync } from 'node:fs';
import { loadModelFolder } from '../../../src/common/models/folder/modelFolder';
import { runModel } from '../../../src/common/models/run/runModel';
import { tinyModel, type TinyModelOptions } from '../../support/models/tinyModel';

const CASES: readonly { options: TinyModelOptions; text: string }[] = [
  { options: { type: 'bert', weights: 'safetensors', tokenizer: 'vocab', seed: 42 }, text: '我去了银行。我坐在河堤上。attention heads' },
  { options: { type: 'gpt2', weights: 'safetensors', tokenizer: 'tokenizer.json', seed: 42 }, text: 'The attention of the 银行.' },
];

/** Flat indices of an N × N or N × d matrix to pin: first, first of row 1, middle, last. */
const pinned = (rows: number, cols: number) => [...new Set([0, Math.min(cols, rows * cols - 1), Math.floor((rows * cols) / 2), rows * cols - 1])];

async function goldenCase(options: TinyModelOptions, text: string): Promise<unknown> {
  const model = tinyModel(options);
  const loaded = await loadModelFolder('golden', async (name) => model.files[name]);
  const run = runModel(loaded, text, { maxTokens: 512 });
  const { n } = run.attention;
  const d = loaded.config.hiddenSize;
  const weights = run.attention.weights.flatMap((layer, l) =>
    layer.flatMap((w, h) => pinned(n, n).map((i) => ({ layer: l, head: h, row: Math.floor(i / n), col: i % n, value: w[i] }))));
  const hidden = run.attention.hidden;
  return {
    options,
    text,
    tokens: run.tokens,
    weights,
    output: { entries: pinned(n, d).map((i) => ({ row: Math.floor(i / d), col: i % d, value: hidden[i] })), sum: hidden.reduce((s, x) => s + x, 0) },
  };
}

/** Two-space JSON, every flat object (a token, an entry) on one line: only whitespace outside strings changes. */
const FLAT_OBJECT = /\{(?:[^{}[\]"]|"(?:[^"\\]|\\.)*")*\}/g;
const formatJson = (value: unknown) => JSON.stringify(value, null, 2).replace(FLAT_OBJECT, (text) => text.replace(/\n\s*/g, ' ')) + '\n';

async function main(): Promise<void> {
  const url = new URL('tinyModels.json', import.meta.url);
  const cases = [];
  for (const c of CASES) cases.push(await goldenCase(c.options, c.text));
  writeFileSync(url, formatJson({ cases }));
  console.log(`wrote ${url.pathname}`);
}

void main();
