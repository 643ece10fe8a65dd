import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';

// The manifest lives at the top of the repo so it is easy to find and review;
// the PWA plugin emits exactly this file as the build's manifest.webmanifest.
const manifest = JSON.parse(readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8')) as Partial<ManifestOptions>;

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      // 'prompt': a new version waits until the person accepts it, so nobody
      // mid-entry gets the page reloaded under their fingers.
      registerType: 'prompt',
      injectRegister: false,
      manifest,
      includeAssets: ['icons/*.png', 'favicon.svg'],
      workbox: {
        // Precache every chunk, lazy screens included, so every screen works
        // offline from the first visit on.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
});
