/**
 * [C-O8] The app's sync client after its server was restored from an older backup: it sends again
 * what it wrote, and pulls from the start, so the restored server gets back everything, once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wroteIt } from './client/restore-follower.ts';
import { enrolledTablet, fakeServer, type Device } from './testing/harness.ts';
import { reading, uniqueName } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
/** A bound, not a measure: each try syncs the tablet, which takes over a second on 2 busy cores. */
const SETTLE = { timeout: 15_000, interval: 50 };
const open: Device[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

describe('[C-O8] a restored server gets back what the device wrote', () => {
  it('[C-O8] wroteIt: the device named in the record, or a clock it stamped', () => {
    expect(wroteIt({ id: 'r', deviceId: 'dev-1' }, 'dev-1')).toBe(true);
    expect(wroteIt({ id: 'r', deviceId: 'dev-2' }, 'dev-1')).toBe(false);
    expect(wroteIt({ id: 'o', hlc: '0000001:0000:dev-2', fieldClocks: { title: '0000002:0000:dev-1' } }, 'dev-1')).toBe(true);
    expect(wroteIt({ id: 'o', hlc: '0000001:0000:dev-2', fieldClocks: { title: '0000001:0000:dev-2' } }, 'dev-1')).toBe(false);
  });

  it('[C-O8] readings written after the backup come back from the tablet; another device sees them; nothing twice', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    const a = await enrolledTablet(server, clocks, PLANT, (d) => open.push(d), uniqueName('a'));
    const deviceA = (await a.client.currentEnrollment())?.deviceId ?? '';
    await a.db.kpi_readings.insert({ ...reading('before', PLANT, 1), deviceId: deviceA });
    await a.client.refreshPending();
    await a.client.awaitInSync();
    const backup = server.backup();

    await a.db.kpi_readings.bulkInsert([2, 3].map((v) => ({ ...reading(`after-${v}`, PLANT, v), deviceId: deviceA })));
    await a.client.refreshPending();
    await a.client.awaitInSync();
    expect(server.docs('kpi_readings').map((r) => r.id).sort()).toEqual(['after-2', 'after-3', 'before']);

    server.restoreFrom(backup);
    expect(server.docs('kpi_readings').map((r) => r.id)).toEqual(['before']);
    // Another tablet enrolls on the restored server and writes, so its feed passes A's old checkpoint.
    const b = await enrolledTablet(server, clocks, PLANT, (d) => open.push(d), uniqueName('b'));
    await b.db.kpi_readings.bulkInsert([4, 5, 6, 7].map((v) => ({ ...reading(`b-${v}`, PLANT, v), deviceId: 'someone-else' })));
    await b.client.refreshPending();
    await b.client.awaitInSync();

    // A talks to the server again (its stream was dropped by the restart): it sees the new database.
    a.timers.fireAll();
    await vi.waitFor(async () => {
      await a.client.awaitInSync();
      expect(server.docs('kpi_readings').map((r) => r.id).sort()).toEqual(['after-2', 'after-3', 'b-4', 'b-5', 'b-6', 'b-7', 'before']);
    }, SETTLE);
    // And A holds B's readings, written on the restored server at positions below A's old checkpoint.
    await vi.waitFor(async () => {
      await a.client.awaitInSync();
      const ids = (await a.db.kpi_readings.find().exec()).map((d) => d.id).sort();
      expect(ids).toEqual(['after-2', 'after-3', 'b-4', 'b-5', 'b-6', 'b-7', 'before']);
    }, SETTLE);
    expect(await a.client.rejections()).toEqual([]);
  });
});
