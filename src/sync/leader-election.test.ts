/**
 * [C-E1] Only the tab that leads the browser's tabs talks to the server. The leader election
 * itself is RxDB's; what is ours is that nothing is sent, pulled or streamed before this tab
 * leads, that enrolling does not hang on it, and that waiting for the first pull does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPrng } from '../domain/records/prng.ts';
import { manualConnectivity } from './connectivity.ts';
import type { SyncDatabase } from './replication.ts';
import { createSyncStatusStore } from './status.ts';
import { createSyncClient, type SyncClient } from './sync-client.ts';
import { fakeServer, manualTimers, SERVER_URL } from './testing/harness.ts';
import { openTestDatabase, reading, uniqueName, type TestDatabase } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/**
 * Lets the event loop go round `n` times (no clock involved): a tab that leads has pulled, pushed
 * and opened its stream after 8 (measured by letting replication start without leadership).
 */
async function eventLoopTurns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The test database as a tab among several sees it: it leads once `lead()` is called. */
function tabAmongOthers(db: TestDatabase): { tab: SyncDatabase; lead(): void } {
  let lead: () => void = () => undefined;
  const leadership = new Promise<boolean>((resolve) => (lead = () => resolve(true)));
  const tab: SyncDatabase = {
    name: db.name,
    storage: db.storage,
    token: db.token,
    password: db.password,
    collections: db.collections,
    multiInstance: true,
    waitForLeadership: () => leadership,
  };
  return { tab, lead };
}

describe('[C-E1] leader election', () => {
  it('[C-E1] a tab that does not lead enrolls but sends, pulls and streams nothing until it leads', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    server.seed('kpi_readings', { ...reading('on-the-server', PLANT, 1, { receivedAt: '2026-03-02T06:00:00.000Z' }) });
    const name = uniqueName('tab');
    const db = await openTestDatabase(name);
    const { tab, lead } = tabAmongOthers(db);
    const client: SyncClient = await createSyncClient({
      db: tab,
      transport: server,
      connectivity: manualConnectivity(true),
      now: () => clocks.deviceMs,
      timers: manualTimers(),
      status: createSyncStatusStore(),
      retryBaseMs: 5,
      retryMaxMs: 40,
      random: createPrng(name).next,
    });
    cleanups.push(async () => {
      await client.stop();
      await db.close();
    });
    server.addCode('TAB', PLANT);

    // Enrolling does not wait for leadership; the first pull does.
    await client.enroll(SERVER_URL, 'TAB');
    let initialPull = false;
    void client.awaitInitialPull().then(() => (initialPull = true));
    await db.kpi_readings.insert(reading('written-here', PLANT, 2));
    await eventLoopTurns(200);
    expect(client.status.getState().auth).toBe('enrolled');
    expect(client.status.getState().running).toBe(false);
    expect(server.pulls).toBe(0);
    expect(server.pushes).toEqual([]);
    expect(server.openStreamCount()).toBe(0);
    expect(initialPull).toBe(false);

    // The leading tab closed: this one leads now and does the work.
    lead();
    await vi.waitFor(() => expect(initialPull).toBe(true));
    await client.awaitInSync();
    expect(client.status.getState().running).toBe(true);
    expect(await db.kpi_readings.findOne('on-the-server').exec()).not.toBeNull();
    expect(server.docs('kpi_readings').map((r) => r.id).sort()).toEqual(['on-the-server', 'written-here']);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
  });
});
