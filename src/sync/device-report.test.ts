/**
 * [O4] The device reports its app version and its waiting entries on its requests, pushes and
 * pulls among them, with the headers the wire contract declares once (protocol.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPrng } from '../domain/records/prng.ts';
import { APP_VERSION_HEADER, WAITING_HEADER } from '../domain/wire/protocol.ts';
import { manualConnectivity } from './connectivity.ts';
import { createSyncStatusStore } from './status.ts';
import { createSyncClient, deviceReport, type SyncClient } from './sync-client.ts';
import { manualTimers, SERVER_URL } from './testing/harness.ts';
import { FakeSyncServer } from './testing/fake-server.ts';
import { openTestDatabase, reading, uniqueName, type TestDatabase } from './testing/test-database.ts';
import type { TransportRequest, TransportResponse } from './transport.ts';

const PLANT = 'plant-berlin';

/** The fake server, noting the headers of each request. */
class ListeningServer extends FakeSyncServer {
  readonly seen: { url: string; headers: Record<string, string> }[] = [];
  override async request(req: TransportRequest): Promise<TransportResponse> {
    this.seen.push({ url: req.url, headers: { ...req.headers } });
    return super.request(req);
  }
}

let client: SyncClient | null = null;
let db: TestDatabase | null = null;
afterEach(async () => {
  await client?.stop();
  await db?.close();
  client = null;
  db = null;
});

describe('[O4] what a device reports of itself', () => {
  it('[O4] deviceReport names the version (when known) and the waiting count', () => {
    expect(deviceReport('1.4.0+b7', 3)).toEqual({ [APP_VERSION_HEADER]: '1.4.0+b7', [WAITING_HEADER]: '3' });
    expect(deviceReport('', 0)).toEqual({ [WAITING_HEADER]: '0' });
  });

  it('[O4] pushes and pulls carry the app version and the waiting count', async () => {
    const clocks = { ms: 1_000_000 };
    const server = new ListeningServer({ now: () => clocks.ms });
    const name = uniqueName('report');
    db = await openTestDatabase(name);
    client = await createSyncClient({
      db,
      transport: server,
      connectivity: manualConnectivity(true),
      now: () => clocks.ms,
      timers: manualTimers(),
      status: createSyncStatusStore(),
      retryBaseMs: 5,
      retryMaxMs: 40,
      random: createPrng(name).next,
      appVersion: '0.1.0+test',
    });
    server.addCode('CODE-1', PLANT);
    await client.enroll(SERVER_URL, 'CODE-1');
    await client.awaitInSync();
    // Written while the server is out of reach: the reading waits, and the push that finally
    // takes it reports it waiting.
    server.reachable = false;
    await db.kpi_readings.insert(reading('r1', PLANT, 42));
    await client.refreshPending();
    expect(client.status.getState().pending).toBe(1);
    server.reachable = true;
    await client.awaitInSync();

    const pulls = server.seen.filter((r) => r.url.includes('/pull'));
    const pushes = server.seen.filter((r) => r.url.includes('/push'));
    expect(pulls.length).toBeGreaterThan(0);
    expect(pushes.length).toBeGreaterThan(0);
    for (const r of [...pulls, ...pushes]) {
      expect(r.headers[APP_VERSION_HEADER]).toBe('0.1.0+test');
      expect(r.headers[WAITING_HEADER]).toMatch(/^\d+$/);
    }
    expect(pushes.some((r) => r.headers[WAITING_HEADER] === '1')).toBe(true);
  });
});
