/**
 * [O1]-[O4] [O6] What the server tells the plant's IT: Prometheus metrics, the devices' health
 * (JSON and a page without scripts) from what devices report, who may read them, and the
 * database's identity on every answer. On both engines: contacts and identities are stored.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_VERSION_HEADER, DATABASE_HEADER, WAITING_HEADER } from '../../src/domain/wire/protocol.ts';
import { buildServer } from '../server.ts';
import { CONTACT_WRITE_EVERY_MS } from './device-contact.ts';
import { enroll, pullAll, push, reading, row, postgresEngine, sqliteEngine, startTestServer, testConfig, type Engine, type TestServer } from './testing/test-support.ts';

/** One metric's value from the text exposition, by its labels; undefined when the series is absent. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

for (const engine of [sqliteEngine, postgresEngine] as Engine[]) {
  describe(`operations on ${engine.name}`, () => {
    let s: TestServer;
    beforeEach(async () => {
      s = await startTestServer(engine);
    });
    afterEach(async () => s.close());

    const scrape = async () => {
      const res = await s.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      return res.body;
    };

    it('[O1] counts requests by route pattern and status, rows pushed and pulled, and reads the feed head and live streams', async () => {
      const tablet = await enroll(s, 'tablet');
      const readings = [reading(), reading(), reading()];
      expect((await push(s, tablet, 'kpi_readings', readings.map((r) => row(r)))).statusCode).toBe(200);
      const pulled = await pullAll(s, tablet, 'kpi_readings');
      await s.app.inject({ method: 'GET', url: '/api/replication/no_such_collection/pull', headers: tablet.auth });
      await s.app.inject({ method: 'GET', url: '/api/no/such/path/42' });

      const text = await scrape();
      const push_ = { method: 'POST', route: '/api/replication/:collection/push', status: '200' };
      expect(metric(text, 'tierboard_http_requests_total', push_)).toBe(1);
      expect(metric(text, 'tierboard_http_requests_total', { method: 'GET', route: '/api/replication/:collection/pull', status: '404' })).toBe(1);
      expect(metric(text, 'tierboard_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
      // Never the raw URL: no series names a collection or a junk path.
      expect(text).not.toContain('no_such_collection');
      expect(text).not.toContain('/api/no/such');
      expect(metric(text, 'tierboard_push_rows_total', { collection: 'kpi_readings' })).toBe(3);
      expect(metric(text, 'tierboard_pull_rows_total', { collection: 'kpi_readings' })).toBe(pulled.length);
      expect(metric(text, 'tierboard_feed_head_position')).toBe(await s.store.headPosition());
      expect(metric(text, 'tierboard_live_streams')).toBe(0);
      expect(metric(text, 'tierboard_storage_errors_total')).toBe(0);
      // [O1] No upstream link exists in this version: the gauge says "not configured", never "up".
      expect(metric(text, 'tierboard_upstream_link_state')).toBe(0);
    });

    it('[O4] a device reports its app version and waiting entries; the server keeps them with its last contact', async () => {
      const tablet = await enroll(s, 'tablet');
      const silent = await enroll(s, 'wall_screen');
      const headers = { [APP_VERSION_HEADER]: '0.1.0+abc123', [WAITING_HEADER]: '7' };
      await s.app.inject({ method: 'GET', url: '/api/replication/kpi_readings/pull?checkpoint=&limit=10', headers: { ...tablet.auth, ...headers } });

      const answer = await s.app.inject({ method: 'GET', url: '/api/ops/devices' });
      expect(answer.statusCode).toBe(200);
      const devices = answer.json<{ devices: Record<string, unknown>[] }>().devices;
      expect(devices.find((d) => d.deviceId === tablet.deviceId)).toMatchObject({ kind: 'tablet', lastContactAt: new Date(s.clock.now).toISOString(), appVersion: '0.1.0+abc123', waiting: 7 });
      // Enrolled, never synced: IT sees that too.
      expect(devices.find((d) => d.deviceId === silent.deviceId)).toMatchObject({ kind: 'wall_screen', lastContactAt: null, appVersion: '', waiting: null });

      // Its outbox drains: the new count is kept at once, the version it did not send again stays.
      s.clock.now += 1000;
      await push(s, tablet, 'kpi_readings', [row(reading())], { [WAITING_HEADER]: '0' });
      let mine = (await s.store.listDeviceStatus()).find((d) => d.deviceId === tablet.deviceId);
      expect(mine).toMatchObject({ waiting: 0, appVersion: '0.1.0+abc123', lastContactAt: new Date(s.clock.now).toISOString() });

      // Nothing new: the contact is written at most once a minute.
      const before = mine?.lastContactAt;
      s.clock.now += 1000;
      await s.app.inject({ method: 'GET', url: '/api/me', headers: tablet.auth });
      mine = (await s.store.listDeviceStatus()).find((d) => d.deviceId === tablet.deviceId);
      expect(mine?.lastContactAt).toBe(before);
      s.clock.now += CONTACT_WRITE_EVERY_MS;
      await s.app.inject({ method: 'GET', url: '/api/me', headers: tablet.auth });
      mine = (await s.store.listDeviceStatus()).find((d) => d.deviceId === tablet.deviceId);
      expect(mine?.lastContactAt).toBe(new Date(s.clock.now).toISOString());

      // Malformed reports are not kept (and do not fail the request).
      s.clock.now += CONTACT_WRITE_EVERY_MS;
      const odd = await s.app.inject({ method: 'GET', url: '/api/me', headers: { ...tablet.auth, [WAITING_HEADER]: '-3', [APP_VERSION_HEADER]: ' \u0001 ' } });
      expect(odd.statusCode).toBe(200);
      mine = (await s.store.listDeviceStatus()).find((d) => d.deviceId === tablet.deviceId);
      expect(mine).toMatchObject({ waiting: 0, appVersion: '0.1.0+abc123' });
    });

    it('[O3] the health page is a server-rendered table with no inline script or style, names escaped', async () => {
      const tablet = await enroll(s, 'tablet');
      await s.app.inject({ method: 'GET', url: '/api/me', headers: { ...tablet.auth, [APP_VERSION_HEADER]: '<b>1.2</b>', [WAITING_HEADER]: '3' } });
      const page = await s.app.inject({ method: 'GET', url: '/ops/health' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain(tablet.deviceId);
      expect(page.body).toContain('&lt;b&gt;1.2&lt;/b&gt;');
      expect(page.body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
      expect(page.body).toContain('<link rel="stylesheet" href="/ops/health.css">');
      const css = await s.app.inject({ method: 'GET', url: '/ops/health.css' });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toContain('text/css');
    });

    it('[O6] every answer names the database; a renewed identity is what a restored database announces', async () => {
      const first = await s.app.inject({ method: 'GET', url: '/api/health' });
      const id = await s.store.databaseId();
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(first.headers[DATABASE_HEADER]).toBe(id);
      const renewed = await s.store.renewDatabaseId();
      expect(renewed).not.toBe(id);
      expect(await s.store.databaseId()).toBe(renewed);
    });
  });
}

describe('[O2] who may read the operations routes', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(sqliteEngine);
  });
  afterEach(async () => s.close());

  it('[O2] without a token, the plant network only: loopback and private addresses, not the internet', async () => {
    for (const remoteAddress of ['127.0.0.1', '10.4.2.9', '192.168.1.20', '::ffff:172.20.0.5', 'fd12::7']) {
      expect((await s.app.inject({ method: 'GET', url: '/metrics', remoteAddress })).statusCode).toBe(200);
    }
    for (const url of ['/metrics', '/api/ops/devices', '/ops/health']) {
      const res = await s.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.9' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'not_allowed', message: expect.stringContaining('TIERBOARD_OPS_TOKEN') });
    }
  });

  it('[O2] with TIERBOARD_OPS_TOKEN set, the token as bearer or basic-auth password, from anywhere; a device token is not it', async () => {
    const app = await buildServer({ ...testConfig(), opsToken: 'plant-it-secret' }, { store: s.store, clock: () => s.clock.now, logLevel: 'error' });
    try {
      const tablet = await enroll(s, 'tablet');
      const at = (headers: Record<string, string>, url = '/metrics') => app.inject({ method: 'GET', url, headers, remoteAddress: '203.0.113.9' });
      expect((await at({ authorization: 'Bearer plant-it-secret' })).statusCode).toBe(200);
      expect((await at({ authorization: `Basic ${Buffer.from('it:plant-it-secret').toString('base64')}` }, '/ops/health')).statusCode).toBe(200);
      const none = await at({}, '/ops/health');
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toContain('Basic');
      expect((await at(tablet.auth)).statusCode).toBe(401);
      // Loopback alone is not enough once a token is set (a reverse proxy is loopback).
      expect((await app.inject({ method: 'GET', url: '/api/ops/devices' })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('[O1] storage errors are counted', () => {
  it('[O1] a push the full disk refuses counts as a storage error', async () => {
    const s = await startTestServer(sqliteEngine);
    try {
      const tablet = await enroll(s, 'tablet');
      const db = (s.store as unknown as { db: Database.Database }).db;
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const full = await push(s, tablet, 'kpi_readings', Array.from({ length: 50 }, () => row(reading({ note: 'x'.repeat(400) }))));
      expect(full.statusCode).toBe(503);
      const text = (await s.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metric(text, 'tierboard_storage_errors_total')).toBe(1);
    } finally {
      await s.close();
    }
  });
});
