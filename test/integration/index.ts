/**
 * Entry of the integration tests in the Node extension host. VS Code (started with
 * extensionTestsPath pointing at the bundle of this file) calls run() and reports its outcome as
 * the exit code. Each *.test.ts is bundled next to this file as *.test.js; MOCHA_GREP narrows the run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { runReported } from './mochaReport';

export function run(): Promise<void> {
  return runReported(Mocha.reporters.Base, () => {
    const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
    if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
    const testFiles = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
    if (testFiles.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
    for (const name of testFiles) mocha.addFile(join(__dirname, name));
    return mocha;
  });
}
