/**
 * [A7] Who-am-I and time: `/api/me` needs a device token; `/api/time` and
 * `/api/health` answer anyone (a tablet not yet enrolled checks the server and
 * its clock before it has a token), on both engines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOCHUM, enroll, postgresEngine, PR1, sqliteEngine, startTestServer, type TestServer } from './testing/test-support.ts';

describe.each([sqliteEngine, postgresEngine])('[A7] who-am-I and time, on $name', (engine) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(engine);
  });
  afterEach(async () => {
    await s.close();
  });

  it('[A7] GET /api/me needs a token and names the device behind it', async () => {
    const none = await s.app.inject({ method: 'GET', url: '/api/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: 'missing_token' });
    const tablet = await enroll(s, 'tablet');
    const me = await s.app.inject({ method: 'GET', url: '/api/me', headers: tablet.auth });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ deviceId: tablet.deviceId, plantId: BOCHUM, kind: 'tablet', lineId: PR1 });
  });

  it('[A7] GET /api/time and GET /api/health answer without a token; the time is the server clock', async () => {
    const time = await s.app.inject({ method: 'GET', url: '/api/time' });
    expect(time.statusCode).toBe(200);
    expect(time.json()).toEqual({ serverTime: new Date(s.clock.now).toISOString() });
    const health = await s.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ ok: true });
  });
});
