/**
 * A reader opens the Attention Explorer side bar, clicks a section in the Chapter tree and reads
 * that section in the reader tab.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openViewContainer, treeRow } from './support/sidebar';
import { currentSection, waitForHeadingAtTop } from './support/reader';
import { waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';
import { readmeScreenshots } from './support/readmeShots';

/** A section far enough down the tree that it has to be scrolled to. */
const SECTION = '计算注意力:高层次视图';

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '3-chapter-reader-end' });

it('clicking a section in the Chapter tree opens the reader at that section', async () => {
  const { page } = workbench;
  await openViewContainer(page, 'Attention Explorer');
  const row = await treeRow(page, 'Chapter', SECTION);
  await row.click();

  await page.locator('.tab.active[aria-label^="Chapter"]').waitFor();
  const reader = await waitForWebview(page, '.reader .chapter-section');
  await waitForHeadingAtTop(reader, SECTION);
  await workbench.screenshot('3-chapter-reader');
  await readmeScreenshots(workbench, 'reader');

  assert.equal(await currentSection(reader), SECTION, 'the reader\'s "Go to section" names the section');
  assert.ok(await row.isVisible(), 'the tree still shows the section');
  assert.deepEqual(workbench.dialogs, [], 'no dialog opened');
});
