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

type OpenOptions = Parameters<PanelHarness['open']>[0];

/**
 * usePanelHarness with its bookkeeping done: `open` opens a page (the file's defaults, then the
 * test's options) that the hooks check and close after the test; `harness` for what else it offers.
 */
export function usePanelPages(defaults: OpenOptions = {}): { open(options?: OpenOptions): Promise<PanelPage>; close(): Promise<void>; harness(): PanelHarness } {
  let harness: PanelHarness | undefined;
  let panel: PanelPage | undefined;
  usePanelHarness({ started: (h) => (harness = h), current: () => panel, closed: () => (panel = undefined) });
  return {
    open: async (options) => (panel = await harness!.open({ ...defaults, ...options })),
    /** Closes the open page now, unchecked (for a test that opens several and checks each itself). */
    close: async () => {
      await panel?.close();
      panel = undefined;
    },
    harness: () => harness!,
  };
}
