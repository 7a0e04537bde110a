// Bundles the integration tests for VS Code for the Web, whose extension host is a web worker:
// test/integration/web/index.ts (Mocha's browser build) with every test/integration/*.test.ts in
// one file, dist/test/web/index.js. `vscode` stays external: the host provides it. The tests'
// node:assert/strict and node:util become browserify's polyfills (installed by install.mjs into
// the cache), and `process` the shim in test/integration/web/process-shim.ts, whose `env` is fixed
// here at bundle time (the web host has no environment to pass).
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureVSCodeWeb } from './install.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const testsSource = join(repo, 'test', 'integration');
const webSource = join(testsSource, 'web');
export const webTestsOutput = join(repo, 'dist', 'test', 'web');
/** What test-web's extensionTestsPath points at (it must lie inside the extension's folder). */
export const webTestsEntry = join(webTestsOutput, 'index.js');

const TEST_FILES_MODULE = 'attention-explorer:integration-tests';

/** The module index.ts imports to evaluate the test files once Mocha's globals exist. */
function testFilesPlugin(testFiles) {
  return {
    name: 'integration-test-files',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${TEST_FILES_MODULE}$`) }, () => ({ path: TEST_FILES_MODULE, namespace: 'test-files' }));
      build.onLoad({ filter: /.*/, namespace: 'test-files' }, () => ({
        contents: [
          'export function loadTestFiles() {',
          ...testFiles.map((name) => `  require(${JSON.stringify(join(testsSource, name))});`),
          `  return ${JSON.stringify(testFiles)};`,
          '}',
        ].join('\n'),
        resolveDir: testsSource,
        loader: 'js',
      }));
    },
  };
}

/** node:assert, node:assert/strict and node:util as the polyfills in the cache's node_modules. */
function nodePolyfillsPlugin(nodeModules) {
  return {
    name: 'node-polyfills',
    setup(build) {
      build.onResolve({ filter: /^(node:)?assert\/strict$/ }, () => ({ path: 'assert/strict', namespace: 'polyfill' }));
      build.onLoad({ filter: /.*/, namespace: 'polyfill' }, () => ({
        contents: "module.exports = require('assert').strict;",
        resolveDir: nodeModules,
        loader: 'js',
      }));
      build.onResolve({ filter: /^node:(assert|util)$/ }, (args) =>
        build.resolve(args.path.slice('node:'.length), { kind: args.kind, resolveDir: nodeModules }),
      );
    },
  };
}

/**
 * Mocha's browser build, mocha/mocha.js, is a UMD script inside a `"type": "module"` package, so
 * esbuild would inline it as an ES module, where its `module.exports = factory()` branch hits our
 * bundle's own module and replaces the run() export with Mocha. Loaded from outside the package
 * it counts as CommonJS and gets a module of its own (it also sets globalThis.mocha either way).
 */
function mochaBrowserBuildPlugin() {
  return {
    name: 'mocha-browser-build',
    setup(build) {
      build.onResolve({ filter: /^mocha\/mocha\.js$/ }, (args) => ({
        path: createRequire(join(args.resolveDir, 'index.js')).resolve(args.path),
        namespace: 'mocha-browser-build',
      }));
      build.onLoad({ filter: /.*/, namespace: 'mocha-browser-build' }, (args) => ({
        contents: readFileSync(args.path, 'utf8'),
        resolveDir: dirname(args.path),
        loader: 'js',
      }));
    },
  };
}

/**
 * @param {{ env?: Record<string, string> }} [options] env: what the tests see as process.env
 * @returns {Promise<{ entry: string, testFiles: string[] }>}
 */
export async function buildWebIntegrationTests({ env = {} } = {}) {
  const testFiles = readdirSync(testsSource).filter((name) => name.endsWith('.test.ts')).sort();
  if (testFiles.length === 0) throw new Error(`no *.test.ts files in ${testsSource}`);
  const { nodeModules } = await ensureVSCodeWeb({ quiet: true }); // the polyfills live there
  rmSync(webTestsOutput, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(webSource, 'index.ts')],
    outfile: webTestsEntry,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode'],
    nodePaths: [nodeModules],
    inject: [join(webSource, 'process-shim.ts')],
    define: { ATTENTION_EXPLORER_TEST_ENV: JSON.stringify(JSON.stringify(env)), global: 'globalThis' },
    plugins: [testFilesPlugin(testFiles), nodePolyfillsPlugin(nodeModules), mochaBrowserBuildPlugin()],
    logLevel: 'warning',
  });
  return { entry: webTestsEntry, testFiles };
}

/**
 * test/support/hubControlServer.ts bundled for Node, for the runner to start: the hub stand-in
 * needs Node's http, which the web worker the tests run in does not have.
 * @returns {Promise<string>} the bundle's path (an ES module exporting startHubControlServer)
 */
export async function buildHubControlServer() {
  const outfile = join(repo, 'dist', 'test', 'web-hub', 'hubControlServer.mjs');
  await esbuild.build({
    entryPoints: [join(repo, 'test', 'support', 'hubControlServer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { testFiles } = await buildWebIntegrationTests();
  console.log(`[build-web-tests] ${testFiles.length} test file(s) -> ${webTestsEntry}`);
}
