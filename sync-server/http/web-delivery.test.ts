/**
 * Web delivery ([W1]-[W7]) on both engines: the security headers on every answer, API and app
 * alike; `Cache-Control: no-store` on the API; API answers compressed where it pays; the live
 * stream never held back by compression; the app's files sent as the build compressed them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../server.ts';
import { PERMISSIONS_POLICY } from './security-headers.ts';
import { enroll, postgresEngine, push, reading, row, sqliteEngine, sseReader, startTestServer, testConfig, type Enrolled, type TestServer } from './testing/test-support.ts';

type Headers = Record<string, string | string[] | number | undefined>;

/** [W1] [W2] [W3] What every answer carries, whatever it is. */
function expectSecurityHeaders(headers: Headers | globalThis.Headers, what: string): void {
  const get = (name: string): string => String(headers instanceof globalThis.Headers ? headers.get(name) : headers[name]);
  const csp = get('content-security-policy');
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self';");
  expect(csp, what).toContain("style-src 'self';");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).not.toContain('unsafe-eval');
  expect(csp, what).not.toContain('upgrade-insecure-requests');
  expect(get('x-content-type-options'), what).toBe('nosniff');
  expect(get('x-frame-options'), what).toBe('DENY');
  expect(get('referrer-policy'), what).toBe('no-referrer');
  expect(get('permissions-policy'), what).toBe(PERMISSIONS_POLICY);
  expect(get('permissions-policy'), what).toContain('camera=(self)');
  expect(get('permissions-policy'), what).toContain('microphone=()');
}

/** Each route of the OpenAPI document, its parameters filled in, asked with a device's token and without. */
async function everyApiRequest(s: TestServer, device: Enrolled): Promise<InjectOptions[]> {
  const doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  const requests: InjectOptions[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    const url = path.replace('{collection}', 'kpi_readings').replace(/\{\w+\}/g, 'x-unknown');
    for (const method of Object.keys(operations)) {
      // The stream is asked over a real connection below: an injected one would never end.
      if (url === '/api/replication/stream') continue;
      const m = method.toUpperCase() as 'GET' | 'POST';
      const body = m === 'POST' ? { payload: {} } : {};
      requests.push({ method: m, url, ...body }, { method: m, url, headers: device.auth, ...body });
    }
  }
  expect(requests.length).toBeGreaterThanOrEqual(16);
  return requests;
}

describe.each([sqliteEngine, postgresEngine])('web delivery on $name', (engine) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(engine);
  });
  afterEach(async () => {
    await s.close();
  });

  it('[W1] [W2] [W3] [W4] every API route answers with the security headers and Cache-Control: no-store, whatever its status', async () => {
    const tablet = await enroll(s, 'tablet');
    const statuses = new Set<number>();
    for (const request of [...(await everyApiRequest(s, tablet)), { method: 'GET' as const, url: '/api/nothing-here' }, { method: 'POST' as const, url: '/api/enroll', payload: '{"code":', headers: { 'content-type': 'application/json' } }]) {
      const res = await s.app.inject(request);
      const what = `${request.method} ${request.url} (${res.statusCode})`;
      statuses.add(res.statusCode);
      expectSecurityHeaders(res.headers, what);
      expect(res.headers['cache-control'], what).toBe('no-store');
    }
    // Answers of every kind were looked at: success, refusal, unknown route, unauthenticated.
    for (const status of [200, 400, 401, 404]) expect(statuses).toContain(status);
  });

  it('[W1] [W4] [W6] the live stream carries the headers and no-store, is never compressed, and an event arrives at once', async () => {
    const url = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const tablet = await enroll(s, 'tablet');
    const wall = await enroll(s, 'wall_screen');
    const res = await fetch(`${url}/api/replication/stream`, { headers: { ...wall.auth, 'accept-encoding': 'br, gzip, deflate' } });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers, 'stream');
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(res.headers.get('content-encoding')).toBeNull();
    const events = sseReader(res.body as ReadableStream<Uint8Array>);
    expect(await events.next()).toBe('RESYNC');
    // One small change and nothing after it: a compressor would sit on these bytes until more
    // came (or the stream ended), and this read would never return.
    const mine = reading();
    expect((await push(s, tablet, 'kpi_readings', [row(mine)])).statusCode).toBe(200);
    const event = (await events.next()) as { documents: { id: string }[] };
    expect(event.documents.map((d) => d.id)).toEqual([mine.id]);
    await events.cancel();
  });

  it('[W5] a pull of 1,000 readings is compressed for a device that accepts it, and reads back the same', async () => {
    const tablet = await enroll(s, 'tablet');
    for (let i = 0; i < 2; i++) {
      const rows = Array.from({ length: 500 }, () => row(reading()));
      expect((await push(s, tablet, 'kpi_readings', rows)).statusCode).toBe(200);
    }
    const url = '/api/replication/kpi_readings/pull?checkpoint=&limit=1000';
    const plain = await s.app.inject({ method: 'GET', url, headers: tablet.auth });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const raw = plain.rawPayload;
    expect(plain.json<{ documents: unknown[] }>().documents.length).toBe(1000);

    const gz = await s.app.inject({ method: 'GET', url, headers: { ...tablet.auth, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).equals(raw)).toBe(true);
    // It pays: a tenth of the bytes or less (about 434 kB raw against 15 kB gzipped, measured).
    expect(gz.rawPayload.length).toBeLessThan(raw.length / 10);

    const br = await s.app.inject({ method: 'GET', url, headers: { ...tablet.auth, 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);
    expectSecurityHeaders(br.headers, 'compressed pull');
    expect(br.headers['cache-control']).toBe('no-store');
  });

  it('[W5] a small answer goes as it is: below the threshold compressing does not pay', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('[W1] [W7] the app: every file carries the security headers, keeps its caching, and is sent as the build compressed it', async () => {
    await withBuiltApp(s, async (app, files) => {
      for (const url of ['/', '/index.html', '/line/line-bochum-pr1', '/assets/index-3f2a9c.js', '/sw.js', '/assets/index-0ld0ne.js']) {
        const res = await app.inject({ method: 'GET', url });
        expectSecurityHeaders(res.headers, url);
        expect(res.headers['cache-control'], url).not.toBe('no-store');
      }
      const asset = '/assets/index-3f2a9c.js';
      const br = await app.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // The very bytes the build wrote: compressed once, not again per request.
      expect(br.rawPayload.equals(files.brotli)).toBe(true);
      const gz = await app.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.rawPayload.equals(files.gzip)).toBe(true);
      const plain = await app.inject({ method: 'GET', url: asset });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(files.source);
      // The app shell, also as a client-side route.
      const shell = await app.inject({ method: 'GET', url: '/line/line-bochum-pr1', headers: { 'accept-encoding': 'br' } });
      expect(shell.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(shell.rawPayload).toString()).toBe(files.shell);
      expect(shell.headers['cache-control']).toBe('no-cache');
    });
  });
});

/** A built PWA as the build leaves it: each file beside its .br and .gz. */
async function withBuiltApp(s: TestServer, use: (app: FastifyInstance, files: { source: string; brotli: Buffer; gzip: Buffer; shell: string }) => Promise<void>): Promise<void> {
  const dist = mkdtempSync(join(tmpdir(), 'tierboard-dist-w-'));
  const shell = `<!doctype html><title>Tierboard</title>${' '.repeat(2000)}`;
  const source = `export const words = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `word ${i}`))};\n`;
  // Levels the server would not choose on the fly, so the test sees the build's bytes are sent.
  const brotli = brotliCompressSync(source);
  const gzip = gzipSync(source, { level: 9 });
  writeFileSync(join(dist, 'index.html'), shell);
  writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(shell));
  writeFileSync(join(dist, 'index.html.gz'), gzipSync(shell, { level: 9 }));
  writeFileSync(join(dist, 'sw.js'), '// service worker');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'index-3f2a9c.js'), source);
  writeFileSync(join(dist, 'assets', 'index-3f2a9c.js.br'), brotli);
  writeFileSync(join(dist, 'assets', 'index-3f2a9c.js.gz'), gzip);
  const app = await buildServer({ ...testConfig(), distDir: dist }, { store: s.store, clock: () => s.clock.now, logLevel: 'error' });
  try {
    await use(app, { source, brotli, gzip, shell });
  } finally {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  }
}
