// Starts a real VS Code (code-server) in its own process group, with its own config, user data and
// extensions folders in a fresh temp folder, and returns { url, port, stop }. Shared by `npm start`
// (scripts/vscode/start.mjs) and the integration tests (scripts/vscode/run-integration-tests.mjs).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureCodeServer } from './install-code-server.mjs';
import { killGroup } from './steps.mjs';

/** Settings that keep a throw-away VS Code quiet and offline-friendly. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'github.gitAuthentication': false,
  'git.autoRepositoryDetection': false,
  // Git's "open the parent repository?" prompt would cover the panels in screenshots.
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  // The models the integration tests generate in the workspace are theirs, not the reader's (nor the screenshots').
  'files.exclude': { '**/.test-models': true },
};

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True while any process of the group led by `pgid` is alive. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}


async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it answered ${url}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Makes VS Code load the extension straight from its folder, as if installed. (Development mode,
 * --extensionDevelopmentPath, is not a code-server option: in the browser it comes only from a
 * `payload` URL parameter, which needs the smoke-test driver; a link works with the plain URL and
 * survives reloads, and "Developer: Reload Window" picks up a rebuild.)
 */
function linkExtensionFolder(folder, extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  symlinkSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

/**
 * @param {object} options
 * @param {string} options.workspace folder to open
 * @param {string} [options.linkExtension] extension folder to load, linked into the extensions folder
 * @param {boolean} [options.smokeTestDriver] let `?payload=` run extension tests (integration tests)
 * @param {number} [options.port] default: $PORT, else a free port
 * @param {(line: string) => void} [options.onOutput] receives code-server's stdout/stderr lines
 * @param {string} [options.logFile] also write code-server's output there
 * @param {number} [options.startTimeoutMs]
 * @returns {Promise<{ url: string, port: number, dataDir: string, pid: number, stop: () => Promise<void> }>}
 */
export async function startCodeServer({
  workspace,
  linkExtension,
  smokeTestDriver = false,
  port,
  onOutput,
  logFile,
  startTimeoutMs = 60_000,
}) {
  const layout = await ensureCodeServer({ quiet: true });
  const chosenPort = port ?? (process.env.PORT ? Number(process.env.PORT) : await freePort());
  if (!Number.isInteger(chosenPort) || chosenPort <= 0 || chosenPort > 65535) {
    throw new Error(`PORT must be a TCP port number, got "${port ?? process.env.PORT}"`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'attention-explorer-vscode-'));
  const configFile = join(dataDir, 'config.yaml');
  const userDataDir = join(dataDir, 'user-data');
  const extensionsDir = join(dataDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${chosenPort}\nauth: none\ncert: false\n`);
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  if (linkExtension) linkExtensionFolder(linkExtension, extensionsDir);

  const args = [
    layout.codeServerEntry,
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    workspace,
  ];
  // detached: a new session and process group, so that stop() can end code-server and every
  // process it started (extension host, pty host, file watcher) with one signal.
  const child = spawn(layout.nodeBin, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(chosenPort) },
  });
  let spawnError;
  child.on('error', (error) => (spawnError = error));
  const pgid = child.pid;
  const log = logFile ? createWriteStream(logFile) : undefined;
  const lastLines = []; // shown if it fails to start
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      log?.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        onOutput?.(line);
        lastLines.push(line);
        if (lastLines.length > 20) lastLines.shift();
      }
    });
  }
  // Last resort if our own process dies without calling stop(): never leave code-server behind.
  const killOnExit = () => killGroup(pgid, 'SIGKILL');
  process.on('exit', killOnExit);

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      killGroup(pgid, 'SIGTERM');
      for (let waited = 0; waited < 5000 && groupAlive(pgid); waited += 100) await sleep(100);
      if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
      for (let waited = 0; waited < 2000 && groupAlive(pgid); waited += 100) await sleep(100);
      process.off('exit', killOnExit);
      await new Promise((resolve) => (log ? log.end(resolve) : resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${chosenPort}`;
  try {
    if (spawnError || pgid === undefined) throw new Error(`${layout.nodeBin} could not start: ${spawnError?.message}`);
    await waitForHealth(`${url}/healthz`, child, startTimeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\ncode-server's last output:\n${lastLines.join('\n')}`, { cause: error });
  }
  return { url, port: chosenPort, dataDir, pid: pgid, stop };
}
