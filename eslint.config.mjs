// Flat config: typescript-eslint's recommended rules for every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The core must stay platform-free: usable from the CLI, the extension host and a web worker.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode', 'node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    // Node's globals, for the build and test scripts.
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'fetch', 'AbortSignal', 'Buffer'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
