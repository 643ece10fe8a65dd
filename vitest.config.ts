import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'sync-server/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // zustand's ESM build imports 'react'; inline it so the preact/compat alias applies.
    server: { deps: { inline: ['zustand'] } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
