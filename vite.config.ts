import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { compression } from 'vite-plugin-compression2';

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
        // The worker takes over the page that installed it: without it the first visit stays
        // uncontrolled, and a screen first opened after the network dropped has nothing to load
        // from. No skipWaiting: on a first visit nothing is waiting anyway, and on an update the
        // new version must wait for the person's Reload tap (register-service-worker.ts).
        clientsClaim: true,
      },
    }),
    // The server sends these as they are (sync-server/http/static-app.ts, preCompressed): every
    // file compressed once here, at the highest levels, instead of on each request. Files the
    // service worker writes after this (sw.js, workbox-*.js) are compressed by the server.
    compression({
      include: /\.(html|css|js|mjs|json|svg|webmanifest)$/,
      algorithms: ['gzip', 'brotliCompress'],
      threshold: 1024,
      logLevel: 'silent',
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
});
