// Optional, for contributors with a desktop VS Code and a network: `npm run test:desktop` downloads
// VS Code with @vscode/test-electron and runs the integration suite in it. CI cannot download VS Code
// and runs the same suite in code-server instead (npm run test:integration).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'dist/test/integration/*.test.js',
  workspaceFolder: 'sample-workspace',
  mocha: { ui: 'bdd', timeout: 30_000 },
});
