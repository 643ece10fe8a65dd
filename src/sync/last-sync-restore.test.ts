import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Enrollment } from './enrollment.ts';
import { LAST_SYNC_SAVE_EVERY_MS } from './last-sync.ts';
import { openSyncStore } from './sync-store.ts';
import { device, enrolledTablet, fakeServer, type Clocks, type Device } from './testing/harness.ts';
import { openTestDatabase, reading, uniqueName } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const OTHER_SERVER = 'https://plant-munich.example';
const open: Device[] = [];

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

/** "Reload" (tablet restarted): same IndexedDB, new database object and client. */
async function reopen(server: ReturnType<typeof fakeServer>, clocks: Clocks, name: string): Promise<Device> {
  const d = await device(server, clocks, name, await openTestDatabase(name));
  open.push(d);
  return d;
}

describe('the last successful sync kept on the device', () => {
  it('[C-O5] after a reload without the server, the badge\'s time is the last sync before the reload, not "not synced yet"', async () => {
    const clocks = { deviceMs: 50_000_000, serverMs: 50_000_000 };
    const server = fakeServer(clocks);
    const name = uniqueName('reload-offline');
    const first = await enrolledTablet(server, clocks, PLANT, () => undefined, name);
    const syncedAt = first.client.status.getState().lastSyncAtMs;
    expect(syncedAt).toBe(clocks.deviceMs);
    await first.close();

    server.reachable = false;
    clocks.deviceMs += 3 * 3_600_000;
    const d = await reopen(server, clocks, name);
    // From the first screen on, before replication starts.
    expect(d.client.status.getState().lastSyncAtMs).toBe(syncedAt);
    await d.client.start();
    expect(d.client.status.getState().lastSyncAtMs).toBe(syncedAt);
  });

  it('[C-O5] a later sync is kept in its place (at most a minute apart while syncs keep coming)', async () => {
    const clocks = { deviceMs: 50_000_000, serverMs: 50_000_000 };
    const server = fakeServer(clocks);
    const name = uniqueName('reload-later');
    const first = await enrolledTablet(server, clocks, PLANT, () => undefined, name);
    clocks.deviceMs += LAST_SYNC_SAVE_EVERY_MS + 5_000;
    clocks.serverMs += LAST_SYNC_SAVE_EVERY_MS + 5_000;
    await first.db.kpi_readings.insert(reading('r-later', PLANT, 81.5));
    await first.client.refreshPending();
    await first.client.awaitInSync();
    await vi.waitFor(() => expect(first.client.status.getState().lastSyncAtMs).toBe(clocks.deviceMs));
    const later = clocks.deviceMs;
    await first.close();

    server.reachable = false;
    const d = await reopen(server, clocks, name);
    expect(d.client.status.getState().lastSyncAtMs).toBe(later);
  });

  it('[C-O5] a last sync with another server than the one enrolled at is not shown', async () => {
    const clocks = { deviceMs: 50_000_000, serverMs: 50_000_000 };
    const server = fakeServer(clocks);
    const name = uniqueName('other-server');
    const first = await enrolledTablet(server, clocks, PLANT, () => undefined, name);
    await first.close();

    // Another tab re-enrolled at another server and was closed before it synced there.
    const db = await openTestDatabase(name);
    const store = await openSyncStore(db);
    const e = await store.get<Enrollment>('enrollment');
    await store.set('enrollment', { ...e, serverUrl: OTHER_SERVER });
    await store.close();
    await db.close();

    server.reachable = false;
    const d = await reopen(server, clocks, name);
    expect(d.client.status.getState().lastSyncAtMs).toBeNull();
  });
});
