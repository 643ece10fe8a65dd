import { describe, expect, it } from 'vitest';
import { createSseParser, fetchTransport } from './transport.ts';

describe('server-sent events parsing', () => {
  it('[C-R1] joins data lines, skips heartbeats, and survives chunks split anywhere', () => {
    const got: string[] = [];
    const feed = createSseParser((d) => got.push(d));
    const text = 'data: "RESYNC"\n\n: ping\n\ndata: {"collection":"kpi_readings",\ndata: "documents":[]}\r\n\r\n';
    for (const ch of text) feed(ch);
    expect(got).toEqual(['"RESYNC"', '{"collection":"kpi_readings",\n"documents":[]}']);
  });
});

describe('fetch transport', () => {
  it('[C-K1] sends JSON and reads JSON, header and status', async () => {
    const seen: { url: string; method: string; body?: string; headers: Record<string, string> }[] = [];
    const t = fetchTransport(async (url, init) => {
      seen.push({ url, method: init.method, body: init.body, headers: init.headers });
      return new Response(JSON.stringify({ error: 'enrollment_code_used', message: 'Used.' }), {
        status: 409,
        headers: { 'x-server-time': '2026-03-02T06:00:00.000Z' },
      });
    });
    const res = await t.request({ method: 'POST', url: 'https://s/api/enroll', headers: {}, body: { code: 'X' } });
    expect(res.status).toBe(409);
    expect(res.header('X-Server-Time')).toBe('2026-03-02T06:00:00.000Z');
    expect(res.body).toEqual({ error: 'enrollment_code_used', message: 'Used.' });
    expect(seen[0]?.body).toBe('{"code":"X"}');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('[C-R2] streams events over fetch with the bearer token, and reports every sign of life including the heartbeat', async () => {
    const encoder = new TextEncoder();
    let auth = '';
    const t = fetchTransport(async (_url, init) => {
      auth = init.headers['authorization'] ?? '';
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(encoder.encode('data: "RESY'));
          c.enqueue(encoder.encode('NC"\n\n'));
          c.enqueue(encoder.encode(': ping\n\n'));
          c.close();
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    const messages: string[] = [];
    let signs = 0;
    const closed = new Promise<unknown>((resolve) => {
      t.openStream('https://s/api/replication/stream', { authorization: 'Bearer t1' }, {
        onOpen: () => undefined,
        onMessage: (d) => messages.push(d),
        onActivity: () => signs++,
        onClose: (err) => resolve(err),
      });
    });
    await closed;
    expect(auth).toBe('Bearer t1');
    expect(messages).toEqual(['"RESYNC"']);
    // Each chunk is a sign of life: the ping carries no event but still counts.
    expect(signs).toBe(3);
  });

  it('[C-L3] reports a refused stream with the server response', async () => {
    const t = fetchTransport(async () => new Response(JSON.stringify({ error: 'device_revoked', message: 'Removed.' }), { status: 401 }));
    const refused = await new Promise<number | undefined>((resolve) => {
      t.openStream('https://s/api/replication/stream', {}, {
        onOpen: () => resolve(-1),
        onMessage: () => undefined,
        onActivity: () => undefined,
        onClose: (_e, res) => resolve(res?.status),
      });
    });
    expect(refused).toBe(401);
  });
});
