/**
 * The live stream over real HTTP on a listening port ([P9], [P10]), on both engines:
 * fetch reads the Server-Sent Events as a tablet's EventSource would.
 */
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEVICE_TOKEN_LIFETIME_MS } from '../auth/device-auth.ts';
import { PEOPLE, PEORIA, enroll, postgresEngine, push, reading, row, sqliteEngine, signInOnServer, sseReader, startTestServer, type TestServer } from './testing/test-support.ts';

describe.each([sqliteEngine, postgresEngine])('live stream over HTTP on $name', (engine) => {
  let s: TestServer;
  let url: string;
  beforeEach(async () => {
    s = await startTestServer(engine);
    url = await s.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await s.close();
  });

  it("[P10] [P9] a stream hears RESYNC first, then pushed changes of its plant only", async () => {
    const tablet = await enroll(s, 'tablet');
    const wall = await enroll(s, 'wall_screen');
    const peoria = await enroll(s, 'tablet', PEORIA, 'line-peoria-a1');

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-server-time')).toBe(new Date(s.clock.now).toISOString());

    const res = await fetch(`${url}/api/replication/stream`, { headers: wall.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = sseReader(res.body as ReadableStream<Uint8Array>);
    expect(await events.next()).toBe('RESYNC');

    // Another plant's change must not reach this wall screen; the next event is Bochum's.
    await push(s, peoria, 'kpi_readings', [row(reading({ plantId: PEORIA, lineId: 'line-peoria-a1' }))]);
    const mine = reading();
    const pushed = await fetch(`${url}/api/replication/kpi_readings/push`, {
      method: 'POST',
      headers: { ...tablet.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [row(mine)] }),
    });
    // [P12] The answer carries the stored, stamped reading.
    const stampedAt = new Date(s.clock.now).toISOString();
    expect(await pushed.json()).toEqual({ conflicts: [{ ...mine, receivedAt: stampedAt, _deleted: false }], rejected: [] });

    const event = (await events.next()) as { collection: string; documents: { id: string; receivedAt: string }[]; checkpoint: { position: number } };
    expect(event.collection).toBe('kpi_readings');
    expect(event.documents.map((d) => d.id)).toEqual([mine.id]);
    expect(event.documents[0]?.receivedAt).toBe(stampedAt);
    expect(event.checkpoint.position).toBe(await s.store.headPosition());
    await events.cancel();
  });

  it('[A4] revoking a device ends its open stream at once; reconnecting, it hears why', async () => {
    const admin = await enroll(s, 'tablet');
    const wall = await enroll(s, 'wall_screen');
    const events = sseReader((await fetch(`${url}/api/replication/stream`, { headers: wall.auth })).body as ReadableStream<Uint8Array>);
    expect(await events.next()).toBe('RESYNC');
    const revoked = await s.app.inject({ method: 'POST', url: `/api/devices/${wall.deviceId}/revoke`, headers: { ...admin.auth, ...(await signInOnServer(s, admin, PEOPLE.admin)) } });
    expect(revoked.statusCode).toBe(200);
    await expect(events.next()).rejects.toThrow('stream ended');
    const again = await fetch(`${url}/api/replication/stream`, { headers: wall.auth });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: 'device_revoked' });
  });

  it('[A3] the stream refuses a device without a token, in the contract shape', async () => {
    const res = await fetch(`${url}/api/replication/stream`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'missing_token' });
  });
});

describe.each([sqliteEngine, postgresEngine])('[A4] [A5] an open stream is checked again at every heartbeat, on $name', (engine) => {
  let s: TestServer;
  let url: string;
  beforeEach(async () => {
    // The heartbeats are hand-driven (s.timers): each fireAll() is one heartbeat of every open stream.
    s = await startTestServer(engine, { heartbeatMs: 100 });
    url = await s.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await s.close();
  });

  it('a device revoked elsewhere (another server process on the same database) loses its stream at the next heartbeat', async () => {
    const wall = await enroll(s, 'wall_screen');
    const events = sseReader((await fetch(`${url}/api/replication/stream`, { headers: wall.auth })).body as ReadableStream<Uint8Array>);
    expect(await events.next()).toBe('RESYNC');
    // Straight into the store, as a process without this stream would: no hub here hears of it.
    await s.store.revokeDevice(wall.deviceId, new Date(s.clock.now).toISOString());
    s.timers.fireAll();
    await expect(events.next()).rejects.toThrow('stream ended');
  });

  it('a device past its token lifetime loses its stream at the next heartbeat; a valid one keeps it', async () => {
    const old = await enroll(s, 'wall_screen');
    const oldEvents = sseReader((await fetch(`${url}/api/replication/stream`, { headers: old.auth })).body as ReadableStream<Uint8Array>);
    expect(await oldEvents.next()).toBe('RESYNC');
    s.clock.now += DEVICE_TOKEN_LIFETIME_MS - 1000;
    const fresh = await enroll(s, 'tablet');
    const freshEvents = sseReader((await fetch(`${url}/api/replication/stream`, { headers: fresh.auth })).body as ReadableStream<Uint8Array>);
    expect(await freshEvents.next()).toBe('RESYNC');
    s.clock.now += 2000;
    s.timers.fireAll();
    await expect(oldEvents.next()).rejects.toThrow('stream ended');
    // Several heartbeats later (the valid device hears each) it still hears changes.
    await freshEvents.ping();
    for (let beat = 0; beat < 3; beat++) {
      s.timers.fireAll();
      await freshEvents.ping();
    }
    const r = reading();
    expect((await push(s, fresh, 'kpi_readings', [row(r)])).statusCode).toBe(200);
    expect(((await freshEvents.next()) as { documents: { id: string }[] }).documents.map((d) => d.id)).toEqual([r.id]);
    await freshEvents.cancel();
  });
});

describe('[P9] a stream too far behind is ended, not buffered without end', () => {
  it.each([sqliteEngine, postgresEngine])('[P9] a device that leaves while its token is being checked leaves no stream behind (no heartbeat, no token checks), on $name', async (engine) => {
    const s = await startTestServer(engine, { heartbeatMs: 20 });
    try {
      const url = new URL(await s.app.listen({ port: 0, host: '127.0.0.1' }));
      const wall = await enroll(s, 'wall_screen');
      // A slow token lookup (PostgreSQL's round trip under load), counted: it answers when the test lets it.
      const lookUp = s.store.findDeviceByTokenHash.bind(s.store);
      let lookups = 0;
      let letAnswer: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (letAnswer = resolve));
      let answered: Promise<unknown> = Promise.resolve();
      s.store.findDeviceByTokenHash = (hash) => {
        lookups++;
        const answer = held.then(() => lookUp(hash));
        answered = answer;
        return answer;
      };
      const socket = connect(Number(url.port), url.hostname);
      socket.on('error', () => undefined);
      socket.write(`GET /api/replication/stream HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${wall.auth.authorization}\r\n\r\n`);
      await vi.waitFor(() => expect(lookups).toBe(1));
      socket.destroy();
      // The server hears the device go while its token is still being looked up; then the lookup answers.
      await vi.waitFor(async () => expect(await new Promise((r) => s.app.server.getConnections((_e, n) => r(n)))).toBe(0));
      letAnswer();
      await answered;
      await new Promise((r) => setImmediate(r)); // the route runs on past the lookup
      // A stream left open would have its heartbeat pending, and each of a dozen heartbeats would look the token up again.
      expect(s.timers.pending()).toBe(0);
      for (let beat = 0; beat < 12; beat++) s.timers.fireAll();
      expect(lookups).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('a device that stops reading has its stream ended once 64 kB wait unsent; a reading device keeps hearing every change', async () => {
    const s = await startTestServer(sqliteEngine, { streamBacklogBytes: 64 * 1024 });
    try {
      const url = new URL(await s.app.listen({ port: 0, host: '127.0.0.1' }));
      const stuck = await enroll(s, 'wall_screen');
      const tablet = await enroll(s, 'tablet');
      // A raw socket that stops reading: the kernel's buffers fill, then the server's.
      const socket = connect(Number(url.port), url.hostname);
      socket.on('error', () => undefined);
      socket.write(`GET /api/replication/stream HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${stuck.auth.authorization}\r\n\r\n`);
      socket.pause();
      const live = sseReader((await fetch(`${url.origin}/api/replication/stream`, { headers: tablet.auth })).body as ReadableStream<Uint8Array>);
      expect(await live.next()).toBe('RESYNC');
      const note = 'x'.repeat(400);
      let pushed = 0;
      let heard = 0;
      for (let batch = 0; batch < 50; batch++) {
        const rows = Array.from({ length: 200 }, () => row(reading({ note })));
        expect((await push(s, tablet, 'kpi_readings', rows)).statusCode).toBe(200);
        pushed += rows.length;
        heard += ((await live.next()) as { documents: unknown[] }).documents.length;
      }
      expect(heard).toBe(pushed);
      // Read what the stuck device was sent: the response ends (chunked encoding's last chunk) instead of going on.
      const tail = await new Promise<string>((resolve, reject) => {
        let last = '';
        const timer = setTimeout(() => reject(new Error('the stuck stream was never ended')), 10_000);
        socket.on('data', (chunk: Buffer) => {
          last = (last + chunk.toString('latin1')).slice(-16);
          if (last.endsWith('\r\n0\r\n\r\n')) {
            clearTimeout(timer);
            resolve(last);
          }
        });
        socket.resume();
      });
      expect(tail).toMatch(/0\r\n\r\n$/);
      socket.destroy();
      await live.cancel();
    } finally {
      await s.close();
    }
  });
});
