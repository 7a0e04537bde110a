// Runs test/integration/*.test.ts with Mocha inside the extension host of a real VS Code
// (code-server), opened by Debian's Chromium through playwright-core. VS Code's smoke-test driver
// reads the extension and tests to load from the URL's `payload` and reports the tests' outcome
// through window.codeAutomationExit(code). Exits with that code.
//
//   node scripts/vscode/run-integration-tests.mjs [--grep PATTERN] [--extension-path DIR]
// --extension-path: test another copy of the extension (e.g. an unpacked .vsix) instead of this
// repo, which is then not built.
// env: CHROMIUM_PATH (default /usr/bin/chromium), INTEGRATION_TIMEOUT_MS (default 300000),
//      CODE_SERVER_VERBOSE=1 (also relay code-server's output and VS Code's log).
// Leaves in test-artifacts/: integration.log (Mocha's report, ending with TAP-style "# pass N" and
// "# fail N"), integration.png (screenshot), code-server.log and vscode.log (VS Code's own log).
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIntegrationTests } from './build-tests.mjs';
import { launchChromium } from './chromium.mjs';
import { startCodeServer } from './code-server.mjs';
import { ensureCodeServer } from './install-code-server.mjs';
import { buildExtension, LOG_MARKER, logRelay } from './steps.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(repo, 'test-artifacts');
const workspace = join(repo, 'sample-workspace');
const { values: options } = parseArgs({ options: { grep: { type: 'string' }, 'extension-path': { type: 'string' } } });
const extensionPath = options['extension-path'] ? resolve(options['extension-path']) : repo;
const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[integration ${elapsed()}] ${message}`);


/** The URL that makes VS Code's smoke-test driver load our extension and run our tests. */
function testUrl(server, testsEntry, environment) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsEntry)],
    ['extensionEnvironment', JSON.stringify(environment)],
  ];
  return `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  let server;
  let browser;
  let timer;
  const logs = logRelay(artifacts, Boolean(process.env.CODE_SERVER_VERBOSE));
  try {
    if (extensionPath === repo) {
      say('building the extension (npm run build)');
      buildExtension(repo);
    }
    const { entry: testsEntry, testFiles } = await buildIntegrationTests();
    say(`bundled ${testFiles.length} test file(s): ${testFiles.join(', ')}`);
    await ensureCodeServer();
    server = await startCodeServer({
      workspace,
      smokeTestDriver: true,
      logFile: join(artifacts, 'code-server.log'),
      onOutput: process.env.CODE_SERVER_VERBOSE ? (line) => console.log(`[code-server] ${line}`) : undefined,
    });
    say(`code-server is up at ${server.url}`);

    browser = await launchChromium();
    const { context, page } = browser;
    const exitCode = new Promise((resolve, reject) => {
      context.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))).catch(reject);
      context.on('close', () => reject(new Error('the browser closed before the tests finished')));
      timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    exitCode.catch(() => {}); // it may fail before we await it; the await below still sees the error
    await context.exposeFunction('codeAutomationLog', logs.relay);
    page.on('pageerror', (error) => console.log(`[browser pageerror] ${error.message}`));

    // A Hugging Face cache of the tests' own (empty until a test writes a model into it), never the user's.
    const hfCache = join(artifacts, 'hf-cache');
    rmSync(hfCache, { recursive: true, force: true });
    mkdirSync(hfCache, { recursive: true });
    const environment = { ATTENTION_EXPLORER_LOG_MARKER: LOG_MARKER, HF_HUB_CACHE: hfCache, ...(options.grep ? { MOCHA_GREP: options.grep } : {}) };
    await page.goto(testUrl(server, testsEntry, environment));
    say('VS Code opened in Chromium; waiting for the tests');
    const code = await exitCode;
    say(`tests finished with exit code ${code}`);
    return code;
  } catch (error) {
    say(`error: ${error.message}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.page.screenshot({ path: join(artifacts, 'integration.png') }).catch(() => {});
    await browser?.close();
    await server?.stop();
    await logs.close();
  }
}

process.exitCode = await main();
