/**
 * Knows which section is being read — the one at the top of the viewport, under the sticky header —
 * and scrolls to sections. Scrolling is checked at most every THROTTLE_MS, always once more after
 * the last scroll event, so the host hears of a change soon but not on every scroll event.
 */
const THROTTLE_MS = 150;
/** How far below the header a section's top may be and still count as "at the top" (px). */
const TOP_SLACK = 24;
/** Longest a smooth scroll is expected to take; after it the tracker listens again. */
const SCROLL_SETTLE_MS = 1500;
const HIGHLIGHT_CLASS = 'revealed';

export class SectionTracker {
  private current?: string;
  private timer?: number;
  /** Set while we scroll on purpose: the sections passed on the way are not being read. */
  private programmatic?: number;

  constructor(
    private readonly sections: readonly HTMLElement[],
    private readonly header: HTMLElement,
    private readonly onChange: (sectionId: string) => void,
  ) {
    window.addEventListener('scroll', () => this.onScroll(), { passive: true });
    window.addEventListener('scrollend', () => this.endProgrammaticScroll());
  }

  /**
   * Scrolls a section to the top (smoothly unless the user prefers reduced motion) and highlights
   * it briefly. Returns false when the chapter has no such section.
   */
  reveal(sectionId: string, options: { smooth: boolean; highlight: boolean }): boolean {
    const section = this.sections.find((s) => s.dataset.sectionId === sectionId);
    if (!section) return false;
    this.current = sectionId;
    const smooth = options.smooth && !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    window.clearTimeout(this.programmatic);
    this.programmatic = window.setTimeout(() => this.endProgrammaticScroll(), smooth ? SCROLL_SETTLE_MS : 100);
    section.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'instant' });
    if (options.highlight) {
      section.classList.remove(HIGHLIGHT_CLASS);
      void section.offsetWidth; // restart the animation when the same section is revealed twice
      section.classList.add(HIGHLIGHT_CLASS);
    }
    return true;
  }

  private endProgrammaticScroll(): void {
    if (this.programmatic === undefined) return;
    window.clearTimeout(this.programmatic);
    this.programmatic = undefined;
    // Checks queued by our own scroll would report where it ended, which near the end of the
    // chapter may be an earlier section than the one revealed.
    window.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private onScroll(): void {
    if (this.timer !== undefined) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      if (this.programmatic !== undefined) return;
      const id = this.sectionAtTop();
      if (id !== undefined && id !== this.current) {
        this.current = id;
        this.onChange(id);
      }
    }, THROTTLE_MS);
  }

  /** The last section starting above the reading line; at the very end, the last one in view. */
  private sectionAtTop(): string | undefined {
    const line = this.header.getBoundingClientRect().bottom + TOP_SLACK;
    const root = document.documentElement;
    // A short last section can never reach the top: reaching the end of the page means reading it.
    const atEnd = window.scrollY + window.innerHeight >= root.scrollHeight - 2;
    let found = this.sections[0];
    for (const section of this.sections) {
      const top = section.getBoundingClientRect().top;
      if (top <= line || (atEnd && top < window.innerHeight)) found = section;
      else break;
    }
    return found?.dataset.sectionId;
  }
}
