// Flat config: typescript-eslint's recommended rules for every TypeScript file, and the layering
// rule that says which side of the extension may import which.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The sides, by folder, and what each may import: the pure core (src/common) imports only
 * itself; worker entries and the CLI only the core (and Node); the extension host the core and
 * itself (and vscode, Node); the webviews the core (its contracts) and themselves.
 */
const LAYERS = [
  { name: 'core', folder: 'src/common/', imports: ['core'], packages: [] },
  { name: 'worker', folder: 'src/worker/', imports: ['core', 'worker'], packages: ['node:worker_threads', 'node:fs/promises', 'node:path'] },
  { name: 'cli', folder: 'src/cli/', imports: ['core', 'cli'], packages: [/^node:/] },
  { name: 'webview', folder: 'webview/src/', imports: ['core', 'webview'], packages: [/^@vscode-elements\//] },
  { name: 'host', folder: 'src/', imports: ['core', 'host'], packages: ['vscode', /^node:/] },
];
const layerOf = (file) => LAYERS.find((layer) => file.startsWith(layer.folder));

const layering = {
  meta: { type: 'problem', messages: { layer: '{{from}} code may not import {{what}}: {{rule}}' }, schema: [] },
  create(context) {
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const rule = `it may import ${from.imports.join(', ')}${from.packages.length ? ` and ${from.packages.join(', ')}` : ''}`;
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const to = layerOf(target);
        if (!to || !from.imports.includes(to.name)) context.report({ node, messageId: 'layer', data: { from: from.name, what: `${to?.name ?? 'outside the sources'} (${specifier})`, rule } });
      } else if (!from.packages.some((allowed) => (typeof allowed === 'string' ? allowed === specifier : allowed.test(specifier)))) {
        context.report({ node, messageId: 'layer', data: { from: from.name, what: `"${specifier}"`, rule } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', '.cache/**',
      // AssemblyScript, type-checked by its own compiler (src/kernels/assembly/tsconfig.json), and its build output.
      'src/kernels/assembly/**', 'src/common/kernels/wasmBinary.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { house: { rules: { layering } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'house/layering': 'error',
    },
  },
  {
    // The core runs in the extension host, a web worker, the CLI and the webviews: no platform globals.
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'self', 'process', 'Buffer', 'require', 'module', '__dirname', 'fetch', 'localStorage'],
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
