/**
 * How both integration entries (Node extension host: index.ts; web worker: web/index.ts) report.
 * The extension host's console reaches the runner mixed with the workbench's own log (and VS Code
 * does not let console be patched), so each line of Mocha's report starts with the marker the
 * runner passes in ATTENTION_EXPLORER_LOG_MARKER.
 */
import { format } from 'node:util';

export function reportLine(...args: unknown[]): void {
  console.log((process.env.ATTENTION_EXPLORER_LOG_MARKER ?? '') + format(...args));
}

interface RunnableMocha {
  run(done: (failures: number) => void): { stats?: { tests: number; passes: number } };
}

/**
 * Runs the suite, prints TAP-style totals (which the repo's test script adds up like those of the
 * other suites) and throws when a test failed or none ran: a grep that matches nothing is not green.
 */
export async function runReported(reporterBase: { consoleLog: (...args: unknown[]) => void }, start: () => RunnableMocha): Promise<void> {
  // Mocha's reporters print through Base.consoleLog (the console.log they found at load time).
  reporterBase.consoleLog = reportLine;
  try {
    const failures = await new Promise<number>((resolve, reject) => {
      const runner = start().run((failed) => {
        reportLine(`# pass ${runner.stats?.passes ?? 0}`);
        reportLine(`# fail ${failed}`);
        if (runner.stats?.tests === 0) reject(new Error(`no integration tests ran (MOCHA_GREP=${process.env.MOCHA_GREP ?? ''})`));
        else resolve(failed);
      });
    });
    if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  } catch (error) {
    reportLine(error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}
