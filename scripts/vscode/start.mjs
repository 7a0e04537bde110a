// `npm start`: builds the extension and opens sample-workspace/ in a real VS Code (code-server) with
// the extension loaded straight from this repo (linked into a fresh extensions folder, so a rebuild
// plus "Developer: Reload Window" picks up changes). Prints the URL; Ctrl+C stops everything.
//
//   PORT=8080 npm start        (default: a free port)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './code-server.mjs';
import { ensureCodeServer } from './install-code-server.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

console.log('[start] building the extension (npm run build)…');
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('[start] the build failed: fix it and run npm start again.');
  process.exit(1);
}
await ensureCodeServer();

const server = await startCodeServer({
  workspace: join(repo, 'sample-workspace'),
  linkExtension: repo,
  onOutput: process.env.CODE_SERVER_VERBOSE ? (line) => console.log(`[code-server] ${line}`) : undefined,
}).catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});

console.log(`[start] VS Code is ready after ${seconds()}: open ${server.url}`);
console.log('[start] select a sentence, F1, "Attention Explorer: Show Attention". Ctrl+C stops VS Code.');

let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${signal}: stopping code-server (process group ${server.pid})…`);
  await server.stop();
  console.log('[start] stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
