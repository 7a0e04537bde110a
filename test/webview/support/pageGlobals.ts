/**
 * The browser-side shapes that the tests' page functions touch. The tests compile with Node's
 * types only (no DOM library), so page functions reach the page through `globalThis as PageGlobals`.
 */
export interface PageElement {
  readonly textContent: string | null;
  readonly tagName: string;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number; right: number; bottom: number };
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

export interface PageCanvas extends PageElement {
  readonly width: number;
  readonly height: number;
  readonly clientWidth: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

export interface PageGlobals {
  /** Messages the webview posted to the (stand-in) host. */
  __posted: unknown[];
  /** `securitypolicyviolation` events, as "directive blocked-uri". */
  __cspViolations: string[];
  /** Set only if injected markup ran. */
  __pwned?: unknown;
  devicePixelRatio: number;
  sessionStorage: { getItem(key: string): string | null };
  dispatchEvent(event: unknown): boolean;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  document: {
    body: PageElement & { className: string };
    documentElement: { style: { setProperty(name: string, value: string): void } };
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
}
