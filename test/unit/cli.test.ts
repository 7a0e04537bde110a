import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';

// The CLI as users run it: the bundle that package.json's "bin" points at.
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

function run(args: string[], input?: string) {
  assert.ok(existsSync(cli), 'dist/cli.js exists: run `npm run build` first');
  const result = spawnSync(process.execPath, [cli, ...args], { input: input ?? '', encoding: 'utf8', maxBuffer: 256 << 20 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

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
    ['more tokens than the limit', ['--max-tokens', '3', 'one two three four'], '', /4 tokens, more than the limit of 3/],
  ] as const) {
    it(`exits 2 with a one-line message for ${why}`, () => {
      const { code, stdout, stderr } = run([...args], input);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
      assert.doesNotMatch(stderr, /\bat .*\(.*:\d+:\d+\)/, 'no stack trace');
    });
  }
});
