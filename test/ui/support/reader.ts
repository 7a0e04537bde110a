/** The chapter reader webview: which section it shows. */
import type { Frame } from 'playwright-core';
import type { UiGlobals } from './uiGlobals';

/** Resolves once the heading titled `title` sits at the top of the reader, just under its sticky header. */
export async function waitForHeadingAtTop(reader: Frame, title: string): Promise<void> {
  await reader.waitForFunction((wanted) => {
    const { document } = globalThis as unknown as UiGlobals;
    const headings = Array.from(document.querySelectorAll('.chapter-section > :is(h1, h2, h3, h4, h5, h6)'));
    const heading = headings.find((candidate) => candidate.textContent === wanted);
    const header = document.querySelector('.reader-header');
    if (!heading || !header) return false;
    const top = heading.getBoundingClientRect().top;
    const headerBottom = header.getBoundingClientRect().bottom;
    return top >= headerBottom - 1 && top <= headerBottom + 48;
  }, title);
}

/** The section the reader's "Go to section" menu names as the one being read. */
export function currentSection(reader: Frame): Promise<string | undefined> {
  return reader
    .locator('select.toc')
    .evaluate((select) => (select as unknown as { selectedOptions: ArrayLike<{ textContent: string | null }> }).selectedOptions[0]?.textContent?.trim());
}
