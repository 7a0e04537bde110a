/**
 * Whole model folders (src/common/models/folder, run): tiny random models in Hugging Face's layout
 * (test/support/models), every weights format, tokenizer file kind and tensor naming, loaded
 * through a ReadModelFile over the generated files and run, against the independent float64
 * reference; the errors a user meets with a wrong folder; truncation; and the golden values of
 * test/unit/golden/tinyModels.json. Needs `npm run build` (the kernels' src/common/kernels/wasmBinary.js).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { InputError } from '../../src/common/attention/analysis';
import { parseSafetensorsHeader } from '../../src/common/export/safetensors';
import { ModelFileError } from '../../src/common/models/files/index';
import { loadModelFolder, MODEL_FOLDER_FILES, readModelInfo, type LoadedModel, type ReadModelFile } from '../../src/common/models/folder/modelFolder';
import type * as RunModule from '../../src/common/models/run/runModel';
import { TokenizerError } from '../../src/common/models/tokenizers/index';
import { enc } from '../support/models/bytes';
import { assertClose, assertRowsSumToOne } from '../support/models/compare';
import { rangedFiles } from '../support/models/rangedFiles';
import { tinyModel, tinyModelReference, type TinyModel, type TinyModelOptions } from '../support/models/tinyModel';
import { torchFile } from '../support/models/torchFile';

const compiled = new URL('../../src/common/kernels/wasmBinary.js', import.meta.url);
let runModel: typeof RunModule.runModel;

before(async () => {
  assert.ok(existsSync(compiled), `${compiled.pathname} is missing: run \`npm run build\` first (it compiles src/kernels/assembly)`);
  ({ runModel } = await import('../../src/common/models/run/runModel'));
});

/** A ReadModelFile over the files, recording the names asked for. */
function folder(files: Readonly<Record<string, Uint8Array>>): { read: ReadModelFile; asked: string[] } {
  const asked: string[] = [];
  return { asked, read: async (name) => (asked.push(name), Object.hasOwn(files, name) ? files[name] : undefined) };
}

const load = (files: Readonly<Record<string, Uint8Array>>): Promise<LoadedModel> => loadModelFolder('tiny', folder(files).read);

/** Expect a rejection of this class whose message includes `part`, on one line. */
async function rejects(promise: Promise<unknown>, type: typeof ModelFileError | typeof TokenizerError, part: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `a ${type.name}, not ${String(error)}`);
    if (typeof part === 'string') assert.ok(error.message.includes(part), `"${error.message}" should include "${part}"`);
    else assert.match(error.message, part);
    assert.ok(!error.message.includes('\n'), 'one line');
    return true;
  });
}

const TEXT = { bert: '我去了银行。我坐在河堤上。Attention heads!', gpt2: 'The attention of 银行.' } as const;

/** The run on the model's text against the float64 reference on the same ids, every layer and head. */
function checkRun(model: TinyModel, loaded: LoadedModel, text: string): RunModule.ModelRun {
  const run = runModel(loaded, text, { maxTokens: 512 });
  const { numLayers, numHeads } = model.sizes;
  const reference = tinyModelReference(model, run.ids);
  const n = run.ids.length;
  assert.equal(run.attention.n, n);
  assert.equal(run.attention.weights.length, numLayers);
  for (let l = 0; l < numLayers; l++) {
    for (let h = 0; h < numHeads; h++) {
      assertClose(run.attention.weights[l][h], reference.weights[l][h], `layer ${l} head ${h}`);
      assertRowsSumToOne(run.attention.weights[l][h], n, `layer ${l} head ${h}`);
    }
    assertClose(run.attention.layerInputs![l], reference.layerInputs[l], `layer ${l} input`);
  }
  assertClose(run.attention.hidden, reference.hidden, 'last hidden state');
  return run;
}

const KINDS: TinyModelOptions[] = [];
for (const type of ['bert', 'gpt2'] as const) {
  for (const weights of ['safetensors', 'bin'] as const) {
    for (const tokenizer of ['vocab', 'tokenizer.json'] as const) {
      for (const prefix of [false, true]) KINDS.push({ type, weights, tokenizer, prefix });
    }
  }
}
KINDS.push({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab', dtype: 'F16', seed: 5 });
KINDS.push({ type: 'gpt2', weights: 'bin', tokenizer: 'tokenizer.json', prefix: true, dtype: 'BF16', seed: 6 });

const describeKind = (o: TinyModelOptions) => `${o.type}, ${o.weights}, ${o.tokenizer}${o.prefix ? ', prefixed names' : ''}${o.dtype ? `, ${o.dtype}` : ''}`;

describe('loadModelFolder: every kind of folder, against the float64 reference', () => {
  for (const options of KINDS) {
    it(describeKind(options), async () => {
      const model = tinyModel({ seed: 3, ...options });
      const loaded = await load(model.files);
      assert.deepEqual(loaded.info, { name: 'tiny', type: options.type, layers: 2, heads: 4, hidden: 32, vocabSize: model.sizes.vocabSize });
      assert.equal(loaded.config.modelType, options.type);
      checkRun(model, loaded, TEXT[options.type]);
    });
  }

  it('gives the documented pieces and offsets: BERT WordPiece with ## pieces, [CLS] … [SEP]', async () => {
    const run = runModel(await load(tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' }).files), '我去了银行。Attention!', { maxTokens: 512 });
    assert.deepEqual(run.tokens.map((t) => [t.text, t.start, t.end, t.special]), [
      ['[CLS]', 0, 0, true], ['我', 0, 1, false], ['去', 1, 2, false], ['了', 2, 3, false], ['银', 3, 4, false], ['行', 4, 5, false], ['。', 5, 6, false],
      ['at', 6, 8, false], ['##ten', 8, 11, false], ['##tion', 11, 15, false], ['!', 15, 16, false], ['[SEP]', 16, 16, true],
    ]);
    assert.deepEqual(run.ids, run.tokens.map((t) => t.id));
    assert.equal(run.totalTokens, undefined);
  });

  it('gives the documented pieces and offsets: GPT-2 byte-level BPE, 银 as three byte pieces', async () => {
    const run = runModel(await load(tinyModel({ type: 'gpt2', weights: 'bin', tokenizer: 'vocab' }).files), 'the attention 银', { maxTokens: 512 });
    assert.deepEqual(run.tokens.map((t) => [t.text, t.start, t.end]), [
      ['t', 0, 1], ['he', 1, 3], ['Ġat', 4, 6], ['ten', 6, 9], ['tion', 9, 13], ['Ġ', 14, 14], ['é', 14, 15], ['ĵ', 14, 15], ['¶', 14, 15],
    ]);
    assert.ok(run.tokens.every((t) => !t.special));
  });

  it('reads do_lower_case from tokenizer_config.json (and the normalizer of tokenizer.json)', async () => {
    for (const tokenizer of ['vocab', 'tokenizer.json'] as const) {
      const loaded = await load(tinyModel({ type: 'bert', weights: 'safetensors', tokenizer, lowercase: false }).files);
      // The vocabulary is lower case: "Attention" is unknown when it is not lowered.
      assert.deepEqual(loaded.tokenizer.encode('Attention the').tokens.map((t) => t.text), ['[CLS]', '[UNK]', 'the', '[SEP]'], tokenizer);
    }
    const files = { ...tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' }).files };
    delete files['tokenizer_config.json'];
    assert.deepEqual((await load(files)).tokenizer.encode('Attention').tokens.map((t) => t.text), ['[CLS]', 'at', '##ten', '##tion', '[SEP]'], 'lower case by default');
  });

  it('prefers model.safetensors and does not read pytorch_model.bin when both are there', async () => {
    const safetensors = tinyModel({ type: 'gpt2', weights: 'safetensors', tokenizer: 'vocab', seed: 1 });
    const bin = tinyModel({ type: 'gpt2', weights: 'bin', tokenizer: 'vocab', seed: 2 });
    const { read, asked } = folder({ ...bin.files, ...safetensors.files });
    const loaded = await loadModelFolder('both', read);
    assert.ok(asked.includes('model.safetensors'));
    assert.ok(!asked.includes('pytorch_model.bin'), `read ${asked.join(', ')}`);
    checkRun(safetensors, loaded, TEXT.gpt2);
  });

  it('reads tokenizer.json alone when there is one, and only names in MODEL_FOLDER_FILES', async () => {
    for (const type of ['bert', 'gpt2'] as const) {
      const withJson = tinyModel({ type, weights: 'bin', tokenizer: 'tokenizer.json' }).files;
      const legacy = tinyModel({ type, weights: 'bin', tokenizer: 'vocab' }).files;
      const { read, asked } = folder({ ...legacy, ...withJson });
      await loadModelFolder('x', read);
      assert.deepEqual(asked, ['config.json', 'tokenizer.json', 'model.safetensors', 'pytorch_model.bin'], type);
      const fromLegacy = folder(legacy);
      await loadModelFolder('x', fromLegacy.read);
      for (const name of fromLegacy.asked) assert.ok(MODEL_FOLDER_FILES.includes(name), name);
      // Every file the loader uses is listed (special_tokens_map.json is not: nothing reads it).
      for (const name of Object.keys({ ...legacy, ...withJson })) assert.equal(MODEL_FOLDER_FILES.includes(name), name !== 'special_tokens_map.json', name);
    }
  });

  it('readModelInfo reads config.json alone', async () => {
    const { read, asked } = folder(tinyModel({ type: 'bert', weights: 'bin', tokenizer: 'vocab', layers: 3, heads: 2, hidden: 16 }).files);
    const { info, config } = await readModelInfo('Chinese RoBERTa', read);
    assert.deepEqual(info, { name: 'Chinese RoBERTa', type: 'bert', layers: 3, heads: 2, hidden: 16, vocabSize: config.vocabSize });
    assert.deepEqual(asked, ['config.json']);
  });
});

describe('loadModelFolder: what is wrong with a folder, in one line', () => {
  const bert = () => ({ ...tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' }).files });

  it('no config.json: not a model folder', async () => {
    const files = bert();
    delete files['config.json'];
    await rejects(load(files), ModelFileError, 'This folder has no config.json: it is not a Hugging Face model folder');
    await rejects(readModelInfo('x', folder({}).read), ModelFileError, 'no config.json');
  });

  it('an unsupported model_type, named', async () => {
    const files = { ...bert(), 'config.json': enc.encode('{"model_type": "t5", "d_model": 512}') };
    await rejects(load(files), ModelFileError, 'config.json: model_type "t5" is not supported');
  });

  it('no weights: both accepted names', async () => {
    const files = bert();
    delete files['model.safetensors'];
    await rejects(load(files), ModelFileError, 'This folder has no weights: Attention Explorer reads model.safetensors or pytorch_model.bin');
  });

  it('truncated weights files', async () => {
    const st = bert();
    st['model.safetensors'] = st['model.safetensors'].subarray(0, st['model.safetensors'].length - 100);
    await rejects(load(st), ModelFileError, /^model\.safetensors: is truncated or damaged: the tensors cover \d+ bytes of data, the file has \d+$/);
    const bin = { ...tinyModel({ type: 'gpt2', weights: 'bin', tokenizer: 'vocab' }).files };
    bin['pytorch_model.bin'] = bin['pytorch_model.bin'].subarray(0, 5000);
    await rejects(load(bin), ModelFileError, 'pytorch_model.bin: the ZIP archive is truncated');
  });

  it('a missing or mis-shaped tensor, named', async () => {
    const model = tinyModel({ type: 'bert', weights: 'bin', tokenizer: 'vocab', prefix: true });
    const without = [...model.tensors].filter(([name]) => name !== 'bert.encoder.layer.1.attention.self.key.bias');
    const missing = { ...model.files, 'pytorch_model.bin': torchFile(Object.fromEntries(without)) };
    await rejects(load(missing), ModelFileError, 'encoder.layer.1.attention.self.key.bias is missing');
    const reshaped = [...model.tensors].map(([name, t]) => [name, name.endsWith('layer.0.intermediate.dense.weight') ? { shape: [t.shape[1], t.shape[0]], data: t.data } : t]);
    const misShaped = { ...model.files, 'pytorch_model.bin': torchFile(Object.fromEntries(reshaped)) };
    await rejects(load(misShaped), ModelFileError, 'encoder.layer.0.intermediate.dense.weight has shape [32, 128], expected [128, 32]');
  });

  it('no tokenizer files, or a tokenizer bigger than the embeddings', async () => {
    const files = bert();
    delete files['vocab.txt'];
    await rejects(load(files), TokenizerError, 'A BERT model needs tokenizer.json or vocab.txt');
    const gpt2 = { ...tinyModel({ type: 'gpt2', weights: 'safetensors', tokenizer: 'vocab' }).files };
    delete gpt2['merges.txt'];
    await rejects(load(gpt2), TokenizerError, 'merges.txt was not found');
    const small = JSON.parse(new TextDecoder().decode(bert()['config.json']));
    const fewer = { ...bert(), 'config.json': enc.encode(JSON.stringify({ ...small, vocab_size: 10 })) };
    await rejects(load(fewer), TokenizerError, /tokenizer has \d+ tokens but config\.json's vocab_size is 10/);
  });

  it('a tokenizer file that is not UTF-8', async () => {
    const files = { ...bert(), 'vocab.txt': new Uint8Array([0x61, 0xff, 0x0a]) };
    await rejects(load(files), TokenizerError, 'vocab.txt: is not valid UTF-8');
  });
});

describe('loadModelFolder: model.safetensors streamed a tensor at a time (the Node host\'s way)', () => {
  for (const options of [{ type: 'bert', prefix: true }, { type: 'gpt2', dtype: 'F16' }] as const) {
    it(`gives the weights the whole file gives, never reading the file whole nor a tensor it does not need (${options.type})`, async () => {
      const model = tinyModel({ weights: 'safetensors', tokenizer: 'vocab', ...options });
      const whole = await load(model.files);
      const { reader, asked } = rangedFiles(model.files);
      const streamed = await loadModelFolder('tiny', folder(model.files).read, reader);
      assert.deepEqual(streamed.weights, whole.weights);
      const file = model.files['model.safetensors'];
      assert.ok(Math.max(...asked.map((range) => range.length)) < file.length / 4, 'no read of a large part of the file');
      // Which tensors were read, from the header's offsets: every one but those the issue says to ignore.
      const header = parseSafetensorsHeader(file);
      const at = new Map([...header.tensors].map(([name, info]) => [8 + header.headerBytes + info.dataOffsets[0], name]));
      const read = asked.slice(2).map((range) => at.get(range.offset));
      const ignored = /(^|\.)(cls\.|lm_head|pooler|position_ids|attn\.bias|attn\.masked_bias)/;
      assert.deepEqual([asked[0].offset, asked[0].length, asked[1].offset], [0, 8, 0], 'the header\'s length, then the header');
      assert.deepEqual(read.sort(), [...header.tensors.keys()].filter((name) => !ignored.test(name)).sort());
    });
  }

  it('says a streamed file is truncated, as for a whole one', async () => {
    const model = tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    const file = model.files['model.safetensors'];
    const cut = { ...model.files, 'model.safetensors': file.subarray(0, file.length - 100) };
    await rejects(loadModelFolder('tiny', folder(cut).read, rangedFiles(cut).reader), ModelFileError, /^model\.safetensors: is truncated or damaged: the tensors cover/);
  });
});

describe('runModel', () => {
  it('truncates as transformers does: the first pieces, [CLS] and [SEP] kept', async () => {
    const model = tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    const loaded = await load(model.files);
    const run = runModel(loaded, '我去了银行。我坐在河堤上。', { maxTokens: 5 });
    assert.deepEqual(run.tokens.map((t) => t.text), ['[CLS]', '我', '去', '了', '[SEP]']);
    assert.equal(run.totalTokens, 15);
    assert.equal(run.attention.n, 5);
    assertClose(run.attention.hidden, tinyModelReference(model, run.ids).hidden, 'truncated run');
    assert.equal(runModel(loaded, '我去了', { maxTokens: 5 }).totalTokens, undefined, 'exactly at the limit');
  });

  it("stops at the model's positions, whatever maxTokens says", async () => {
    const loaded = await load(tinyModel({ type: 'gpt2', weights: 'safetensors', tokenizer: 'vocab', positions: 8 }).files);
    const run = runModel(loaded, '我去了银行。我坐在河堤上。', { maxTokens: 512 });
    assert.equal(run.tokens.length, 8);
    assert.ok(run.totalTokens! > 8);
    assert.deepEqual(run.tokens, loaded.tokenizer.encode('我去了银行。我坐在河堤上。').tokens.slice(0, 8));
  });

  it('refuses empty text, text without tokens, and a limit with no room for text, as input errors', async () => {
    const bert = await load(tinyModel({ type: 'bert', weights: 'safetensors', tokenizer: 'vocab' }).files);
    assert.throws(() => runModel(bert, '', { maxTokens: 10 }), InputError);
    assert.throws(() => runModel(bert, ' \n\t', { maxTokens: 10 }), InputError);
    assert.throws(() => runModel(bert, '\u0000\u0001', { maxTokens: 10 }), (e: unknown) => e instanceof InputError && /finds no tokens/.test(e.message));
    assert.throws(() => runModel(bert, '我去了', { maxTokens: 2 }), (e: unknown) => e instanceof InputError && /no room/.test(e.message));
  });

  it('reports each layer and leaves out the layer inputs when asked', async () => {
    const loaded = await load(tinyModel({ type: 'gpt2', weights: 'bin', tokenizer: 'vocab', layers: 3 }).files);
    const seen: number[] = [];
    const run = runModel(loaded, 'the river', { maxTokens: 64, onLayer: (done) => seen.push(done), keepLayerInputs: false });
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(run.attention.layerInputs, undefined);
    assert.ok(run.elapsedMs >= 0);
  });
});

// ---------------------------------------------------------------------------------------------
// Golden values: test/unit/golden/generateModels.ts wrote them from the product. Regenerate only
// when changing the numbers is the point (the generator's seeds, vocabularies or the model code).

interface GoldenEntry {
  readonly layer: number;
  readonly head: number;
  readonly row: number;
  readonly col: number;
  readonly value: number;
}
interface GoldenCase {
  readonly options: TinyModelOptions;
  readonly text: string;
  readonly tokens: RunModule.ModelRun['tokens'];
  readonly weights: readonly GoldenEntry[];
  readonly output: { readonly entries: readonly { readonly row: number; readonly col: number; readonly value: number }[]; readonly sum: number };
}

describe('tiny models: golden values', () => {
  const golden = JSON.parse(readFileSync(new URL('./golden/tinyModels.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };
  for (const c of golden.cases) {
    it(`${c.options.type}: the same tokens, weights and output to 1e-6`, async () => {
      const model = tinyModel(c.options);
      const run = runModel(await load(model.files), c.text, { maxTokens: 512 });
      assert.deepEqual(run.tokens, c.tokens);
      const n = run.attention.n;
      for (const e of c.weights) assert.ok(Math.abs(run.attention.weights[e.layer][e.head][e.row * n + e.col] - e.value) <= 1e-6, `weight ${JSON.stringify(e)}`);
      const d = model.sizes.hiddenSize;
      for (const e of c.output.entries) assert.ok(Math.abs(run.attention.hidden[e.row * d + e.col] - e.value) <= 1e-6, `output ${JSON.stringify(e)}`);
      // The sum of N·d values, each allowed 1e-6.
      const sum = run.attention.hidden.reduce((s, x) => s + x, 0);
      assert.ok(Math.abs(sum - c.output.sum) <= 1e-6 * run.attention.hidden.length, `output sum ${sum}, golden ${c.output.sum}`);
    });
  }
});
