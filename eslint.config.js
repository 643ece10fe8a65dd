// Lint with zero warnings (`--max-warnings 0`). The architecture's fences live
// here, as import rules (README, "Architecture"):
// - src/domain is the shared, pure core, so it may import no UI framework,
//   database, network or Node I/O module; the PWA and the sync server import
//   it, never the other way round.
// - sync-server runs on Node: it may import src/domain and src/demo, never a
//   browser-side module (src/ui, src/db, src/sync, src/state, src/pwa).
// - Below the screens (src/sync, src/db, src/state, src/pwa) nothing imports
//   src/ui: the screens use those layers, not the other way round.
// - In sync-server, replication/ may use auth/, never the reverse (auth/ is the
//   lower layer: who is asking and what they may do, knowing no push or pull).
// - No production file imports a test: harnesses live in testing/ folders,
//   and only tests (*.test.*, testing/, test/) import them or each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import fencedDynamicImports from './eslint-rules/fenced-dynamic-imports.js';

const IMPURE = [
  'preact', 'preact/*', 'react', 'react-dom', '@preact/*', '@testing-library/*',
  'rxdb', 'rxdb/*', 'rxjs', 'rxjs/*', 'dexie', 'zustand', 'zustand/*', 'workbox-window', 'workbox-*',
  'fastify', 'fastify/*', '@fastify/*', 'better-sqlite3', 'pg', 'kysely',
  'node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'path', 'os', 'child_process', 'undici',
];

/** Test code: only these files may import a harness or another test. */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'test/**'];
const NO_TEST_CODE = {
  group: ['**/*.test', '**/*.test.*', '**/testing', '**/testing/**', '**/test/**'],
  message: 'Production code imports no test file or harness (harnesses live in testing/ folders, for tests only).',
};
const BROWSER_SIDE = ['ui', 'db', 'sync', 'state', 'pwa'].flatMap((layer) => [`**/src/${layer}`, `**/src/${layer}/**`]);
const NO_BROWSER_SIDE = {
  group: [...BROWSER_SIDE, '**/src/app', '**/src/app.tsx', '**/src/main.tsx'],
  message: 'sync-server runs on Node: it may import src/domain and src/demo, never a browser-side module.',
};

/**
 * The layer fences. ESLint keeps one set of options per rule and file (a later
 * config replaces no-restricted-imports' options, it does not add to them), so
 * each fence lists every pattern that holds for its files: `patterns` hold for
 * all its files (its tests too unless `productionOnly`), the test fence for its
 * production files. A later fence in this list wins over an earlier one for
 * the files both match (auth/ inside sync-server/), so a nested fence repeats
 * its parent's patterns.
 */
const FENCES = [
  {
    files: ['src/domain/**'],
    productionOnly: true,
    patterns: [
      { group: IMPURE, message: 'src/domain is the pure, shared core: no UI, database, network or I/O imports.' },
      { group: ['**/db/**', '**/ui/**', '**/sync/**', '**/state/**', '**/pwa/**', '**/sync-server/**'], message: 'src/domain must not depend on outer layers.' },
    ],
  },
  {
    files: ['src/sync/**', 'src/db/**', 'src/state/**', 'src/pwa/**'],
    patterns: [{ group: ['**/ui', '**/ui/**'], message: 'The screens use this layer, never the other way round: nothing below src/ui imports it.' }],
  },
  { files: ['sync-server/**'], patterns: [NO_BROWSER_SIDE] },
  // Inside the server, dependencies go one way: http/ -> replication/ -> auth/ -> store/.
  // (Its tests may cross: a replication test drives the HTTP test server.)
  {
    files: ['sync-server/replication/**'],
    productionOnly: true,
    patterns: [NO_BROWSER_SIDE, { group: ['**/http', '**/http/**'], message: 'replication/ knows nothing of HTTP: routes call it.' }],
  },
  {
    files: ['sync-server/auth/**'],
    productionOnly: true,
    patterns: [
      NO_BROWSER_SIDE,
      { group: ['**/replication', '**/replication/**', '**/http', '**/http/**'], message: 'auth/ is below replication/ and http/: they use it, it knows neither.' },
    ],
  },
  {
    files: ['sync-server/store/**'],
    productionOnly: true,
    patterns: [
      NO_BROWSER_SIDE,
      { group: ['**/replication', '**/replication/**', '**/http', '**/http/**', '**/auth', '**/auth/**'], message: 'store/ is the bottom layer: it knows records, not who asks or how.' },
    ],
  },
];

/** The same patterns for static imports and for lazy import() (eslint-rules/fenced-dynamic-imports.js). */
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
  'fences/dynamic-imports': ['error', { patterns }],
});

const fenceConfigs = FENCES.flatMap(({ files, patterns, productionOnly = false }) => [
  ...(productionOnly ? [] : [{ files, rules: restrict(patterns) }]),
  { files, ignores: TEST_FILES, rules: restrict([...patterns, NO_TEST_CODE]) },
]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-results/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', navigator: 'readonly', console: 'readonly',
        process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly',
        clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly', performance: 'readonly',
        crypto: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly', structuredClone: 'readonly',
        indexedDB: 'readonly', location: 'readonly', localStorage: 'readonly', Buffer: 'readonly',
      },
    },
    plugins: { fences: { rules: { 'dynamic-imports': fencedDynamicImports } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // RxDB 17.6 keeps every change event routed through collection.$ in a Map it never empties
      // (see watchReadingInserts in src/db/board/board-readings.ts): read a collection's eventBulks$ instead.
      'no-restricted-properties': ['error',
        ...['insert$', 'update$', 'remove$'].map((property) => ({ property, message: 'Leaks every change in RxDB 17.6: use the collection\'s eventBulks$.' })),
      ],
    },
  },
  // Preact's hooks follow React's rules, so eslint-plugin-react-hooks checks them too: the classic two.
  // Its React Compiler rules (7.x "recommended") are off: they know hooks by their 'react' import, so
  // with 'preact/hooks' most find nothing, and `immutability` only objects to the latest-value ref
  // written during render (live.current = ...), which is sound in Preact's synchronous renderer.
  {
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // The rest of the app (src/app.tsx, src/main.tsx, src/ui, src/demo) and the root configs still
  // import no test code. bench/ and scripts/ are tools that drive the built app in Chromium
  // through the end-to-end harness (test/e2e/harness.ts) on purpose; nothing ships from them.
  {
    files: ['src/**', '*.{ts,js,mjs}'],
    ignores: [...TEST_FILES, ...FENCES.flatMap((fence) => fence.files)],
    rules: restrict([NO_TEST_CODE]),
  },
  ...fenceConfigs,
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'No network in the domain core.' },
        { name: 'indexedDB', message: 'No storage in the domain core.' },
        { name: 'localStorage', message: 'No storage in the domain core.' },
      ],
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'The domain has no clock of its own: pass the time in.',
      }, {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'The domain has no clock of its own: pass the time in.',
      }],
    },
  },
);
