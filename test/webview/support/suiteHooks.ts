/**
 * The hooks every browser test file needs: one Chromium harness for the file, and after each test
 * the checks of what a user would never see but must not happen: errors, CSP violations.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { PanelHarness, type PanelPage } from './panelPage';

export function usePanelHarness(file: {
  started(harness: PanelHarness): void;
  /** The page the test opened, if any; the hooks close it. */
  current(): PanelPage | undefined;
  closed(): void;
}): void {
  let harness: PanelHarness | undefined;
  before(async () => {
    harness = await PanelHarness.start();
    file.started(harness);
  });
  after(async () => {
    await harness?.stop();
  });
  afterEach(async () => {
    const panel = file.current();
    if (!panel) return;
    const violations = await panel.cspViolations();
    const problems = panel.problems;
    await panel.close();
    file.closed();
    assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
    assert.deepEqual(problems, [], 'no console errors, uncaught exceptions or dialogs');
  });
}
