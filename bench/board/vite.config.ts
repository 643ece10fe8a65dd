import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The board benchmark's page: PlantBoard on a generated plant, built like the app (production mode,
// so RxDB's dev-mode and its validator stay out, as on a real wall screen), without the service worker.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact()],
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../test-results/bench-board', import.meta.url)), emptyOutDir: true },
  logLevel: 'warn',
});
