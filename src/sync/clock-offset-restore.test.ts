import { afterEach, describe, expect, it } from 'vitest';
import type { Enrollment } from './enrollment.ts';
import { followClockOffset } from './sync-client.ts';
import { openSyncStore } from './sync-store.ts';
import { device, enrolledTablet, fakeServer, type Clocks, type Device } from './testing/harness.ts';
import { openTestDatabase, uniqueName } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const OTHER_SERVER = 'https://plant-munich.example';
const TWENTY_MINUTES = 20 * 60_000;
const open: Device[] = [];

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

/** "Reload" (tablet restarted mid-shift): same IndexedDB, new database object and client. */
async function reopen(server: ReturnType<typeof fakeServer>, clocks: Clocks, name: string): Promise<Device> {
  const d = await device(server, clocks, name, await openTestDatabase(name));
  open.push(d);
  return d;
}

/** A tablet whose clock runs 20 minutes fast, enrolled and in sync, then closed. */
async function fastTabletClosed(clocks: Clocks) {
  const server = fakeServer(clocks);
  const name = uniqueName('fast-tablet');
  const first = await enrolledTablet(server, clocks, PLANT, () => undefined, name);
  expect(first.client.status.getState().clockOffsetMs).toBe(-TWENTY_MINUTES);
  await first.close();
  return { server, name };
}

describe('clock offset kept on the device', () => {
  it('[C-K2] after a reload with the server unreachable, the offset last measured is used before any sync', async () => {
    const clocks = { deviceMs: 10_000_000 + TWENTY_MINUTES, serverMs: 10_000_000 };
    const { server, name } = await fastTabletClosed(clocks);

    server.reachable = false;
    clocks.deviceMs += 3_600_000;
    clocks.serverMs += 3_600_000;
    const d = await reopen(server, clocks, name);
    // Before start(): the session follows the status from the first screen on.
    expect(d.client.status.getState().clockOffsetMs).toBe(-TWENTY_MINUTES);
    const session: number[] = [];
    const unfollow = followClockOffset(d.client.status, (ms) => session.push(ms));
    unfollow();
    expect(session).toEqual([-TWENTY_MINUTES]);

    await d.client.start();
    // No sync in this run: the last one shown is the one kept from before the reload (last-sync.ts).
    expect(d.client.status.getState().lastSyncAtMs).toBe(clocks.deviceMs - 3_600_000);
    expect(d.client.correctedNow()).toBe(clocks.serverMs);
  });

  it('[C-K2] a fresh measurement replaces the kept one', async () => {
    const clocks = { deviceMs: 10_000_000 + TWENTY_MINUTES, serverMs: 10_000_000 };
    const { server, name } = await fastTabletClosed(clocks);

    // Someone set the tablet's clock right while it was off.
    clocks.deviceMs = clocks.serverMs;
    const d = await reopen(server, clocks, name);
    expect(d.client.status.getState().clockOffsetMs).toBe(-TWENTY_MINUTES);
    await d.client.start();
    await d.client.awaitInSync();
    expect(d.client.status.getState().clockOffsetMs).toBe(0);
  });

  it('[C-K3] re-enrolling at another server drops the old server\'s offset, in memory and on the device', async () => {
    const clocks = { deviceMs: 10_000_000 + TWENTY_MINUTES, serverMs: 10_000_000 };
    const server = fakeServer(clocks);
    const name = uniqueName('moved-tablet');
    const first = await enrolledTablet(server, clocks, PLANT, () => undefined, name);

    // The other plant's server runs 5 s ahead of this tablet.
    clocks.serverMs = clocks.deviceMs + 5_000;
    server.addCode('MUNICH', 'plant-munich');
    await first.client.enroll(OTHER_SERVER, 'MUNICH');
    expect(first.client.status.getState().clockOffsetMs).toBe(5_000);
    await first.close();

    server.reachable = false;
    const d = await reopen(server, clocks, name);
    expect(d.client.status.getState().clockOffsetMs).toBe(5_000);
  });

  it('[C-K3] an offset kept for another server than the one enrolled at is not used (re-enrolled before it was kept)', async () => {
    const clocks = { deviceMs: 10_000_000 + TWENTY_MINUTES, serverMs: 10_000_000 };
    const { server, name } = await fastTabletClosed(clocks);

    // Another tab re-enrolled at another server and was closed before its first offset was kept.
    const db = await openTestDatabase(name);
    const store = await openSyncStore(db);
    const e = await store.get<Enrollment>('enrollment');
    await store.set('enrollment', { ...e, serverUrl: OTHER_SERVER });
    await store.close();
    await db.close();

    server.reachable = false;
    const d = await reopen(server, clocks, name);
    expect(d.client.status.getState().clockOffsetMs).toBe(0);
  });
});
