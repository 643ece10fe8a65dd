/**
 * The edge over real sockets ([E3]-[E8]): timeouts, the parser's errors, the
 * caps on connections and streams, and the bodies refused before any route.
 * Timeouts are shortened for the test; the test waits for the server's answer,
 * never for a clock.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY_DEPTH_MAX } from '../../src/domain/wire/limits.ts';
import { EDGE_LIMITS, edgeLimitsFromEnv } from './edge-limits.ts';
import { enroll, postgresEngine, reading, row, sqliteEngine, sseReader, startTestServer, type TestServer } from './testing/test-support.ts';

let s: TestServer;
let port = 0;
afterEach(async () => {
  await s.close();
});

async function listen(server: TestServer): Promise<string> {
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(url).port);
  return url;
}

/** A raw socket to the server, and everything it hears until the server closes it. */
function rawSocket(): { socket: Socket; opened: Promise<void>; heard: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const opened = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const heard = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
  return { socket, opened, heard };
}

/** Status line and JSON body of a raw HTTP answer. */
function parsed(answer: string): { status: number; headers: string; body: { error: string; message: string } } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(body) as { error: string; message: string } };
}

describe('the edge on sqlite', () => {
  it('[E3] every timeout is set, with the figures SPEC names', async () => {
    s = await startTestServer(sqliteEngine);
    await listen(s);
    const server = s.app.server;
    expect(server.headersTimeout).toBe(EDGE_LIMITS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(EDGE_LIMITS.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBe(EDGE_LIMITS.keepAliveTimeoutMs);
    expect(server.timeout).toBe(EDGE_LIMITS.connectionTimeoutMs);
    expect(EDGE_LIMITS.connectionTimeoutMs).toBeGreaterThan(2 * 15_000);
  });

  it('[E3] headers sent too slowly are answered 408 request_timeout in the JSON shape, and the socket closed', async () => {
    s = await startTestServer(sqliteEngine, { edgeLimits: { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckMs: 50 } });
    await listen(s);
    const c = rawSocket();
    await c.opened;
    c.socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const answer = parsed(await c.heard);
    expect(answer.status).toBe(408);
    expect(answer.body).toMatchObject({ error: 'request_timeout', message: expect.stringContaining('too long') });
  });

  it('[E3] a body sent too slowly is answered 408 and nothing is stored', async () => {
    s = await startTestServer(sqliteEngine, { edgeLimits: { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckMs: 50 } });
    await listen(s);
    const tablet = await enroll(s, 'tablet');
    const head = await s.store.headPosition();
    const body = JSON.stringify({ rows: [row(reading())] });
    const c = rawSocket();
    await c.opened;
    c.socket.write(`POST /api/replication/kpi_readings/push HTTP/1.1\r\nHost: x\r\nAuthorization: ${tablet.auth.authorization}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`);
    const answer = parsed(await c.heard);
    expect(answer.status).toBe(408);
    expect(answer.body.error).toBe('request_timeout');
    expect(await s.store.headPosition()).toBe(head);
  });

  it('[E5] a request the HTTP parser cannot read is answered 400 bad_request, headers too large 431 headers_too_large', async () => {
    s = await startTestServer(sqliteEngine);
    await listen(s);
    const broken = rawSocket();
    broken.socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n');
    const bad = parsed(await broken.heard);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'bad_request', message: expect.stringContaining('not valid HTTP') });

    const huge = rawSocket();
    huge.socket.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
    const tooLarge = parsed(await huge.heard);
    expect(tooLarge.status).toBe(431);
    expect(tooLarge.body).toMatchObject({ error: 'headers_too_large' });
  });

  it('[E5] a path that cannot be decoded is answered 400, a path parameter too long 414, both bad_request in the JSON shape', async () => {
    s = await startTestServer(sqliteEngine);
    const res = await s.app.inject({ method: 'GET', url: '/api/replication/%zz/pull' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining('not valid') });
    expect(res.headers['x-server-time']).toBe(new Date(s.clock.now).toISOString());
    const long = await s.app.inject({ method: 'POST', url: `/api/devices/${'a'.repeat(101)}/revoke` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining('longer than 100') });
    expect(long.headers['x-server-time']).toBeDefined();
  });

  it('[E4] behind a proxy the cap is raised by TIERBOARD_CONNECTIONS_PER_ADDRESS, and a wrong value is refused at start', async () => {
    s = await startTestServer(sqliteEngine);
    expect(edgeLimitsFromEnv({})).toEqual({});
    expect(edgeLimitsFromEnv({ TIERBOARD_CONNECTIONS_PER_ADDRESS: '2000' })).toEqual({ connectionsPerAddress: 2000 });
    for (const bad of ['0', '-5', '1.5', 'many']) expect(() => edgeLimitsFromEnv({ TIERBOARD_CONNECTIONS_PER_ADDRESS: bad })).toThrow(/TIERBOARD_CONNECTIONS_PER_ADDRESS must be a whole number/);
  });

  it('[E4] one address holds at most its cap of connections; the next is answered 429 too_many_connections', async () => {
    s = await startTestServer(sqliteEngine, { edgeLimits: { connectionsPerAddress: 3 } });
    const url = await listen(s);
    const held = [rawSocket(), rawSocket(), rawSocket()];
    await Promise.all(held.map((c) => c.opened));
    const refused = rawSocket();
    const answer = parsed(await refused.heard);
    expect(answer.status).toBe(429);
    expect(answer.headers).toMatch(/Retry-After: \d+/);
    expect(answer.body).toMatchObject({ error: 'too_many_connections', message: expect.stringContaining('3 open connections') });
    // One closed: the address may connect again.
    const first = held[0];
    first?.socket.destroy();
    await first?.heard;
    await expect.poll(async () => (await fetch(`${url}/api/health`).catch(() => null))?.status).toBe(200);
    for (const c of held) c.socket.destroy();
  });
});

describe.each([sqliteEngine, postgresEngine])('streams per device on $name', (engine) => {
  it('[E6] one device holds at most its cap of live streams; the next is refused 429 too_many_streams', async () => {
    s = await startTestServer(engine, { edgeLimits: { streamsPerDevice: 2 } });
    const url = await listen(s);
    const wall = await enroll(s, 'wall_screen');
    const other = await enroll(s, 'wall_screen');
    const open = async (auth: Record<string, string>) => fetch(`${url}/api/replication/stream`, { headers: auth });
    const streams = [sseReader((await open(wall.auth)).body as ReadableStream<Uint8Array>), sseReader((await open(wall.auth)).body as ReadableStream<Uint8Array>)];
    for (const st of streams) expect(await st.next()).toBe('RESYNC');
    const third = await open(wall.auth);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ error: 'too_many_streams', message: expect.stringContaining('2 live streams') });
    // Another device is not held up by this one's streams.
    const others = await open(other.auth);
    expect(others.status).toBe(200);
    await others.body?.cancel();
    // A stream closed frees its place.
    await streams[0]?.cancel();
    let again: Response | undefined;
    await expect
      .poll(async () => {
        again = await open(wall.auth);
        if (again.status !== 200) await again.body?.cancel();
        return again.status;
      })
      .toBe(200);
    await again?.body?.cancel();
    await streams[1]?.cancel();
  });
});

describe.each([sqliteEngine, postgresEngine])('bodies refused before any route on $name', (engine) => {
  it('[E7] a body that is not UTF-8 is refused 400 invalid_body on every route that takes one, not stored with U+FFFD', async () => {
    s = await startTestServer(engine);
    const tablet = await enroll(s, 'tablet');
    const head = await s.store.headPosition();
    const json = JSON.stringify({ rows: [row(reading({ note: 'Grüße' }))] });
    // Latin-1 instead of UTF-8: "ü" and "ß" as single bytes.
    const latin1 = Buffer.from(json, 'latin1');
    for (const url of ['/api/replication/kpi_readings/push', '/api/enroll', '/api/enrollment-codes']) {
      const res = await s.app.inject({ method: 'POST', url, headers: { ...tablet.auth, 'content-type': 'application/json' }, payload: latin1 });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_body', message: expect.stringContaining('not valid UTF-8') });
    }
    expect(await s.store.headPosition()).toBe(head);
  });

  it(`[E8] a body outside replication nested deeper than ${BODY_DEPTH_MAX} levels is refused 400 invalid_body`, async () => {
    s = await startTestServer(engine);
    const tablet = await enroll(s, 'tablet');
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const cases: [string, string][] = [
      ['/api/enroll', `{"code":${deep(3000)}}`],
      ['/api/enrollment-codes', deep(100_000)],
      [`/api/devices/${tablet.deviceId}/revoke`, `{"x":${deep(BODY_DEPTH_MAX)}}`],
    ];
    for (const [url, payload] of cases) {
      const res = await s.app.inject({ method: 'POST', url, headers: { ...tablet.auth, 'content-type': 'application/json' }, payload });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_body', message: expect.stringContaining(`more than ${BODY_DEPTH_MAX} levels`) });
    }
    // At the limit the body is not refused for its depth (the schema has its own word for it).
    const atLimit = await s.app.inject({ method: 'POST', url: '/api/enroll', headers: { 'content-type': 'application/json' }, payload: `{"code":${deep(BODY_DEPTH_MAX - 1)}}` });
    expect(atLimit.json<{ message: string }>().message).not.toContain('levels deep');
    expect((await s.app.inject({ method: 'GET', url: '/api/me', headers: tablet.auth })).statusCode).toBe(200);
  });

  it('[E8] [P5] in a push, a value nested 100,000 deep anywhere in a row is refused on that row; the good row beside it is stored', async () => {
    s = await startTestServer(engine);
    const tablet = await enroll(s, 'tablet');
    const deep = (n: number) => '['.repeat(n) + '"x"' + ']'.repeat(n);
    // Fields of three kinds: text, a number, the stamp the server sets.
    const places = ['"note":""', '"value":71.5', '"receivedAt":""'];
    for (const place of places) {
      const bad = reading();
      const good = reading();
      const text = JSON.stringify({ rows: [row(bad), row(good)] }).replace(place, `${place.split(':')[0]}:${deep(100_000)}`);
      const res = await s.app.inject({ method: 'POST', url: '/api/replication/kpi_readings/push', headers: { ...tablet.auth, 'content-type': 'application/json' }, payload: text });
      expect(res.statusCode, place).toBe(200);
      expect(res.json<{ rejected: { id: string; error: string }[] }>().rejected, place).toEqual([expect.objectContaining({ id: bad.id, error: 'invalid_record' })]);
      expect((await s.store.getByIds('kpi_readings', [bad.id, good.id])).map((r) => r.id), place).toEqual([good.id]);
    }
    expect((await s.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
