/**
 * Entry of the integration tests in VS Code for the Web, whose extension host is a web worker: no
 * file system to find the test files in and no Node, so this uses Mocha's browser build and gets
 * the same test/integration/*.test.ts files bundled in (scripts/vscode-web/build-tests.mjs).
 * The extension host calls run() and reports its outcome as the exit code.
 */
import 'mocha/mocha.js';
import { format } from 'node:util';
import { loadTestFiles } from 'attention-explorer:integration-tests';

/**
 * Mocha's report goes to the runner through the workbench's log, mixed with VS Code's own, so each
 * line starts with the marker the runner puts in ATTENTION_EXPLORER_LOG_MARKER (as in ../index.ts).
 */
function reportLine(...args: unknown[]): void {
  console.log((process.env.ATTENTION_EXPLORER_LOG_MARKER ?? '') + format(...args));
}

function runMocha(): Promise<number> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  // After setup: the test files call the describe/it that setup made global.
  const testFiles = loadTestFiles();
  reportLine(`${testFiles.length} test file(s): ${testFiles.join(', ')}`);
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
