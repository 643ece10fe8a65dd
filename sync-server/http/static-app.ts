/**
 * Serves the built PWA the way users get it: hashed assets cached for a year,
 * while index.html, the service worker and the manifest are always revalidated,
 * so a new deployment is noticed by the service worker's update check.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const ALWAYS_REVALIDATE = /(^|\/)(index\.html|sw\.js|registerSW\.js|manifest\.webmanifest|workbox-[^/]+\.js)$/;

export async function serveApp(app: FastifyInstance, distDir: string): Promise<void> {
  const root = resolve(distDir);
  if (!existsSync(resolve(root, 'index.html'))) {
    app.log.warn(`no built app in ${root}: run "npm run build" to serve the PWA`);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    setHeaders(res, path) {
      if (ALWAYS_REVALIDATE.test(path)) res.setHeader('Cache-Control', 'no-cache');
      else if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  // Client-side routes fall back to the app shell; unknown API paths stay 404 JSON.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url}` });
  });
}
