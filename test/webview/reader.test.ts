/**
 * The chapter reader in headless Chromium: its real HTML, CSP and bundle (dist/webview/reader.js),
 * fed the message the host builds (chapterMessage) from the real chapter and glossary. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import { parseChapter } from '../../src/common/chapter/sections';
import { READER_STRINGS } from '../../src/common/l10n/webviewStrings';
import type { HostMessage } from '../../src/common/protocol/attentionPanel';
import { chapterMessage, type ReaderHostMessage, type ReaderSection } from '../../src/common/protocol/reader';
import { renderPanelHtml } from '../../src/host/webview/pageHtml';
import type { PageGlobals } from './support/pageGlobals';
import type { PanelHarness, PanelPage } from './support/panelPage';
import { localizedStrings } from './support/strings';
import { usePanelHarness } from './support/suiteHooks';
import { THEMES } from './support/themes';

const ARTIFACTS = new URL('../../test-artifacts/webview/', import.meta.url);
const DIST = new URL('../../dist/webview/', import.meta.url);

/** The very message the host sends (chapterMessage), for the bundled chapter and the real glossary. */
const CHAPTER = chapterMessage(parseChapter(readFileSync(new URL('../../media/chapter.md', import.meta.url), 'utf8')), GLOSSARY) as Extract<ReaderHostMessage, { type: 'chapter' }>;
const SECTIONS: readonly ReaderSection[] = CHAPTER.sections;
const SELF_ATTENTION = GLOSSARY.find((g) => g.term === '自注意力')!;

let harness: PanelHarness;
let panel: PanelPage | undefined;

usePanelHarness({ started: (h) => (harness = h), current: () => panel, closed: () => (panel = undefined) });

/**
 * The reader page as VS Code builds it (renderPanelHtml with the reader's bundle), in the harness's
 * page and its stand-in host: the harness serves the attention panel, so the reader's page and
 * assets are served from the same origin by routes.
 */
async function openReader(options: { width?: number; height?: number } = {}): Promise<PanelPage> {
  panel = await harness.open({ deviceScaleFactor: 1, ...options });
  const { page } = panel;
  const origin = harness.origin;
  await page.route(`${origin}/reader`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: renderPanelHtml({
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: `${origin}/dist/webview/reader.js`,
        styleUri: `${origin}/dist/webview/reader-styles.css`,
        lang: 'en',
        strings: localizedStrings(READER_STRINGS, 'en'),
        title: 'Chapter',
      }),
    }),
  );
  for (const [file, contentType] of [
    ['reader.js', 'text/javascript'],
    ['reader-styles.css', 'text/css'],
  ]) {
    await page.route(`${origin}/dist/webview/${file}`, (route) => route.fulfill({ contentType, body: readFileSync(new URL(file, DIST)) }));
  }
  await page.evaluate(() => (globalThis as unknown as { sessionStorage: { clear(): void } }).sessionStorage.clear());
  await page.goto(`${origin}/reader`);
  await panel.waitForReady();
  return panel;
}

/** Delivers a host message with the harness (typed for the attention panel's protocol: same delivery). */
async function send(page: PanelPage, message: ReaderHostMessage | Record<string, unknown>): Promise<void> {
  await page.send(message as unknown as HostMessage);
}

/** Opens the reader and gives it the chapter, as the host answers 'ready'. */
async function openChapter(options?: Parameters<typeof openReader>[0]): Promise<PanelPage> {
  const page = await openReader(options);
  await send(page, CHAPTER);
  await page.page.locator('article.chapter').waitFor();
  return page;
}

async function postedOfType(page: PanelPage, type: string): Promise<Record<string, unknown>[]> {
  return ((await page.posted()) as Record<string, unknown>[]).filter((m) => m.type === type);
}

/** A section heading's top, relative to the bottom of the sticky header (px). */
async function headingOffset(page: PanelPage, sectionId: string): Promise<number> {
  return page.page.evaluate((id) => {
    const doc = (globalThis as unknown as { document: { getElementById(id: string): PageLike | null; querySelector(s: string): PageLike } }).document;
    interface PageLike {
      getBoundingClientRect(): { top: number; bottom: number };
    }
    return doc.getElementById(id)!.getBoundingClientRect().top - doc.querySelector('.reader-header').getBoundingClientRect().bottom;
  }, sectionId);
}

/**
 * Waits (up to 3 s) until a section's heading sits just under the header and stays there: a smooth
 * scroll takes time, and acting on the page before it ends would interrupt it.
 */
async function expectAtTop(page: PanelPage, sectionId: string): Promise<void> {
  const deadline = Date.now() + 3000;
  let last = Number.NaN;
  for (;;) {
    const offset = await headingOffset(page, sectionId);
    if (offset >= 0 && offset < 24 && offset === last) return;
    last = offset;
    if (Date.now() > deadline) assert.fail(`section ${sectionId} should be at the top of the reader, its heading is ${offset}px below the header`);
    await page.page.waitForTimeout(100);
  }
}

/** Scrolls (instantly) so a section's top sits just under the header, as a reader's scrolling would. */
async function scrollSectionToTop(page: PanelPage, sectionId: string): Promise<void> {
  const offset = await page.page.locator(`section[data-section-id="${sectionId}"]`).evaluate((s) => (s as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top);
  await page.page.mouse.move(600, 400);
  await page.page.mouse.wheel(0, offset - 40 - 4);
}

async function waitForVisibleSection(page: PanelPage, sectionId: string): Promise<void> {
  try {
    await page.page.waitForFunction(
      (id) => {
        const posted = (globalThis as unknown as PageGlobals).__posted as { type?: string; sectionId?: string }[];
        return posted.filter((m) => m.type === 'visibleSection').at(-1)?.sectionId === id;
      },
      sectionId,
      { timeout: 3000 },
    );
  } catch {
    assert.fail(`expected visibleSection ${sectionId}; posted: ${JSON.stringify(await postedOfType(page, 'visibleSection'))}`);
  }
}

describe('chapter reader', () => {
  it("posts 'ready', then renders every section heading in order, with its id and level", async () => {
    const page = await openReader();
    assert.deepEqual(await page.posted(), [{ type: 'ready' }], "only 'ready' before the chapter arrives");
    assert.match((await page.page.locator('#app').textContent()) ?? '', /Loading the chapter/);
    await send(page, CHAPTER);
    const headings = await page.page.locator('article.chapter :is(h1, h2, h3)').evaluateAll((els) =>
      els.map((e) => ({ tag: e.tagName.toLowerCase(), id: e.getAttribute('id'), text: e.textContent })),
    );
    assert.deepEqual(
      headings,
      SECTIONS.map((s) => ({ tag: `h${s.level}`, id: s.id, text: s.title })),
    );
    // The header names the chapter, and its contents list every section.
    assert.equal(await page.page.locator('.reader-title').textContent(), 'TRANSFORMER, BERT, AND GPT:简介');
    assert.equal(await page.page.locator('select.toc option').count(), SECTIONS.length);
  });

  it('shows the bodies, formulas included, as the chapter writes them', async () => {
    const page = await openChapter();
    const steps = page.page.locator('section[data-section-id="计算注意力的步骤"]');
    const items = await steps.locator('li').allTextContents();
    assert.ok(items.includes('softmax(Q·Kᵀ/√d_k)·V: 4×4 · 4×64 = 4×64'), `the formula list item is shown verbatim: ${JSON.stringify(items)}`);
    assert.ok((await steps.textContent())?.includes('X·Wq/Wk/Wv = Q/K/V: 4×512 · 512×64 = 4×64'));
    // Chapter text that looks like markup is text: "缩放点积 <= 变压器使用此算法".
    assert.ok((await page.page.locator('section[data-section-id="注意力类型和算法"] li').allTextContents()).some((t) => t === '缩放点积 <= 变压器使用此算法'));
    // A formula's line fits the page: nothing scrolls sideways.
    const overflow = await page.page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    assert.equal(overflow, 0, 'no horizontal scrolling');
  });

  it("scrolls to the section the host reveals and highlights it, without reporting the sections it passes", async () => {
    const page = await openChapter();
    await send(page, { type: 'reveal', sectionId: '计算注意力的步骤' });
    await expectAtTop(page, '计算注意力的步骤');
    assert.equal(await page.page.locator('section[data-section-id="计算注意力的步骤"]').getAttribute('class'), 'chapter-section level-3 revealed');
    assert.deepEqual(await page.savedState(), { sectionId: '计算注意力的步骤' });
    assert.equal(await page.page.locator('select.toc').inputValue(), '计算注意力的步骤', 'the contents follow');
    await page.page.waitForTimeout(400);
    assert.deepEqual(await postedOfType(page, 'visibleSection'), [], 'the host asked for the section: no section is reported back');

    await send(page, { type: 'reveal', sectionId: '什么是生成式人工智能' });
    await expectAtTop(page, '什么是生成式人工智能');
  });

  it('links 自注意力 as 自注意力 (the longest term), and shows its verbatim definition', async () => {
    const page = await openChapter();
    const section = page.page.locator('section[data-section-id="自注意力"]');
    const link = section.locator('.term').first();
    assert.equal(await link.textContent(), '自注意力');
    assert.equal(await link.getAttribute('data-entry-id'), SELF_ATTENTION.id);
    assert.equal(await link.evaluate((e) => e.tagName), 'BUTTON', 'a focusable element');
    // Nowhere is the 注意力 inside 自注意力 linked on its own.
    const split = await page.page.locator('.term').evaluateAll((els) =>
      els.filter((e) => e.textContent?.startsWith('注意力') && (e.previousSibling?.textContent ?? '').endsWith('自')).length,
    );
    assert.equal(split, 0);
    // A Latin term on word boundaries only: "GPT-2" is linked as GPT-2, in its own section too.
    assert.equal(await page.page.locator('section[data-section-id="gpt-2与bert中的注意力"] .term[data-entry-id="gpt-2"]').textContent(), 'GPT-2');

    await link.click();
    const card = page.page.locator('.definition-card');
    await card.waitFor();
    assert.equal(await card.locator('.card-term').textContent(), '自注意力');
    assert.equal(await card.locator('.card-definition').textContent(), SELF_ATTENTION.definition);
    assert.match((await card.locator('.card-aliases').textContent()) ?? '', /self-attention/);
    assert.equal(await link.getAttribute('aria-expanded'), 'true');
    // The card sits by the term, inside the window.
    const [termBox, cardBox] = [await link.boundingBox(), await card.boundingBox()];
    assert.ok(termBox && cardBox && Math.abs(cardBox.y - (termBox.y + termBox.height)) < 12, 'the card opens just below the term');
    assert.ok(cardBox.x >= 0 && cardBox.x + cardBox.width <= 1200);

    // "Go to section" takes the reader to where the definition comes from, and the sidebar follows.
    await card.locator('.card-go').click();
    assert.equal(await card.isVisible(), false, 'the card closes');
    await expectAtTop(page, SELF_ATTENTION.sectionId);
    await waitForVisibleSection(page, SELF_ATTENTION.sectionId);
  });

  it('opens a definition with the keyboard; Escape and a click elsewhere close it', async () => {
    const page = await openChapter();
    const link = page.page.locator(`section[data-section-id="什么是注意力机制"] .term[data-entry-id="${GLOSSARY.find((g) => g.term === 'word2vec')!.id}"]`);
    await link.focus();
    await page.page.keyboard.press('Enter');
    const card = page.page.locator('.definition-card');
    await card.waitFor();
    assert.equal(await card.locator('.card-definition').textContent(), GLOSSARY.find((g) => g.term === 'word2vec')!.definition);
    await page.page.keyboard.press('Escape');
    assert.equal(await card.isVisible(), false);
    assert.equal(await link.evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement), true, 'focus goes back to the term');

    await link.click();
    await card.waitFor();
    await page.page.locator('h2[id="什么是注意力机制"]').click();
    assert.equal(await card.isVisible(), false);
  });

  it("reveals a term from the host: the section, and the term's definition under its heading", async () => {
    const page = await openChapter();
    await send(page, { type: 'reveal', sectionId: '注意力类型和算法', entryId: SELF_ATTENTION.id });
    await expectAtTop(page, '注意力类型和算法');
    const card = page.page.locator('.definition-card');
    await card.waitFor();
    assert.equal(await card.locator('.card-definition').textContent(), SELF_ATTENTION.definition);
    const [box, heading] = [await card.boundingBox(), await page.page.locator('h3[id="注意力类型和算法"]').boundingBox()];
    assert.ok(box && heading && box.y < 140, `the card is near the top (y=${box?.y})`);
    assert.ok(box.y >= heading.y + heading.height, 'the card does not hide the heading');

    await send(page, { type: 'reveal', sectionId: '注意力类型和算法', entryId: 'no-such-entry' });
    assert.match((await card.textContent()) ?? '', /no entry for “no-such-entry”/);
  });

  it('offers "Try it" on the self-attention sections only, and it posts tryIt', async () => {
    const page = await openChapter();
    const withButton = await page.page.locator('section:has(.try-it vscode-button)').evaluateAll((els) => els.map((e) => e.getAttribute('data-section-id')));
    assert.deepEqual(
      withButton,
      SECTIONS.filter((s) => s.tryIt).map((s) => s.id),
    );
    assert.ok(withButton.includes('自注意力') && withButton.includes('计算注意力的步骤'));
    await page.page.locator('section[data-section-id="自注意力"] vscode-button').click();
    assert.deepEqual(await postedOfType(page, 'tryIt'), [{ type: 'tryIt' }]);
  });

  it('offers "Show the steps" on 计算注意力的步骤 only, and it posts showSteps', async () => {
    const page = await openChapter();
    const withSteps = await page.page.locator('section:has(.show-steps vscode-button)').evaluateAll((els) => els.map((e) => e.getAttribute('data-section-id')));
    assert.deepEqual(withSteps, ['计算注意力的步骤']);
    await page.page.locator('section[data-section-id="计算注意力的步骤"] .show-steps vscode-button').click();
    assert.deepEqual(await postedOfType(page, 'showSteps'), [{ type: 'showSteps' }]);
  });

  it('reports the section at the top as the user scrolls, once per change, and comes back there after a reload', async () => {
    const page = await openChapter();
    await scrollSectionToTop(page, '注意力的起源');
    await waitForVisibleSection(page, '注意力的起源');
    assert.deepEqual(await page.savedState(), { sectionId: '注意力的起源' });

    // Reading on inside the section: many scroll events, no new report.
    const before = (await postedOfType(page, 'visibleSection')).length;
    for (let i = 0; i < 10; i++) await page.page.mouse.wheel(0, 10);
    await page.page.waitForTimeout(500);
    assert.equal((await postedOfType(page, 'visibleSection')).length, before, 'no report while the same section stays at the top');

    await scrollSectionToTop(page, '自注意力');
    await waitForVisibleSection(page, '自注意力');

    // A hidden reader is reloaded by VS Code: it asks again and returns to where it was.
    await page.page.reload();
    await page.waitForReady();
    await send(page, CHAPTER);
    await expectAtTop(page, '自注意力');
  });

  it('shows chapter text that looks like HTML as text, and links terms in it safely', async () => {
    const page = await openReader();
    const hostile = '<img src=x onerror="alert(1)"> 自注意力 <script>alert(2)</script> **<b>bold</b>** `<i>code</i>`';
    await send(page, {
      type: 'chapter',
      sections: [{ id: 'x<y', title: '<em>标题</em>', level: 2, markdown: hostile, tryIt: false, showSteps: false }],
      glossary: [{ id: 'self<attention', term: '自注意力', aliases: [], definition: '<img src=y onerror="alert(3)">定义', sectionId: 'x<y' }],
    });
    const section = page.page.locator('article.chapter section');
    await section.waitFor();
    assert.equal(await section.locator('h2').textContent(), '<em>标题</em>');
    assert.equal(await section.locator('h2').getAttribute('id'), 'x<y');
    const body = (await section.locator('.section-body').textContent()) ?? '';
    assert.ok(body.includes('<img src=x onerror="alert(1)">') && body.includes('<script>alert(2)</script>'), body);
    assert.equal(await section.locator('img, script, b, i, em').count(), 0, 'no element came from the text');
    await section.locator('.term').click();
    assert.equal(await page.page.locator('.definition-card .card-definition').textContent(), '<img src=y onerror="alert(3)">定义');
    assert.equal(await page.page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
  });

  it('says so when the host sends something it cannot read', async () => {
    const page = await openReader();
    await send(page, { type: 'chapter', sections: [{ id: 1 }], glossary: [] });
    assert.match((await page.page.locator('[role="alert"]').textContent()) ?? '', /does not understand/);
  });

  it('shows the host\'s message when the chapter could not be loaded, instead of loading for ever', async () => {
    const page = await openReader();
    await send(page, { type: 'error', message: 'The chapter could not be loaded from x: ENOENT' });
    assert.equal(await page.page.locator('[role="alert"]').textContent(), 'The chapter could not be loaded from x: ENOENT');
    assert.equal(await page.page.locator('[role="status"]').count(), 0, '"Loading the chapter…" is gone');
  });

  for (const theme of THEMES) {
    it(`reads well in the ${theme.name} theme (screenshot)`, async () => {
      const page = await openChapter({ width: 1000, height: 760 });
      await page.setTheme(theme.bodyClass, theme.variables);
      await send(page, { type: 'reveal', sectionId: '计算注意力的步骤' });
      await expectAtTop(page, '计算注意力的步骤');
      await page.page.locator('section[data-section-id="计算注意力的步骤"] .term').first().click();
      await page.page.locator('.definition-card').waitFor();
      // Text and background differ as the theme says: the page follows the theme.
      const [color, background] = await page.page.locator('article.chapter p').first().evaluate((e) => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }).getComputedStyle(e);
        const body = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle((e.ownerDocument as unknown as { body: unknown }).body);
        return [style.color, body.backgroundColor];
      });
      assert.equal(color, hexToRgb(theme.variables['--vscode-editor-foreground']));
      assert.equal(background, hexToRgb(theme.variables['--vscode-editor-background']));
      await page.page.waitForTimeout(2000); // let the reveal highlight fade
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.page.screenshot({ path: new URL(`reader-${theme.name}.png`, ARTIFACTS).pathname });
    });
  }
});

function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
