/**
 * Made at bundle time by scripts/vscode-web/build-tests.mjs, which lists test/integration/*.test.ts:
 * loadTestFiles() evaluates each of them (in name order) and returns their names.
 */
declare module 'attention-explorer:integration-tests' {
  export function loadTestFiles(): string[];
}
