/**
 * Entry of the integration tests in VS Code for the Web, whose extension host is a web worker: no
 * file system to find the test files in and no Node, so this uses Mocha's browser build and gets
 * the same test/integration/*.test.ts files bundled in (scripts/vscode-web/build-tests.mjs).
 * The extension host calls run() and reports its outcome as the exit code.
 */
import 'mocha/mocha.js';
import { loadTestFiles } from 'attention-explorer:integration-tests';
import { reportLine, runReported } from '../mochaReport';

export function run(): Promise<void> {
  return runReported(Mocha.reporters.Base, () => {
    mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
    if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
    // After setup: the test files call the describe/it that setup made global.
    const testFiles = loadTestFiles();
    reportLine(`${testFiles.length} test file(s): ${testFiles.join(', ')}`);
    return mocha;
  });
}
