/** The built command line (dist/cli.js, `npm run build`), run as a user runs it: what the UI tests compare the panel with. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

/** Its standard output; fails the test when it exits with an error. */
export function runCli(args: readonly string[]): string {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}
