/**
 * Security headers on every answer, the app's files and the API alike ([W1]-[W3]), through
 * @fastify/helmet; Permissions-Policy and the API's `Cache-Control: no-store` beside it.
 *
 * The Content-Security-Policy is strict because the app can be: the built index.html has no
 * inline script or style (vite emits files, the service worker is registered from a module,
 * see index.html), Preact writes `style` through the CSSOM (`el.style.x = ...`), which
 * style-src does not govern, and the app talks only to the server that serves it (the server
 * has no CORS, so another origin could not answer anyway). Photos of escalations are shown as
 * `data:` URLs (src/ui/photo), hence `img-src data:`. Checked in Chromium: no violation on any
 * screen (test/e2e/web-delivery.e2e.test.ts).
 *
 * All headers are set in onRequest on the raw response, so they also reach answers written
 * past Fastify (the hijacked live stream) and every error and not-found answer.
 */
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  // [W2] Nothing may frame the app: a wall screen shows the board full screen in its own
  // kiosk browser (design.md), so no page needs to embed it, and a frame is a clickjacking risk.
  'frame-ancestors': ["'none'"],
  // Helmet adds upgrade-insecure-requests by default; on a plant server spoken to over plain
  // http on the plant network it would send every request of the app to an https that is not there.
  'upgrade-insecure-requests': null,
};

/**
 * [W3] What the app may use: the camera (photos of escalations), full screen and a screen that
 * stays awake (wall screens); nothing else. Only features Chromium knows, or it warns in the console.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'fullscreen=(self)',
  'screen-wake-lock=(self)',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'display-capture=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
].join(', ');

/** The API's answers, and the operations routes' ([O1]-[O3]): both tell of one moment. */
function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?') || url === '/metrics' || url.startsWith('/metrics?') || url.startsWith('/ops/');
}

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The server speaks plain http on the plant network; where TLS is terminated (a reverse
    // proxy) that proxy owns HSTS for its host name. Browsers ignore HSTS over http anyway.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.raw.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    // [W4] API answers are per device and per moment: no browser or proxy cache may keep one
    // (the app's own files keep the caching static-app.ts gives them).
    if (isApiPath(req.url)) reply.raw.setHeader('Cache-Control', 'no-store');
  });
}
