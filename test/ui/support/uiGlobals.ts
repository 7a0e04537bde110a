/**
 * The browser-side shapes that the UI tests' page functions touch. The tests compile with Node's
 * types only (no DOM library), so page functions reach the page through `globalThis as UiGlobals`.
 */
import type { PageCanvas, PageElement } from '../../webview/support/pageGlobals';

export interface UiElement extends PageElement {
  readonly id: string;
  readonly value?: string;
  readonly selectedOptions?: ArrayLike<PageElement>;
  querySelector(selector: string): UiElement | null;
}

export interface UiGlobals {
  /** `securitypolicyviolation` events of this frame, as "directive blocked uri" (workbench.ts). */
  __uiCspViolations?: string[];
  /** Set only if markup from the analysed text ran (markupSafety.test.ts). */
  __uiCanary?: unknown;
  requestAnimationFrame(callback: () => void): number;
  document: {
    readonly title: string;
    readonly scripts: ArrayLike<PageElement>;
    body: PageElement & { append(node: unknown): void };
    createElement(tag: 'img'): PageElement & { src: string };
    createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): { data: string } | null };
    createRange(): {
      setStart(node: unknown, offset: number): void;
      setEnd(node: unknown, offset: number): void;
      getBoundingClientRect(): { x: number; y: number; width: number; height: number };
    };
    querySelector(selector: string): UiElement | null;
    querySelectorAll(selector: string): ArrayLike<UiElement>;
  };
}

export type { PageCanvas, PageElement };
