// Bundles every entry point with esbuild: the extension for the Node and the web extension host,
// each with its attention worker, the CLI, and the webview app. `--watch` rebuilds on change; `--production` minifies.
import { chmodSync, rmSync } from 'node:fs';
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
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
