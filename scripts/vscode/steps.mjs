// Small steps shared by the installers and test runners of both VS Code routes (code-server and
// VS Code for the Web): timed steps, exact-version npm installs into a cache, the tests' log relay.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { format } from 'node:util';

/** Runs a command, throwing with its name and exit status when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** `npm run build` in the repo: every runner tests the extension as it is now. */
export function buildExtension(repo) {
  run('npm', ['run', '--silent', 'build'], { cwd: repo });
}

/** Sends a signal to a whole process group; a group already gone is fine. */
export function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs one install step and says how long it took, each line starting with `tag`. */
export async function timed(tag, label, step) {
  const started = performance.now();
  console.log(`[${tag}] ${label}…`);
  const value = await step();
  console.log(`[${tag}] ${label}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

/** Installs exact versions into a cache prefix, never into the repo's own package.json. */
export function npmInstall(prefix, specs, env = process.env) {
  mkdirSync(prefix, { recursive: true });
  run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--save-exact', ...specs], { env });
}

/** Where the tests' marker line goes in the log that VS Code passes to window.codeAutomationLog. */
export const LOG_MARKER = '\u2063[tests] ';

/**
 * Sends the tests' report (lines that start with LOG_MARKER) to our stdout and integration.log in
 * `artifacts`, everything else VS Code logs to vscode.log (and to stdout too when `verbose`).
 */
export function logRelay(artifacts, verbose) {
  const testsLog = createWriteStream(join(artifacts, 'integration.log'));
  const vscodeLog = createWriteStream(join(artifacts, 'vscode.log'));
  const relay = (level, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (text.startsWith(LOG_MARKER)) {
      console.log(text.slice(LOG_MARKER.length));
      testsLog.write(`${text.slice(LOG_MARKER.length)}\n`);
    } else {
      vscodeLog.write(`[${level}] ${text}\n`);
      if (verbose) console.log(`[vscode ${level}] ${text}`);
    }
  };
  const close = () => Promise.all([testsLog, vscodeLog].map((stream) => new Promise((done) => stream.end(done))));
  return { relay, close };
}
