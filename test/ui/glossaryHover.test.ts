/**
 * A reader rests the mouse on a glossary term in a plain-text document and sees the chapter's
 * definition, with a link that opens the chapter at the term's section.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import { hoverWord, openFile } from './support/editor';
import { currentSection, waitForHeadingAtTop } from './support/reader';
import { waitForWebview } from './support/webview';
import { useWorkbench, type Workbench } from './support/workbench';
import { readmeScreenshots } from './support/readmeShots';

const TERM = '自注意力';

let workbench: Workbench;

useWorkbench({ started: (w) => (workbench = w), endScreenshot: '2-glossary-hover-end' });

it('hovering a glossary term shows its definition, and "Open in chapter" opens the reader there', async () => {
  const entry = GLOSSARY.find((candidate) => candidate.term === TERM);
  assert.ok(entry, `${TERM} is in the glossary`);
  const { page } = workbench;
  await openFile(page, 'chinese-glossary.txt');

  // A theme change closes the hover: it is opened again in each theme, and after.
  await readmeScreenshots(workbench, 'glossary-hover', async () => void (await hoverWord(page, TERM, entry.definition)));
  const hover = await hoverWord(page, TERM, entry.definition);
  await workbench.screenshot('2-glossary-hover');

  assert.equal(await hover.locator('strong').first().textContent(), TERM, 'the hover names the term');
  const link = hover.getByRole('link', { name: 'Open in chapter' });
  assert.ok(await link.isVisible(), 'the hover offers "Open in chapter"');

  // The hover names the section it links to, before the link: "<section> · Open in chapter".
  const section = ((await hover.locator('p', { has: page.getByRole('link', { name: 'Open in chapter' }) }).textContent()) ?? '').split('·')[0].trim();
  assert.ok(section, 'the hover names the chapter section');
  await link.click();
  await page.locator('.tab.active[aria-label^="Chapter"]').waitFor();
  const reader = await waitForWebview(page, '.reader .chapter-section');
  await waitForHeadingAtTop(reader, section);
  await workbench.screenshot('2-glossary-open-in-chapter');
  assert.equal(await currentSection(reader), section, 'the reader opened at the section the hover named');
});
