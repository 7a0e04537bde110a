/**
 * Entry of the integration tests. VS Code's extension host (started with extensionTestsPath
 * pointing at the bundle of this file) calls run() and reports its outcome as the exit code.
 * Each *.test.ts is bundled next to this file as *.test.js; MOCHA_GREP narrows the run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * The extension host's console reaches the test runner mixed with the workbench's own log (and
 * VS Code does not let console be patched), so Mocha's report goes through this function, which
 * starts each line with the marker the runner passes in ATTENTION_EXPLORER_LOG_MARKER.
 */
function reportLine(...args: unknown[]): void {
  console.log((process.env.ATTENTION_EXPLORER_LOG_MARKER ?? '') + format(...args));
}

async function runMocha(): Promise<number> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  const testFiles = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  if (testFiles.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
  for (const name of testFiles) mocha.addFile(join(__dirname, name));
  return new Promise<number>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // TAP-style totals, which the repo's test script adds up like those of the other suites.
      reportLine(`# pass ${runner.stats?.passes ?? 0}`);
      reportLine(`# fail ${failures}`);
      // A grep that matches nothing must not look like a green run.
      if (runner.stats?.tests === 0) reject(new Error(`no integration tests ran (MOCHA_GREP=${process.env.MOCHA_GREP ?? ''})`));
      else resolve(failures);
    });
  });
}

export async function run(): Promise<void> {
  // Mocha's reporters print through Base.consoleLog (the console.log they found at load time).
  Mocha.reporters.Base.consoleLog = reportLine;
  try {
    const failures = await runMocha();
    if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  } catch (error) {
    reportLine(error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}
