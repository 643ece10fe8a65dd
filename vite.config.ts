import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';

// The manifest lives at the top of the repo so it is easy to find and review;
// the PWA plugin emits exactly this file as the build's manifest.webmanifest.
// Every build carries its own id (shown in the About panel). Two builds therefore
// always differ, which is also what lets a test "deploy a new version".
const buildId = process.env.TIERBOARD_BUILD_ID ?? new Date().toISOString();
const appVersion = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

const manifest = JSON.parse(readFileSync(new URL('./manifest.webmanifest', import.meta.url), 'utf8')) as Partial<ManifestOptions>;

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(appVersion),
    __BUILD_ID__: JSON.stringify(buildId),
  },
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
