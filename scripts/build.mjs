// Compiles the WebAssembly kernels (AssemblyScript), then bundles every entry point with esbuild:
// the extension for the Node and the web extension host, each with its attention worker, the CLI,
// and the webview app. `--watch` rebuilds on change; `--production` minifies.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, watch as watchFiles, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

/**
 * Makes an output executable after every build, watch rebuilds included. esbuild creates files
 * without the execute bit (a fresh clone, or after --production empties dist/) and keeps the mode
 * of a file it overwrites; npx links "bin" once and does not fix the mode again, so it then answers
 * "Permission denied".
 * @param {string} file
 * @returns {esbuild.Plugin}
 */
const executable = (file) => ({
  name: 'executable',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0) chmodSync(file, 0o755);
    });
  },
});

/**
 * The float32 kernels (src/kernels/assembly/kernels.ts) → WebAssembly with 128-bit SIMD, written as
 * base64 into src/common/kernels/wasmBinary.js (a build output, not in git), which every bundle
 * imports like any module, and tsx (tests, benchmarks) too, with no loader to configure.
 * AssemblyScript because it installs from npm alone (`npm ci`: no apt package, no native
 * toolchain) and has the v128/f32x4 intrinsics. No runtime or GC (`--runtime stub`): the
 * TypeScript side lays out the module's memory. Skipped, in a few milliseconds, when the
 * sources (every .ts of src/kernels/assembly: kernels.ts imports the others), the compiler's
 * version and the flags are those the output was made from.
 */
const KERNELS_DIR = 'src/kernels/assembly';
const KERNELS_SOURCE = `${KERNELS_DIR}/kernels.ts`;
const KERNELS_OUTPUT = 'src/common/kernels/wasmBinary.js';
const ASC_FLAGS = ['--optimizeLevel', '3', '--shrinkLevel', '0', '--noAssert', '--runtime', 'stub', '--enable', 'simd'];

async function compileKernels() {
  const ascVersion = JSON.parse(readFileSync('node_modules/assemblyscript/package.json', 'utf8')).version;
  const sources = readdirSync(KERNELS_DIR).filter((name) => name.endsWith('.ts')).sort().map((name) => `${name}\0${readFileSync(`${KERNELS_DIR}/${name}`, 'utf8')}`);
  const key = createHash('sha256').update([...sources, ascVersion, ...ASC_FLAGS].join('\0')).digest('hex');
  const stamp = `// source ${key}`;
  if (existsSync(KERNELS_OUTPUT) && readFileSync(KERNELS_OUTPUT, 'utf8').startsWith(stamp)) return;
  /** @type {Uint8Array | undefined} */
  let binary;
  // Loaded only when needed: the compiler (binaryen) takes a second to load.
  const { default: asc } = await import('assemblyscript/asc');
  const { error, stderr } = await asc.main([KERNELS_SOURCE, '--outFile', 'kernels.wasm', ...ASC_FLAGS], {
    writeFile: (name, contents) => {
      if (name.endsWith('.wasm')) binary = contents;
    },
  });
  if (error || !binary) throw new Error(`AssemblyScript failed to compile ${KERNELS_SOURCE}:\n${stderr.toString()}`);
  const base64 = Buffer.from(binary).toString('base64');
  writeFileSync(KERNELS_OUTPUT, `${stamp}\n// Written by scripts/build.mjs from ${KERNELS_SOURCE} (asc ${ascVersion} ${ASC_FLAGS.join(' ')}): do not edit.\nexport const wasmBase64 = '${base64}';\n`);
}

await compileKernels();

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', attentionWorker: 'src/worker/attentionWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    // The web extension host (vscode.dev): no Node APIs; the engine runs in a web worker.
    ...common,
    entryPoints: { extension: 'src/extension.web.ts' },
    outdir: 'dist/web',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { attentionWorker: 'src/worker/attentionWebWorker.ts' },
    outdir: 'dist/web',
    platform: 'browser',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [executable('dist/cli.js')],
  },
  {
    ...common,
    entryPoints: {
      main: 'webview/src/attention/main.ts',
      styles: 'webview/src/attention/styles.css',
      reader: 'webview/src/reader/main.ts',
      'reader-styles': 'webview/src/reader/reader.css',
      contexts: 'webview/src/contexts/main.ts',
      'contexts-styles': 'webview/src/contexts/contexts.css',
    },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
  },
];

// A release build starts clean, so no stale bundle or source map ends up in the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  // A change to the kernels' source rewrites wasmBinary.js, which esbuild's watch then picks up.
  let compiling = Promise.resolve();
  watchFiles(dirname(KERNELS_SOURCE), (_, file) => {
    if (file?.endsWith('.ts')) compiling = compiling.then(compileKernels).catch((error) => console.error(error.message));
  });
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
