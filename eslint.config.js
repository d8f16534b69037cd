// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Layering rules (ARCHITECTURE.md, rule 1), enforced here rather than remembered:
 * - src/main/core and src/shared never import electron;
 * - src/shared never imports Node built-ins (it runs in the renderer too);
 * - src/renderer never imports src/main (the core reaches the page only through the contract);
 * - only src/main/core/store imports the database and the vector index (@lancedb/lancedb, usearch):
 *   everything else reads and writes through LibraryStore and the store's modules.
 */
const electronBan = {
  name: 'electron',
  message:
    'The core and the contract are pure Node/TS: electron belongs in src/main/electron and src/preload.',
};
const electronPattern = { group: ['electron/*'], message: electronBan.message };
const storeOnlyMessage =
  'Only src/main/core/store talks to LanceDB and USearch: ask LibraryStore (or a store/ module) instead.';
const storeOnlyPaths = ['@lancedb/lancedb', 'usearch'].map((name) => ({ name, message: storeOnlyMessage }));
const storeOnlyPattern = { group: ['@lancedb/lancedb/*', 'usearch/*'], message: storeOnlyMessage };
// Bare names (`fs`, `events`) must match exactly, or a local './events' would be caught too.
const nodeBuiltinPaths = builtinModules.map((name) => ({ name, message: 'No Node built-ins here.' }));
const nodeBuiltinPattern = { group: ['node:*'], message: 'No Node built-ins here.' };

/**
 * ONNX Runtime only through src/main/core/embed/loadOrt.ts, which switches its telemetry off before the
 * native library loads (embed/ortTelemetry.ts). One selector covers `import`, `export ... from`,
 * `require()` and `import()`; `import type` is allowed (it loads nothing).
 */
const ortOnlyThroughLoader = [
  'error',
  {
    // Only module specifiers: the package's name as plain data (packaging tests, file lists) is fine.
    selector: [
      "ImportDeclaration[importKind!='type'] > Literal[value='onnxruntime-node']",
      "ExportAllDeclaration > Literal[value='onnxruntime-node']",
      "ExportNamedDeclaration > Literal[value='onnxruntime-node']",
      "ImportExpression > Literal[value='onnxruntime-node']",
      "ImportExpression TemplateElement[value.cooked='onnxruntime-node']",
      // require('…'), a renamed require (req, nodeRequire) and createRequire(url)('…')
      "CallExpression[callee.name=/[Rr]eq/] > Literal[value='onnxruntime-node']",
      "CallExpression[callee.name=/[Rr]eq/] TemplateElement[value.cooked='onnxruntime-node']",
      "CallExpression[callee.type='CallExpression'] > Literal[value='onnxruntime-node']",
    ].join(', '),
    message:
      "Load ONNX Runtime through src/main/core/embed/loadOrt.ts (`import { ort } from '.../loadOrt'`): it turns ORT's telemetry off first.",
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'resources/models/**',
      'coverage/**',
      'test-artifacts/**',
      'bench-results/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: [
      'bin/**',
      'scripts/**',
      'bench/**',
      'tests/**',
      '*.config.{js,ts}',
      'src/main/**',
      'src/preload/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['src/main/core/embed/loadOrt.ts'],
    rules: { 'no-restricted-syntax': ortOnlyThroughLoader },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/main/core/**/*.{ts,tsx}'],
    ignores: ['src/main/core/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronBan, ...storeOnlyPaths], patterns: [electronPattern, storeOnlyPattern] },
      ],
    },
  },
  {
    files: ['src/main/core/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [electronPattern] }],
    },
  },
  {
    files: ['src/main/**/*.{ts,tsx}', 'src/preload/**/*.{ts,tsx}'],
    ignores: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: storeOnlyPaths, patterns: [storeOnlyPattern] }],
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, ...nodeBuiltinPaths],
          patterns: [
            electronPattern,
            nodeBuiltinPattern,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared depends on nothing else in src.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, ...nodeBuiltinPaths],
          patterns: [
            electronPattern,
            nodeBuiltinPattern,
            {
              group: ['**/main/**', '**/main'],
              message: 'The renderer talks to the core only through src/shared/api.',
            },
          ],
        },
      ],
    },
  },
);
