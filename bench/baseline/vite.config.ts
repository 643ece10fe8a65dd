import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

// Same plugin, same precaching strategy as the app's vite.config.ts.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    preact(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: { globPatterns: ['**/*.{js,css,html}'], navigateFallback: '/index.html', cleanupOutdatedCaches: true },
    }),
  ],
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../test-results/bench-baseline', import.meta.url)), emptyOutDir: true },
  logLevel: 'warn',
});
