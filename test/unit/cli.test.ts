import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { estimatedJsonChars, jsonNumberCount } from '../../src/cli/jsonSize';
import { tokensToAnalyse } from '../../src/common/attention/analysis';
import { computeAttention } from '../../src/common/attention/attention';
import { resolveConfig } from '../../src/common/attention/config';
import { parseSafetensorsHeader, readSafetensors } from '../../src/common/export/safetensors';
import { attentionTensors, tensorNames } from '../../src/common/export/tensorNames';
import { assertClose, assertRowsSumToOne } from '../support/models/compare';
import { tinyModel, tinyModelReference, type TinyModelOptions } from '../support/models/tinyModel';
import { writeModelFolder } from '../support/models/writeModelFolder';

// The CLI as users run it: the bundle that package.json's "bin" points at.
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

function run(args: string[], input?: string | Buffer) {
  assert.ok(existsSync(cli), 'dist/cli.js exists: run `npm run build` first');
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { input: input ?? '', encoding: 'utf8', maxBuffer: 256 << 20, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Math.round(performance.now() - started) };
}

/** The rule for bad input: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function assertRefused({ code, stdout, stderr }: ReturnType<typeof run>, message: RegExp): void {
  assert.equal(code, 2, stderr);
  assert.equal(stdout, '');
  assert.match(stderr, message);
  assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
  assert.doesNotMatch(stderr, /\bat .*\(.*:\d+:\d+\)/, 'no stack trace');
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

const shape = (m: unknown): [number, number] => {
  assert.ok(Array.isArray(m) && Array.isArray(m[0]), 'a matrix is an array of rows');
  return [m.length, (m[0] as unknown[]).length];
};

describe('attention-explorer CLI', () => {
  it('prints one JSON object with the documented shapes', () => {
    const { code, stdout, stderr } = run(['--json', '--d-model', '16', '--heads', '2', '--mask', 'causal', '--positional', 'sinusoidal', '我去了银行。']);
    assert.equal(code, 0, stderr);
    const json = JSON.parse(stdout);
    const n = json.tokens.length;
    assert.ok(n >= 3);
    assert.deepEqual(json.tokens[0], { text: '我', start: 0, end: 1 });
    assert.deepEqual(json.config, { dModel: 16, heads: 2, dK: 8, seed: 42, mask: 'causal', positional: 'sinusoidal' });
    assert.deepEqual(shape(json.embeddings), [n, 16]);
    assert.equal(json.heads.length, 2);
    for (const head of json.heads) {
      for (const w of ['wq', 'wk', 'wv']) assert.deepEqual(shape(head[w]), [16, 8], w);
      for (const m of ['q', 'k', 'v', 'z']) assert.deepEqual(shape(head[m]), [n, 8], m);
      for (const m of ['scores', 'scaled', 'weights']) assert.deepEqual(shape(head[m]), [n, n], m);
      assert.equal(head.scaled[0][1], null, 'a masked scaled score is null');
      assert.equal(head.weights[0][1], 0, 'a masked weight is 0');
      for (const row of head.weights) assert.ok(Math.abs(row.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-12);
    }
    assert.deepEqual(shape(json.wo), [16, 16]);
    assert.deepEqual(shape(json.concat), [n, 16]);
    assert.deepEqual(shape(json.output), [n, 16]);
  });

  it('reads the text from stdin and prints a readable summary with the default config', () => {
    const { code, stdout } = run([], 'The bank of the river.\n');
    assert.equal(code, 0);
    assert.match(stdout, /6 tokens, d_model 512, 8 heads of d_k 64/);
    assert.match(stdout, /"river"\t\[16, 21\)/);
    assert.match(stdout, /Average of heads/);
  });

  it('gives the same numbers on every run', () => {
    const a = run(['--json', '--d-model', '8', '--heads', '2', 'same text']).stdout;
    const b = run(['--json', '--d-model', '8', '--heads', '2', 'same text']).stdout;
    assert.equal(a, b);
  });

  for (const [why, args, input, message] of [
    ['no text', [], '', /no text to analyse/],
    ['only whitespace', ['  \n\t '], '', /no text to analyse/],
    ['an unknown option', ['--bogus', 'x'], '', /Unknown option '--bogus'/],
    ['a non-numeric d_model', ['--d-model', 'big', 'x'], '', /--d-model takes a whole number/],
    ['d_model not divisible by heads', ['--heads', '3', 'x'], '', /divisible/],
    ['an invalid mask', ['--mask', 'sideways', 'x'], '', /mask must be/],
    ['more tokens than the limit', ['--max-tokens', '3', 'one two three four'], '', /more tokens than the limit of 3 \(raise it with --max-tokens, up to 16384\)/],
  ] as const) {
    it(`exits 2 with a one-line message for ${why}`, () => {
      assertRefused(run([...args], input), message);
    });
  }
});

describe('attention-explorer CLI on huge input', () => {
  // Correctness, not a benchmark: each must refuse within seconds (it used to run for minutes).
  const line = '注意力机制为句子中的每个单词生成一个与上下文相关的词嵌入。The quick brown fox jumps over the lazy dog.\n';
  const tenMegabytes = line.repeat(Math.ceil(10_000_000 / line.length));

  for (const [why, args, input] of [
    ['10 MB of text on stdin', [], tenMegabytes],
    ['10 MB of text on stdin with --max-tokens 2048', ['--max-tokens', '2048'], tenMegabytes],
    ['10 MB of text on stdin with --json --max-tokens 2048', ['--json', '--max-tokens', '2048'], tenMegabytes],
    ['1 MiB of random bytes on stdin', [], randomBytes(1 << 20)],
  ] as const) {
    it(`refuses ${why} quickly: more tokens than the limit`, (t) => {
      const result = run([...args], input);
      t.diagnostic(`${why}: ${result.ms} ms`);
      assertRefused(result, /more tokens than the limit/);
      assert.ok(result.ms < 30_000, `${result.ms} ms`);
    });
  }

  it('refuses JSON too large for a string before computing it', (t) => {
    const result = run(['--json', '--max-tokens', '2048'], words(1024));
    t.diagnostic(`--json on 1024 tokens: ${result.ms} ms`);
    assertRefused(result, /JSON for 1024 tokens would be about \d+ MB, more than the \d+ MB .* fewer tokens, or a smaller --d-model or --heads, or .*--out FILE\.safetensors instead of --json/);
    assert.ok(result.ms < 10_000, `${result.ms} ms`);
  });

  it('estimates the size of the JSON from the token count: every number, and an upper bound on the characters', () => {
    for (const [args, n] of [[['--d-model', '12', '--heads', '3', '--d-k', '5', '--mask', 'causal'], 7], [['--d-model', '64', '--heads', '2'], 250]] as const) {
      const { code, stdout, stderr } = run(['--json', ...args, words(n)]);
      assert.equal(code, 0, stderr);
      const { tokens, config: json, ...matrices } = JSON.parse(stdout);
      const config = resolveConfig(json);
      assert.equal(tokens.length, n);
      const numbers = (value: unknown): number => (Array.isArray(value) ? value.reduce((sum: number, v) => sum + numbers(v), 0) : typeof value === 'object' && value !== null ? numbers(Object.values(value)) : 1);
      assert.equal(jsonNumberCount(n, config), numbers(matrices));
      const estimate = estimatedJsonChars(n, config);
      assert.ok(stdout.length <= estimate && stdout.length > estimate * 0.8, `${stdout.length} characters, estimated ${estimate}`);
    }
  });

  it('ends quietly when the reader closes the pipe early', () => {
    // 250 tokens at d_model 64 make about 10 MB of JSON: far more than the pipe holds when head exits.
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" --json --d-model 64 --heads 2 "${words(250)}" | head -c 10 >/dev/null; exit "\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.stderr, '');
    assert.doesNotMatch(result.stdout + result.stderr, /Error/);
    assert.equal(result.status, 0);
  });
});

describe('attention-explorer --out FILE.safetensors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attention-explorer-out-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  const text = '我去了银行。The bank of the river.';
  const options = ['--d-model', '12', '--heads', '3', '--d-k', '5', '--mask', 'causal', '--positional', 'sinusoidal', '--seed', '7'];
  const config = resolveConfig({ dModel: 12, heads: 3, dK: 5, mask: 'causal', positional: 'sinusoidal', seed: 7 });
  const engine = computeAttention(tokensToAnalyse(text, 256).tokens, config);
  const expected = new Map(attentionTensors(engine).map((t) => [t.name, t]));
  const n = engine.tokens.length;

  /** Runs the CLI with --out to a new file in the temporary folder; the file's path and the run. */
  function runOut(name: string, args: string[]) {
    const file = join(dir, name);
    return { file, ...run([...args, '--out', file]) };
  }

  it('writes every intermediate as float32: the engine\'s values rounded with Math.fround, -Infinity where masked', () => {
    const { file, code, stdout, stderr } = runOut('all.safetensors', [...options, text]);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    assert.match(stdout, new RegExp(`^wrote 34 tensors \\(\\d+\\.\\d kB\\) to ${file.replace(/[.\\/]/g, '\\$&')}\n$`));
    const bytes = readFileSync(file);
    const { metadata, tensors } = readSafetensors(bytes);

    assert.deepEqual([...tensors.keys()], tensorNames(3), 'every name, in the schema order');
    assert.deepEqual(JSON.parse(metadata.tokens), engine.tokens.map(({ text, start, end }) => ({ text, start, end })));
    assert.deepEqual(JSON.parse(metadata.config), config);
    assert.equal(metadata.tool, 'attention-explorer');
    assert.equal(metadata.version, version);

    for (const [name, tensor] of tensors) {
      const want = expected.get(name)!;
      assert.equal(tensor.dtype, 'F32', name);
      assert.deepEqual(tensor.shape, want.shape, name);
      for (let i = 0; i < want.data.length; i++) {
        if (!Object.is(tensor.data[i], Math.fround(want.data[i]))) assert.fail(`${name}[${i}] = ${tensor.data[i]}, expected ${Math.fround(want.data[i])}`);
      }
    }
    assert.deepEqual(tensors.get('embeddings')!.shape, [n, 12]);
    assert.deepEqual(tensors.get('heads.2.wq')!.shape, [12, 5]);
    assert.deepEqual(tensors.get('wo')!.shape, [15, 12]);
    for (let h = 0; h < 3; h++) {
      const scaled = tensors.get(`heads.${h}.scaled`)!.data;
      const weights = tensors.get(`heads.${h}.weights`)!.data;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (j > i) {
            assert.equal(scaled[i * n + j], -Infinity, `heads.${h}.scaled[${i}][${j}] is masked`);
            assert.equal(weights[i * n + j], 0);
          } else assert.ok(Number.isFinite(scaled[i * n + j]));
        }
      }
    }
  });

  it('writes only the tensors --tensors names, in the schema order', () => {
    const { file, code, stdout, stderr } = runOut('some.safetensors', [...options, '--tensors', 'output,heads.*.weights', text]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^wrote 4 tensors/);
    const { tensors } = readSafetensors(readFileSync(file));
    assert.deepEqual([...tensors.keys()], ['heads.0.weights', 'heads.1.weights', 'heads.2.weights', 'output']);
    assert.deepEqual(Array.from(tensors.get('output')!.data), Array.from(expected.get('output')!.data, Math.fround));
  });

  it('prints the JSON as well with --json: the same object as without --out', () => {
    const { file, code, stdout, stderr } = runOut('both.safetensors', ['--json', ...options, text]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, run(['--json', ...options, text]).stdout);
    assert.equal(readSafetensors(readFileSync(file)).tensors.size, 34);
  });

  for (const [why, args, message] of [
    ['a --tensors pattern that matches nothing', ['--tensors', 'heads.*.weights,heads.*'], /--tensors "heads\.\*" matches no tensor; the names are embeddings, heads\.\{0…2\}\./],
    ['a head that does not exist', ['--tensors', 'heads.3.q'], /--tensors "heads\.3\.q" matches no tensor/],
    ['an empty --tensors entry', ['--tensors', 'output,'], /--tensors has an empty name/],
  ] as const) {
    it(`exits 2 and writes nothing for ${why}`, () => {
      const result = runOut('refused.safetensors', [...options, ...args, text]);
      assertRefused(result, message);
      assert.ok(!existsSync(result.file));
    });
  }

  it('exits 2 for --tensors without --out, and for --out to a file not named .safetensors', () => {
    assertRefused(run(['--tensors', 'output', 'x']), /--tensors selects what --out writes: give --out FILE\.safetensors too/);
    assertRefused(run(['--out', join(dir, 'x.json'), 'x']), /--out writes the safetensors format: name the file \*\.safetensors/);
    assert.ok(!existsSync(join(dir, 'x.json')));
  });

  for (const [why, target, message] of [
    ['into a folder that does not exist', () => join(dir, 'missing', 'a.safetensors'), /cannot write .*missing\/a\.safetensors: no such folder .*missing$/],
    ['onto a folder', () => (mkdirSync(join(dir, 'folder.safetensors'), { recursive: true }), join(dir, 'folder.safetensors')), /cannot write .*folder\.safetensors: it is a folder$/],
  ] as const) {
    it(`fails with one line, exit 1 and no file, writing ${why}`, () => {
      const before = readdirSync(dir);
      const file = target();
      const { code, stdout, stderr } = run([...options, '--out', file, text]);
      assert.equal(code, 1, stderr);
      assert.equal(stdout, '');
      assert.match(stderr.trim(), message);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
      assert.doesNotMatch(stderr, /\bat .*\(.*:\d+:\d+\)/, 'no stack trace');
      assert.deepEqual(readdirSync(dir).filter((f) => !before.includes(f) && f !== 'folder.safetensors'), [], 'no file, no temporary file');
    });
  }

  /** The largest difference of two tensors, relative to max(1, |b|); −∞ must be where the other has it. */
  const worstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let worst = 0;
    for (let i = 0; i < b.length; i++) {
      if (b[i] === -Infinity || a[i] === -Infinity) assert.equal(a[i], b[i]);
      else worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
    }
    return worst;
  };

  it('computes 513 tokens and more with the WebAssembly kernels: every tensor, float32, within 1e-5 of the engine', () => {
    const long = words(600);
    const kernelsConfig = resolveConfig({ dModel: 16, heads: 2, mask: 'causal' });
    const { file, code, stderr } = runOut('kernels.safetensors', ['--d-model', '16', '--heads', '2', '--mask', 'causal', '--max-tokens', '2048', long]);
    assert.equal(code, 0, stderr);
    const { tensors } = readSafetensors(readFileSync(file));
    const reference = computeAttention(tokensToAnalyse(long, 2048).tokens, kernelsConfig);
    assert.deepEqual([...tensors.keys()], tensorNames(2));
    for (const want of attentionTensors(reference)) {
      const got = tensors.get(want.name)!;
      assert.deepEqual(got.shape, want.shape, want.name);
      assert.ok(worstDifference(got.data, want.data) <= 1e-5, `${want.name}: ${worstDifference(got.data, want.data)}`);
    }
    const weights = tensors.get('heads.1.weights')!.data;
    assert.ok(weights.some((w, i) => w !== Math.fround(reference.heads[1].weights.data[i])), 'not the engine rounded: the kernels computed it');
  });

  it('computes over 2,048 tokens blockwise: --out writes the tensors that are not N × N, and refuses the N × N ones by name', () => {
    const long = words(2100);
    const args = ['--d-model', '16', '--heads', '2', '--max-tokens', '16384'];
    const summary = run([...args, long]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.match(summary.stdout, /^2100 tokens, d_model 16, 2 heads/);
    assert.match(summary.stdout, /blockwise/);
    assertRefused(run([...args, '--out', join(dir, 'square.safetensors'), '--tensors', 'heads.*.weights', long]), /no N × N matrix is made, so heads\.0\.weights cannot be written/);
    const { file, code, stderr, ms } = runOut('blockwise.safetensors', [...args, long]);
    assert.equal(code, 0, stderr);
    const { tensors } = readSafetensors(readFileSync(file));
    assert.deepEqual([...tensors.keys()], tensorNames(2).filter((name) => !/\.(scores|scaled|weights)$/.test(name)));
    // Against the full computation by the reference, which is still possible at this size.
    const reference = computeAttention(tokensToAnalyse(long, 16384).tokens, resolveConfig({ dModel: 16, heads: 2 }));
    for (const want of attentionTensors(reference).filter((t) => tensors.has(t.name))) {
      assert.deepEqual(tensors.get(want.name)!.shape, want.shape, want.name);
      assert.ok(worstDifference(tensors.get(want.name)!.data, want.data) <= 1e-5, `${want.name}: ${worstDifference(tensors.get(want.name)!.data, want.data)}`);
    }
    assert.ok(ms < 30_000, `${ms} ms`);
  });

  it('writes what --json refuses as too large for a string', (t) => {
    // 1024 tokens, 8 heads of d_k 8: some 25 million numbers, over 500 MB of JSON, 100 MB of float32.
    const args = ['--d-model', '64', '--heads', '8', '--max-tokens', '1024'];
    assertRefused(run(['--json', ...args], words(1024)), /--out FILE\.safetensors instead of --json/);
    const file = join(dir, 'big.safetensors');
    const result = run([...args, '--out', file], words(1024));
    t.diagnostic(`--out on 1024 tokens: ${result.ms} ms`);
    assert.equal(result.code, 0, result.stderr);
    const size = statSync(file).size;
    const head = Buffer.alloc(64 * 1024); // the header only: the reader checks it against the file's size
    const fd = openSync(file, 'r');
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const header = parseSafetensorsHeader(head, size);
    const config = resolveConfig({ dModel: 64, heads: 8 });
    assert.equal(size - 8 - header.headerBytes, 4 * jsonNumberCount(1024, config), 'every number of the JSON schema, as 4 bytes');
    assert.deepEqual(header.tensors.get('heads.7.weights')?.shape, [1024, 1024]);
    rmSync(file);
  });

  it('is read the same by an independent reader: Python with numpy', (t) => {
    const python = process.env.PYTHON ?? 'python3';
    const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      t.skip(`no ${python} with numpy here (${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}): the independent reader was not run`);
      return;
    }
    const { file, code, stderr } = runOut('python.safetensors', [...options, text]);
    assert.equal(code, 0, stderr);
    // numpy only, from the format's description: u64 length, JSON header, raw little-endian float32.
    const script = `
import json, math, struct, sys
import numpy as np
data = open(sys.argv[1], 'rb').read()
(n,) = struct.unpack('<Q', data[:8])
raw = data[8:8 + n]
header = json.loads(raw.decode('utf-8'))
metadata = header.pop('__metadata__')
fin = lambda x: x if math.isfinite(x) else str(x)
tensors = {}
for name, info in header.items():
    begin, end = info['data_offsets']
    a = np.frombuffer(data, dtype='<f4', count=(end - begin) // 4, offset=8 + n + begin).reshape(info['shape'])
    tensors[name] = {'dtype': info['dtype'], 'shape': list(a.shape), 'sum': float(a[np.isfinite(a)].astype(np.float64).sum()),
                     'negInf': int(np.isneginf(a).sum()), 'first': fin(float(a.flat[0])), 'last': fin(float(a.flat[-1]))}
print(json.dumps({'n': n, 'padding': raw[len(raw.rstrip(b' ')):].decode(), 'size': len(data), 'metadata': metadata,
                  'tokens': json.loads(metadata['tokens']), 'names': list(header), 'tensors': tensors}))
`;
    const py = spawnSync(python, ['-c', script, file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(py.status, 0, py.stderr);
    const got = JSON.parse(py.stdout);
    t.diagnostic(`${python}: header of ${got.n} bytes, ${got.names.length} tensors`);
    assert.equal((8 + got.n) % 8, 0, 'data 8-byte aligned');
    assert.match(got.padding, /^ {0,7}$/);
    assert.deepEqual(got.names, tensorNames(3));
    assert.deepEqual(got.tokens.map((token: { text: string }) => token.text), engine.tokens.map((token) => token.text));
    assert.equal(got.metadata.version, version);
    for (const [name, want] of expected) {
      const tensor = got.tensors[name];
      const values = Array.from(want.data, Math.fround);
      const finite = values.filter(Number.isFinite);
      const sum = finite.reduce((a, b) => a + b, 0);
      assert.equal(tensor.dtype, 'F32');
      assert.deepEqual(tensor.shape, want.shape, name);
      assert.equal(tensor.first, values[0], `${name} first`);
      assert.equal(tensor.last, values[values.length - 1], `${name} last`);
      assert.equal(tensor.negInf, values.length - finite.length, `${name}: -Infinity count`);
      assert.ok(Math.abs(tensor.sum - sum) <= 1e-12 * finite.reduce((a, b) => a + Math.abs(b), 1), `${name}: sum ${tensor.sum}, expected ${sum}`);
    }
    assert.equal(got.tensors['heads.0.scaled'].negInf, (n * (n - 1)) / 2);
  });
});

describe('attention-explorer --model DIR', () => {
  const root = mkdtempSync(join(tmpdir(), 'attention-explorer-model-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const TEXT = { bert: '我去了银行。Attention heads!', gpt2: 'The attention of 银行.' } as const;

  /** A tiny model written to a folder of its own. */
  function modelDir(name: string, options: TinyModelOptions, change: (files: Record<string, Uint8Array>) => void = () => {}) {
    const model = tinyModel(options);
    const files = { ...model.files };
    change(files);
    const dir = join(root, name);
    writeModelFolder(dir, files);
    return { dir, model };
  }

  for (const options of [
    { type: 'bert', weights: 'safetensors', tokenizer: 'vocab' },
    { type: 'gpt2', weights: 'bin', tokenizer: 'tokenizer.json', prefix: true },
  ] as const satisfies readonly TinyModelOptions[]) {
    it(`prints the documented JSON for a ${options.type} folder: exact keys, rows summing to 1, the reference's values`, () => {
      const { dir, model } = modelDir(`json-${options.type}`, options);
      const text = TEXT[options.type];
      const { code, stdout, stderr } = run(['--model', dir, '--json', text]);
      assert.equal(code, 0, stderr);
      assert.equal(stderr, '');
      const json = JSON.parse(stdout);
      const { numLayers, numHeads, hiddenSize, vocabSize } = model.sizes;
      assert.deepEqual(Object.keys(json), ['model', 'tokens', 'layers', 'output']);
      assert.deepEqual(json.model, { type: options.type, layers: numLayers, heads: numHeads, hidden: hiddenSize, vocabSize });
      const n = json.tokens.length;
      for (const token of json.tokens) {
        assert.deepEqual(Object.keys(token), ['text', 'id', 'start', 'end', 'special']);
        if (token.start === null) {
          assert.equal(token.end, null);
          assert.equal(token.special, true, 'only a special token covers no text');
        } else {
          assert.ok(Number.isInteger(token.start) && token.start <= token.end && token.end <= text.length);
        }
      }
      assert.equal(json.layers.length, numLayers);
      const ids: number[] = json.tokens.map((t: { id: number }) => t.id);
      const reference = tinyModelReference(model, ids);
      json.layers.forEach((layer: { heads: { weights: number[][] }[] }, l: number) => {
        assert.deepEqual(Object.keys(layer), ['heads']);
        assert.equal(layer.heads.length, numHeads);
        layer.heads.forEach((head, h) => {
          assert.deepEqual(Object.keys(head), ['weights']);
          assert.deepEqual(shape(head.weights), [n, n]);
          assertRowsSumToOne(head.weights.flat(), n, `layer ${l} head ${h}`);
          assertClose(head.weights.flat(), reference.weights[l][h], `layer ${l} head ${h}`);
        });
      });
      assert.deepEqual(shape(json.output), [n, hiddenSize]);
      assertClose(json.output.flat(), reference.hidden, 'output');
    });
  }

  it('gives vocabulary pieces with UTF-16 offsets into the text, [CLS] and [SEP] with null offsets', () => {
    const { dir } = modelDir('offsets', { type: 'bert', weights: 'bin', tokenizer: 'tokenizer.json' });
    const text = '😀我去了银行。Attention!';
    const { code, stdout, stderr } = run(['--model', dir, '--json', text]);
    assert.equal(code, 0, stderr);
    const pieces = JSON.parse(stdout).tokens.map((t: { text: string; start: number | null; end: number | null }) => [t.text, t.start, t.end]);
    // 😀 is two UTF-16 units and not in the vocabulary: [UNK] over [0, 2).
    assert.deepEqual(pieces, [
      ['[CLS]', null, null], ['[UNK]', 0, 2], ['我', 2, 3], ['去', 3, 4], ['了', 4, 5], ['银', 5, 6], ['行', 6, 7], ['。', 7, 8],
      ['at', 8, 10], ['##ten', 10, 13], ['##tion', 13, 17], ['!', 17, 18], ['[SEP]', null, null],
    ]);
  });

  it('reads the text from stdin and prints a short summary', () => {
    const { dir } = modelDir('summary', { type: 'gpt2', weights: 'safetensors', tokenizer: 'vocab' });
    const { code, stdout, stderr } = run(['--model', dir], 'The attention of the river bank.\n');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^summary \(gpt2\): 2 layers, 4 heads, hidden size 32, vocabulary \d+; \d+ tokens/);
    assert.match(stdout, /"Ġat"\t\[4, 6\)/);
    assert.match(stdout, /layer 0: \d+ ".*" → \d+ ".*" {2}0\.\d{3}/);
    assert.match(stdout, /layer 1: /);
  });

  it('cuts the text to --max-tokens, [CLS] and [SEP] kept, and says so on stderr', () => {
    const { dir } = modelDir('truncate', { type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    const { code, stdout, stderr } = run(['--model', dir, '--json', '--max-tokens', '5', '我去了银行。']);
    assert.equal(code, 0, stderr);
    assert.deepEqual(JSON.parse(stdout).tokens.map((t: { text: string }) => t.text), ['[CLS]', '我', '去', '了', '[SEP]']);
    assert.equal(stderr, 'attention-explorer: the text has 8 tokens; the model read the first 5 (--max-tokens 5)\n');
  });

  for (const [why, make, message] of [
    ['a folder that is not a model', (files: Record<string, Uint8Array>) => delete files['config.json'], /^attention-explorer: This folder has no config\.json: it is not a Hugging Face model folder\n$/],
    ['an unsupported model_type', (files: Record<string, Uint8Array>) => (files['config.json'] = new TextEncoder().encode('{"model_type": "t5"}')), /config\.json: model_type "t5" is not supported/],
    ['a truncated weights file', (files: Record<string, Uint8Array>) => (files['model.safetensors'] = files['model.safetensors'].subarray(0, files['model.safetensors'].length - 1000)), /model\.safetensors: is truncated or damaged: the tensors cover \d+ bytes of data, the file has \d+/],
  ] as const) {
    it(`exits 2 with one line for ${why}`, () => {
      const { dir } = modelDir(why.replace(/\W+/g, '-'), { type: 'bert', weights: 'safetensors', tokenizer: 'vocab' }, make);
      assertRefused(run(['--model', dir, '--json', 'text']), message);
    });
  }

  it('exits 2 for a folder that does not exist, no text, and the built-in engine\'s options', () => {
    assertRefused(run(['--model', join(root, 'missing'), 'x']), /there is no folder .*missing/);
    const { dir } = modelDir('usage', { type: 'bert', weights: 'safetensors', tokenizer: 'vocab' });
    assertRefused(run(['--model', dir], ''), /no text to analyse/);
    assertRefused(run(['--model', dir, '--heads', '4', 'x']), /--heads is an option of the built-in engine/);
    assertRefused(run(['--model', dir, '--out', join(root, 'x.safetensors'), 'x']), /--out is an option of the built-in engine/);
  });
});
