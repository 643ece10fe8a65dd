/**
 * The real sync server (SQLite in a temp file, listening on a free port)
 * and two client databases replicating over real HTTP with fetch and the
 * fetch-based SSE reader: tablet A records readings, tablet B sees them
 * arrive through the live stream without asking.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { issueEnrollmentCode } from '../../sync-server/auth/enrollment.ts';
import { reading, sqliteEngine, startTestServer, BOCHUM, PR1, type TestServer } from '../../sync-server/http/testing/test-support.ts';
import { manualConnectivity } from '../../src/sync/connectivity.ts';
import { createSyncStatusStore } from '../../src/sync/status.ts';
import { createSyncClient, type SyncClient } from '../../src/sync/sync-client.ts';
import { openTestDatabase, uniqueName, type TestDatabase } from '../../src/sync/testing/test-database.ts';
import { fetchTransport } from '../../src/sync/transport.ts';

interface Tablet {
  db: TestDatabase;
  client: SyncClient;
}

let server: TestServer;
let baseUrl: string;
const tablets: Tablet[] = [];

beforeEach(async () => {
  server = await startTestServer(sqliteEngine);
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  while (tablets.length) {
    const t = tablets.pop();
    await t?.client.stop();
    await t?.db.close();
  }
  // The tablets are gone; do not wait for their keep-alive sockets to time out.
  server.app.server.closeAllConnections();
  await server.close();
});

async function tablet(): Promise<Tablet> {
  const db = await openTestDatabase(uniqueName('integration'));
  const client = await createSyncClient({
    db,
    transport: fetchTransport(),
    connectivity: manualConnectivity(true),
    now: () => server.clock.now,
    status: createSyncStatusStore(),
    retryBaseMs: 50,
    retryMaxMs: 500,
  });
  const t = { db, client };
  tablets.push(t);
  const issued = await issueEnrollmentCode(server.store, { plantId: BOCHUM, kind: 'tablet', lineId: PR1, createdBy: 'test', origin: baseUrl }, server.clock.now);
  await client.enroll(baseUrl, issued.code);
  await client.awaitInSync();
  return t;
}

describe('replication against the real server', () => {
  it('readings written on tablet A reach tablet B through the live stream', async () => {
    const a = await tablet();
    const b = await tablet();
    expect(a.client.status.getState().auth).toBe('enrolled');
    expect(b.client.status.getState().lastSyncAtMs).toBe(server.clock.now);

    const r1 = reading({ value: 81.5 });
    const r2 = reading({ value: 79.25 });
    await a.db.kpi_readings.bulkInsert([r1, r2]);
    await a.client.awaitInSync();
    expect(a.client.status.getState().pending).toBe(0);
    expect(a.client.status.getState().rejected).toBe(0);

    // B never writes or asks: the documents come over the SSE stream.
    await vi.waitFor(async () => {
      const got = await b.db.kpi_readings.findByIds([r1.id, r2.id]).exec();
      expect([...got.values()].map((d) => d.value).sort()).toEqual([79.25, 81.5]);
    }, { timeout: 10_000, interval: 50 });
    // The server stamped receivedAt; both copies carry it.
    const onB = await b.db.kpi_readings.findOne(r1.id).exec();
    expect(onB?.receivedAt).toBe(new Date(server.clock.now).toISOString());
    await vi.waitFor(async () => expect((await a.db.kpi_readings.findOne(r1.id).exec())?.receivedAt).not.toBe(''), { timeout: 10_000, interval: 50 });
  });

  it('a reading for another plant is refused and kept on the tablet', async () => {
    const a = await tablet();
    const foreign = reading({ plantId: 'plant-peoria', lineId: 'line-peoria-1' });
    await a.db.kpi_readings.insert(foreign);
    await a.client.awaitInSync();
    const refused = await a.client.rejections();
    expect(refused.map((r) => r.id)).toEqual([foreign.id]);
    expect(refused[0]?.message).not.toBe('');
    expect(a.client.status.getState().rejected).toBe(1);
    expect(await a.db.kpi_readings.findOne(foreign.id).exec()).not.toBeNull();
  });
});
