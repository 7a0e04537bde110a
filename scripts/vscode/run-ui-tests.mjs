// Runs the UI tests (test/ui/*.test.ts) with node's test runner: each file opens a real VS Code
// workbench in headless Chromium and does what a person does (Quick Open, selections, the command
// palette, hovers, the side bar) and checks what a person sees, webviews included. code-server is
// started here once for the whole suite, with the extension linked in, and always stopped.
//
//   node scripts/vscode/run-ui-tests.mjs [test/ui/one.test.ts ...]   (default: every test/ui/*.test.ts)
// env: CHROMIUM_PATH (default /usr/bin/chromium), UI_TIMEOUT_MS (whole suite, default 420000),
//      CODE_SERVER_VERBOSE=1 (relay code-server's output).
// Leaves in test-artifacts/: ui.tap (TAP report ending with "# pass N" and "# fail N"),
// ui/*.png (a screenshot of the whole workbench at each step) and ui/code-server.log.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './code-server.mjs';
import { ensureCodeServer } from './install-code-server.mjs';
import { buildExtension, killGroup } from './steps.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(repo, 'test-artifacts');
const screenshots = join(artifacts, 'ui');
/** The README's screenshots (test/ui/support/readmeShots.ts), and where the README shows them from (docs/: not packaged). */
const readmeShots = join(screenshots, 'readme');
const publishedShots = join(repo, 'docs', 'screenshots');
const workspace = join(repo, 'sample-workspace');
const suiteTimeoutMs = Number(process.env.UI_TIMEOUT_MS ?? 900_000);
/** One test may open a workbench and wait on it several times, on a loaded 2-core machine. */
const TEST_TIMEOUT_MS = 180_000;
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[ui ${elapsed()}] ${message}`);

/** After tests that passed: the README's screenshots they made replace the published ones, so these are always current. */
function publishReadmeShots() {
  if (!existsSync(readmeShots)) return;
  const names = readdirSync(readmeShots).filter((name) => name.endsWith('.png'));
  mkdirSync(publishedShots, { recursive: true });
  for (const name of names) copyFileSync(join(readmeShots, name), join(publishedShots, name));
  if (names.length > 0) say(`${names.length} README screenshot(s) copied to ${relative(repo, publishedShots)}/`);
}

function testFiles() {
  const named = process.argv.slice(2);
  if (named.length > 0) return named.map((file) => relative(repo, resolve(file)));
  const folder = join(repo, 'test', 'ui');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => join('test', 'ui', name));
}



/**
 * node --test over the files, in its own process group: on a timeout or Ctrl+C the whole group is
 * ended (SIGTERM makes Playwright close the browsers it launched; SIGKILL follows if needed).
 */
function runTests(files, url) {
  const args = [
    '--import', 'tsx',
    '--test',
    '--test-concurrency=1', // one workbench at a time: two cores
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${join(artifacts, 'ui.tap')}`,
    ...files,
  ];
  const child = spawn(process.execPath, args, {
    cwd: repo,
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, ATTENTION_EXPLORER_UI_URL: url },
  });
  const exited = new Promise((done) => {
    child.on('error', (error) => {
      say(`could not start the test runner: ${error.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    killGroup(child.pid, 'SIGTERM');
    const gone = await Promise.race([exited.then(() => true), sleep(10_000, false, { ref: false })]);
    if (!gone) killGroup(child.pid, 'SIGKILL');
  };
  return { exited, stop };
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  rmSync(screenshots, { recursive: true, force: true }); // no stale screenshots from an earlier run
  mkdirSync(screenshots, { recursive: true });
  let server;
  let tests;
  let timer;
  let interrupted = false;
  let timedOut = false;
  const interrupt = (signal) => {
    interrupted = true;
    say(`${signal}: stopping`);
    void tests?.stop();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, interrupt);
  try {
    say('building the extension (npm run build)');
    buildExtension(repo);
    await ensureCodeServer();
    // The tests' own Hugging Face cache, inherited by code-server's extension host and by the tests
    // (test/ui/models.test.ts puts a model there): never the user's.
    process.env.HF_HUB_CACHE = join(artifacts, 'ui-hf-cache');
    rmSync(process.env.HF_HUB_CACHE, { recursive: true, force: true });
    mkdirSync(process.env.HF_HUB_CACHE, { recursive: true });
    server = await startCodeServer({
      workspace,
      linkExtension: repo,
      logFile: join(screenshots, 'code-server.log'),
      onOutput: process.env.CODE_SERVER_VERBOSE ? (line) => console.log(`[code-server] ${line}`) : undefined,
    });
    say(`code-server is up at ${server.url}`);
    if (interrupted) return 130;
    const files = testFiles();
    say(`running ${files.length} file(s): ${files.join(', ')}`);
    tests = runTests(files, `${server.url}/?folder=${encodeURIComponent(workspace)}`);
    timer = setTimeout(() => {
      timedOut = true;
      say(`the suite did not finish within ${suiteTimeoutMs / 1000} s: stopping it`);
      void tests.stop();
    }, suiteTimeoutMs);
    const code = await tests.exited;
    say(`tests finished with exit code ${code}; screenshots in ${relative(repo, screenshots)}/`);
    if (code === 0 && !interrupted && !timedOut) publishReadmeShots();
    return interrupted ? 130 : timedOut ? 1 : code;
  } catch (error) {
    say(`error: ${error.message}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await tests?.stop();
    await server?.stop();
    for (const signal of signals) process.off(signal, interrupt);
    say('code-server stopped');
  }
}

process.exitCode = await main();
