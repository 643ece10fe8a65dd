/**
 * Serves the built PWA the way users get it: hashed assets cached for a year,
 * while index.html, the service worker and the manifest are always revalidated,
 * so a new deployment is noticed by the service worker's update check.
 * Also installs the server's one not-found handler ([P11]).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendNotFound } from './errors.ts';

const ALWAYS_REVALIDATE = /(^|\/)(index\.html|sw\.js|registerSW\.js|manifest\.webmanifest|workbox-[^/]+\.js)$/;

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * A file the build would have made (a hashed chunk, an icon): never answered
 * with the app shell. A tablet still running the previous deployment asks for
 * its old chunks; index.html served as JavaScript with 200 fails as a syntax
 * error deep in a lazy import, a 404 fails as what it is.
 */
function isFilePath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
}

/**
 * Serves the PWA from `distDir` when it is built, and answers every route the
 * server does not have: a GET of a non-API path gets the app shell (a
 * client-side route, e.g. a reload on `/line/pr1`) when the PWA is built,
 * unless it names a file; everything else, API or not, built or not, the
 * contract's `404 not_found`.
 */
export async function serveApp(app: FastifyInstance, distDir: string): Promise<void> {
  const root = resolve(distDir);
  const built = existsSync(resolve(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      // [W7] The build wrote a .br and a .gz beside each file worth it (vite.config.ts): sent as
      // they are to a browser that accepts them, compressed once at build time, not per request.
      preCompressed: true,
      // Off, or the plugin's own `public, max-age=0` (written after setHeaders) replaces ours.
      cacheControl: false,
      setHeaders(res, path) {
        if (ALWAYS_REVALIDATE.test(path)) res.setHeader('Cache-Control', 'no-cache');
        else if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'public, max-age=0');
      },
    });
  } else {
    app.log.warn(`no built app in ${root}: run "npm run build" to serve the PWA`);
  }
  app.setNotFoundHandler((req, reply) => {
    if (built && req.method === 'GET' && !isApiPath(req.url) && !isFilePath(req.url)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return sendNotFound(req, reply);
  });
}
