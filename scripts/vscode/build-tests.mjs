// Bundles the integration tests for VS Code's extension host: test/integration/index.ts (which
// runs Mocha, bundled in) and each test/integration/*.test.ts as its own file, which index.js finds
// and hands to Mocha. Output: dist/test/integration/. `vscode` stays external: the host provides it.
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const testsSource = join(repo, 'test', 'integration');
export const testsOutput = join(repo, 'dist', 'test', 'integration');
/** What VS Code's extensionTestsPath points at. */
export const testsEntry = join(testsOutput, 'index.js');

export async function buildIntegrationTests() {
  const testFiles = readdirSync(testsSource).filter((name) => name.endsWith('.test.ts'));
  if (testFiles.length === 0) throw new Error(`no *.test.ts files in ${testsSource}`);
  // Start clean so that a deleted test file does not keep running from an old bundle.
  rmSync(testsOutput, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(testsSource, 'index.ts'), ...testFiles.map((name) => join(testsSource, name))],
    outdir: testsOutput,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // Mocha's parallel mode (never used here) resolves files of its own at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return { entry: testsEntry, testFiles };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { testFiles } = await buildIntegrationTests();
  console.log(`[build-tests] ${testFiles.length} test file(s) -> ${testsOutput}`);
}
