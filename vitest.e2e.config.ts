import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium against the built app served by the real server.
// They share one machine with 2 cores, so they run one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
