import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { estimatedJsonChars, jsonNumberCount } from '../../src/cli/jsonSize';
import { resolveConfig } from '../../src/common/attention/config';

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
    ['more tokens than the limit', ['--max-tokens', '3', 'one two three four'], '', /more tokens than the limit of 3 \(raise it with --max-tokens, up to 2048\)/],
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
    assertRefused(result, /JSON for 1024 tokens would be about \d+ MB, more than the \d+ MB .* fewer tokens, or a smaller --d-model or --heads/);
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
