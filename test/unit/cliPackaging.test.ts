/**
 * The CLI the two ways users get it: `npx attention-explorer` in a clone after `npm run build`,
 * and the "bin" of the packed package installed globally. Offline: nothing is downloaded.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const repo = new URL('../..', import.meta.url).pathname;
const cli = join(repo, 'dist/cli.js');

/** Runs a command to success; its output, or a failure that shows what it printed. */
function ok(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { cwd: repo, encoding: 'utf8', timeout: 60_000, ...options });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} exited ${result.status}:\n${String(result.stdout)}\n${String(result.stderr)}`);
  return String(result.stdout);
}

const npx = (...args: string[]) => ok('npx', ['--yes', '--offline', 'attention-explorer', ...args]);

describe('the attention-explorer bin', () => {
  it('runs through npx after every rebuild', () => {
    // npx links the bin, and makes it executable, only the first time it meets it; later runs
    // reuse that link, so a build that leaves dist/cli.js without the execute bit breaks them.
    npx('我去了银行。');
    chmodSync(cli, 0o644); // what esbuild gives a file it creates, and keeps on one it overwrites
    for (let build = 1; build <= 2; build++) {
      ok('npm', ['run', '--silent', 'build']);
      assert.equal(statSync(cli).mode & 0o111, 0o111, `build ${build} leaves dist/cli.js executable`);
      const stdout = npx('我去了银行。');
      assert.match(stdout, /^4 tokens, d_model 512/);
      assert.match(stdout, /"银行"\t\[3, 5\)/);
    }
  });

  it('is in the packed package and runs once that is installed globally', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attention-explorer-pack-'));
    try {
      const [packed] = JSON.parse(ok('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir]));
      const bin = packed.files.find((file: { path: string }) => file.path === 'dist/cli.js');
      assert.ok(bin, 'npm pack includes dist/cli.js');
      assert.equal(bin.mode & 0o111, 0o111, 'packed executable');

      // The tarball itself, as a user installs it: the package has no run-time dependencies
      // (everything is bundled), so npm needs nothing from the registry.
      const prefix = join(dir, 'prefix');
      ok('npm', ['install', '--global', '--prefix', prefix, join(dir, packed.filename), '--offline', '--ignore-scripts', '--no-audit', '--no-fund']);

      const json = JSON.parse(ok(join(prefix, 'bin/attention-explorer'), ['--json', '--d-model', '16', '--heads', '2', '我去了银行。'], { cwd: dir }));
      assert.deepEqual(json.tokens[0], { text: '我', start: 0, end: 1 });
      assert.deepEqual(json.config, { dModel: 16, heads: 2, dK: 8, seed: 42, mask: 'none', positional: 'none' });
      assert.equal(json.heads.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
