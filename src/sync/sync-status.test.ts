/**
 * The problem on the status line: a push that keeps failing must stay shown while pulls and the
 * live stream succeed (pushes carry the unsent work), and only an answered push ends it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TransportRequest, TransportResponse } from './transport.ts';
import { enrolledTablet, type Clocks, type Device } from './testing/harness.ts';
import { FakeSyncServer } from './testing/fake-server.ts';
import { objective, reading } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const open: Device[] = [];

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

/** The fake server, with a switch to answer every push of kpi_readings with a fixed failure. */
class FailingPushServer extends FakeSyncServer {
  failReadingPushes: TransportResponse | null = null;

  override async request(req: TransportRequest): Promise<TransportResponse> {
    if (this.failReadingPushes && req.method === 'POST' && req.url.endsWith('/kpi_readings/push')) return this.failReadingPushes;
    return super.request(req);
  }
}

async function enrolled(clocks: Clocks) {
  const server = new FailingPushServer({ now: () => clocks.serverMs });
  return { d: await enrolledTablet(server, clocks, PLANT, (d) => open.push(d)), server };
}

const failures: [string, TransportResponse, string][] = [
  ['a 500 from the server', { status: 500, body: { error: 'server_error', message: 'Database down.' }, header: () => null }, 'server_error'],
  ['a proxy 401 without a token code', { status: 401, body: null, header: () => null }, 'refused'],
];

describe('the status line while one collection cannot push', () => {
  it.each(failures)('[C-O3] %s on a push stays shown while pulls succeed, until a push goes through', async (_what, failure, kind) => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolled(clocks);
    server.failReadingPushes = failure;
    await d.db.kpi_readings.insert(reading('waiting', PLANT, 7));
    await vi.waitFor(() => expect(d.client.status.getState().lastError?.kind).toBe(kind));

    // Meanwhile another tablet's change streams in and its pull succeeds.
    let clearedWhilePushFails = false;
    const unsubscribe = d.client.status.subscribe((s) => {
      if (s.lastError === null) clearedWhilePushFails = true;
    });
    clocks.deviceMs += 60_000;
    server.seed('objectives', { ...objective('o-other', PLANT, 'From another tablet') });
    await vi.waitFor(async () => expect(await d.db.objectives.findOne('o-other').exec()).not.toBeNull());
    await vi.waitFor(() => expect(d.client.status.getState().lastSyncAtMs).toBe(clocks.deviceMs));
    unsubscribe();

    expect(clearedWhilePushFails).toBe(false);
    expect(d.client.status.getState().lastError?.kind).toBe(kind);
    // The link itself is fine: changes arrive (a wall screen's board stays fresh by it).
    expect(d.client.status.getState().linkError).toBeNull();
    expect(d.client.status.getState().pending).toBe(1);
    // A proxy's 401 is not the server forgetting the device.
    expect(d.client.status.getState().auth).toBe('enrolled');

    server.failReadingPushes = null;
    await vi.waitFor(() => expect(server.docs('kpi_readings').map((r) => r.id)).toEqual(['waiting']));
    await vi.waitFor(() => expect(d.client.status.getState().lastError).toBeNull());
  });

  it('[C-O3] a lost live stream is still cleared by the reconnect that follows', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolled(clocks);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    server.dropStreams();
    expect(d.client.status.getState().lastError?.kind).toBe('stream_lost');
    expect(d.client.status.getState().linkError?.kind).toBe('stream_lost');

    d.timers.fireAll();
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    await vi.waitFor(() => expect(d.client.status.getState().lastError).toBeNull());
  });
});
