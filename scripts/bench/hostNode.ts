/**
 * The benchmark's rows in the Node that runs VS Code's extension host, beside those of the Node
 * that runs the benchmark: the extension's kernels run in the former (code-server's Node 24, as
 * `npm test` and `npm start` install it; Electron's in a desktop VS Code), the CLI in the latter,
 * and their V8s compile the same WebAssembly differently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { installLayout } from '../vscode/install-code-server.mjs';

/** The extension host's Node, when it is installed and is not the one running now. */
export function extensionHostNode(): { path: string; version: string } | undefined {
  const path = installLayout().nodeBin;
  if (!existsSync(path)) return undefined;
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  return version && version !== process.version ? { path, version } : undefined;
}

/** This script, run by `node` with `args`, its stdout parsed as JSON (its stderr passed through). */
export function runScriptIn<T>(node: string, script: string, args: readonly string[]): T {
  const result = spawnSync(node, ['--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`${node} ${script} exited with ${result.status ?? result.signal}`);
  return JSON.parse(result.stdout) as T;
}
