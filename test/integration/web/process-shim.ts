/**
 * The `process` of the web worker extension host, which has none. Node's assert polyfill and its
 * util read it (process.env.NODE_DEBUG, process.emitWarning, …), and the tests' entry reads the
 * runner's settings from process.env like the Node entry does. scripts/vscode-web/build-tests.mjs
 * injects this module wherever `process` is used and defines the environment at bundle time.
 */
/** A JSON object of strings, defined by the bundler. */
declare const ATTENTION_EXPLORER_TEST_ENV: string;

export const process = {
  env: JSON.parse(ATTENTION_EXPLORER_TEST_ENV) as Record<string, string | undefined>,
  platform: 'browser',
  browser: true,
  version: '',
  versions: {},
  argv: [] as string[],
  cwd: () => '/',
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => callback(...args)),
};
