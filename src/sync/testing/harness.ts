/**
 * TESTS ONLY. Wires a device (test database + sync client) to the in-memory
 * fake server with hand-driven clocks, connectivity and reconnect timers.
 */
import { createPrng } from '../../domain/records/prng.ts';
import { manualConnectivity } from '../connectivity.ts';
import type { Timers } from '../live-stream.ts';
import { createSyncStatusStore } from '../status.ts';
import { createSyncClient, type SyncClient } from '../sync-client.ts';
import { FakeSyncServer } from './fake-server.ts';
import { openTestDatabase, uniqueName, type TestDatabase } from './test-database.ts';

export const SERVER_URL = 'https://plant-berlin.example';

/** Timers that fire only when the test says so. */
export function manualTimers(): Timers & { pending(): number; delays(): number[]; fireAll(): void } {
  let next = 1;
  const queue = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimeout(fn, ms) {
      const id = next++;
      queue.set(id, { fn, ms });
      return id;
    },
    clearTimeout(h) {
      queue.delete(h as number);
    },
    pending: () => queue.size,
    /** The delays the pending timers were set for, in the order they were set. */
    delays: () => [...queue.values()].map((t) => t.ms),
    fireAll() {
      const due = [...queue.values()];
      queue.clear();
      due.forEach((t) => t.fn());
    },
  };
}

export interface Clocks {
  deviceMs: number;
  serverMs: number;
}

export function fakeServer(clocks: Clocks): FakeSyncServer {
  return new FakeSyncServer({ now: () => clocks.serverMs });
}

export interface Device {
  db: TestDatabase;
  client: SyncClient;
  timers: ReturnType<typeof manualTimers>;
  connectivity: ReturnType<typeof manualConnectivity>;
  close(): Promise<void>;
}

export async function device(
  server: FakeSyncServer,
  clocks: Clocks,
  dbName: string,
  db?: TestDatabase,
  actingPerson?: () => string,
): Promise<Device> {
  const database = db ?? (await openTestDatabase(dbName));
  const timers = manualTimers();
  const connectivity = manualConnectivity(true);
  const client = await createSyncClient({
    db: database,
    transport: server,
    connectivity,
    now: () => clocks.deviceMs,
    timers,
    status: createSyncStatusStore(),
    // RxDB waits this long (a real timer inside RxDB) before retrying a failed request;
    // kept tiny so tests that go offline do not idle.
    retryBaseMs: 5,
    retryMaxMs: 40,
    // The retry jitter ([C-B2]) drawn from a prng seeded by the device's name: the same waits every run.
    random: createPrng(dbName).next,
    ...(actingPerson ? { actingPerson } : {}),
  });
  return {
    db: database,
    client,
    timers,
    connectivity,
    async close() {
      await client.stop();
      await database.close();
    },
  };
}

/**
 * A tablet enrolled at `plantId` on `server` (the fake, or a test's subclass of it) and in sync:
 * where most client tests start. `track` gets the device before it enrolls, so a test's cleanup
 * closes it even when enrolling fails.
 */
export async function enrolledTablet(server: FakeSyncServer, clocks: Clocks, plantId: string, track: (d: Device) => void, name = uniqueName('dev')): Promise<Device> {
  const d = await device(server, clocks, name);
  track(d);
  server.addCode(`CODE-${name}`, plantId);
  await d.client.enroll(SERVER_URL, `CODE-${name}`);
  await d.client.awaitInSync();
  return d;
}
