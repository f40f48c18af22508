// Lint rules, including the layer table of docs/ARCHITECTURE.md (Layers): each folder may import only what it lists.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const svelte = require('eslint-plugin-svelte');
const globals = require('globals');

/** Import patterns forbidden in a folder, with the reason shown in the lint error. */
function forbid(patterns, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] };
}

const NODE = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'util', 'stream'];
const layer = (name) => `**/${name}/**`;

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'dist-web/**',
      'test-results/**',
      'playwright-report/**',
      'src/engine/kernels/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      // Prettier wraps code at 120 columns; this catches what it cannot wrap (comments, long words).
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: forbid(
      [
        '**/engine/**',
        '**/engine-host/**',
        '**/main/**',
        '**/preload/**',
        '**/renderer/**',
        '**/cli/**',
        '**/node-io/**',
        'electron',
        ...NODE,
      ],
      'src/shared imports nothing (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: forbid(
      [
        layer('engine-host'),
        layer('main'),
        layer('preload'),
        layer('renderer'),
        layer('cli'),
        layer('node-io'),
        'electron',
        ...NODE,
      ],
      'src/engine may import only src/shared: no DOM, no node: (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    files: ['src/engine-host/**/*.ts'],
    rules: forbid(
      [layer('main'), layer('preload'), layer('renderer'), layer('cli'), layer('node-io'), 'electron', ...NODE],
      'src/engine-host may import only engine and shared (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    files: ['src/node-io/**/*.ts'],
    rules: forbid(
      [
        layer('engine'),
        layer('engine-host'),
        layer('main'),
        layer('preload'),
        layer('renderer'),
        layer('cli'),
        'electron',
      ],
      'src/node-io (disk I/O for main and the CLI) may import shared and node: only (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: forbid(
      [layer('main'), layer('preload'), layer('renderer'), 'electron'],
      'src/cli may import engine, engine-host, shared, node-io and node: (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: forbid(
      [layer('engine'), layer('preload'), layer('renderer'), layer('cli')],
      'src/main may import shared, node-io, electron and node: only; it spawns the host by path (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid(
      [
        layer('engine'),
        layer('engine-host'),
        layer('main'),
        layer('renderer'),
        layer('cli'),
        layer('node-io'),
        ...NODE,
      ],
      'src/preload may import electron and types from shared (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    // The renderer runs in a browser page: its scripts may use the DOM's globals by name.
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    languageOptions: { globals: globals.browser },
    rules: forbid(
      [layer('engine'), layer('main'), layer('preload'), layer('cli'), layer('node-io'), 'electron', ...NODE],
      'src/renderer may import shared only; the web host may start engine-host in a Worker (docs/ARCHITECTURE.md, Layers)',
    ),
  },
  {
    // The preload's API is the platform's: the renderer reaches it through Host, picked in one place.
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    ignores: ['src/renderer/src/hosts/pick-host.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='vaeLab']",
          message:
            'only hosts/pick-host.ts reads window.vaeLab; use the Host (menu events, engine) or the SessionStore',
        },
      ],
    },
  },
);
