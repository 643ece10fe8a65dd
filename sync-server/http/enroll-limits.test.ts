/**
 * [E1] Enrollment codes cannot be guessed, [E2] the routes without a token are
 * limited per address: on both engines, over Fastify's inject with the
 * caller's address set per request.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import { RATE_LIMITS } from './rate-limits.ts';
import { BOCHUM, PR1, postgresEngine, sqliteEngine, startTestServer, type TestServer } from './testing/test-support.ts';

/** A well-formed code nobody issued. */
const WRONG = 'ACDE-FGHJ-KMNP-QRTW-XY34';

describe.each([sqliteEngine, postgresEngine])('enrollment limits on $name', (engine) => {
  let s: TestServer;
  const logs: string[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    logs.length = 0;
    await s.close();
  });

  const start = async () => {
    s = await startTestServer(engine, { logLevel: 'warn', logStream: { write: (line) => void logs.push(line) } });
  };
  const code = async () => (await issueEnrollmentCode(s.store, { plantId: BOCHUM, kind: 'tablet', lineId: PR1, createdBy: 'test', origin: 'http://x' }, s.clock.now)).code;
  const enrollFrom = (address: string, typed: string) => s.app.inject({ method: 'POST', url: '/api/enroll', remoteAddress: address, payload: { code: typed, name: 'tablet' } });

  it('[E1] after 10 wrong codes an address waits (429 with Retry-After), even with a right code; other addresses do not', async () => {
    await start();
    for (let i = 0; i < RATE_LIMITS.enrollFailuresPerAddress; i++) expect((await enrollFrom('10.0.0.1', WRONG)).statusCode).toBe(404);
    const good = await code();
    const held = await enrollFrom('10.0.0.1', good);
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ error: 'too_many_attempts', message: expect.stringContaining('Too many wrong codes') });
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(RATE_LIMITS.windowMs / 1000);
    // The code was not looked at: another desk may still use it.
    expect((await enrollFrom('10.0.0.2', good)).statusCode).toBe(200);
  });

  it('[E1] the wait ends with the window: the address may try again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await start();
    for (let i = 0; i < RATE_LIMITS.enrollFailuresPerAddress; i++) await enrollFrom('10.0.0.1', WRONG);
    expect((await enrollFrom('10.0.0.1', WRONG)).statusCode).toBe(429);
    vi.setSystemTime(Date.now() + RATE_LIMITS.windowMs);
    expect((await enrollFrom('10.0.0.1', await code())).statusCode).toBe(200);
  });

  it('[E1] successful enrollments do not count: one desk enrolls a whole line of tablets', async () => {
    await start();
    for (let i = 0; i < RATE_LIMITS.enrollFailuresPerAddress + 5; i++) expect((await enrollFrom('10.0.0.1', await code())).statusCode).toBe(200);
  });

  it('[E1] 100 wrong codes from many addresses hold enrollment for everyone until the window ends', async () => {
    await start();
    for (let i = 0; i < RATE_LIMITS.enrollFailuresOverall; i++) expect((await enrollFrom(`10.1.${i >> 8}.${i & 255}`, WRONG)).statusCode).toBe(404);
    const res = await enrollFrom('10.2.0.1', await code());
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ error: 'too_many_attempts', message: expect.stringContaining('too many wrong codes') });
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('[E1] a failed attempt is logged with its address and never with the code', async () => {
    await start();
    await enrollFrom('10.0.0.9', WRONG);
    const failed = logs.map((l) => JSON.parse(l) as { msg: string; address?: string; refused?: string }).filter((l) => l.msg === 'failed enrollment attempt');
    expect(failed).toEqual([expect.objectContaining({ address: '10.0.0.9', refused: 'unknown_enrollment_code' })]);
    const all = logs.join('\n');
    for (const piece of [WRONG, WRONG.replaceAll('-', ''), 'ACDE']) expect(all).not.toContain(piece);
  });

  it('[E2] the routes without a token are limited per address, answered 429 too_many_requests with Retry-After', async () => {
    s = await startTestServer(engine, { rateLimits: { openRouteCallsPerAddress: 3 } });
    for (const url of ['/api/health', '/api/time', '/api/openapi.json']) {
      for (let i = 0; i < 3; i++) expect((await s.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.5' })).statusCode).toBe(200);
      const res = await s.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.5' });
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ error: 'too_many_requests', message: expect.stringContaining('Try again in') });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.headers['x-server-time']).toBeDefined();
      expect((await s.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.6' })).statusCode).toBe(200);
    }
  });
});
