// Lint with zero warnings (`--max-warnings 0`). The one architectural rule:
// src/domain is the shared, pure core, so it may import no UI framework,
// database, network or Node I/O module; the PWA and the sync server import it,
// never the other way round.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IMPURE = [
  'preact', 'preact/*', 'react', 'react-dom', '@preact/*', '@testing-library/*',
  'rxdb', 'rxdb/*', 'rxjs', 'rxjs/*', 'dexie', 'zustand', 'zustand/*', 'workbox-window', 'workbox-*',
  'fastify', 'fastify/*', '@fastify/*', 'better-sqlite3', 'pg', 'kysely',
  'node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'path', 'os', 'child_process', 'undici',
];

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
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // RxDB 17.6 keeps every change event routed through collection.$ in a Map it never empties
      // (see watchReadingInserts in src/db/board/board-readings.ts): read a collection's eventBulks$ instead.
      'no-restricted-properties': ['error',
        ...['insert$', 'update$', 'remove$'].map((property) => ({ property, message: 'Leaks every change in RxDB 17.6: use the collection\'s eventBulks$.' })),
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: IMPURE, message: 'src/domain is the pure, shared core: no UI, database, network or I/O imports.' },
          { group: ['**/db/**', '**/ui/**', '**/sync/**', '**/state/**', '**/pwa/**', '**/sync-server/**'], message: 'src/domain must not depend on outer layers.' },
        ],
      }],
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
