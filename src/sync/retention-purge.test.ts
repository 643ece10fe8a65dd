/**
 * [C-D1]-[C-D3] The device purges what its kind no longer keeps, and never what the server
 * has not stored; the purge is not sent and does not count as waiting.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PURGE_EVERY_MS, retentionPurge } from './client/retention-purge.ts';
import type { Enrollment } from './enrollment.ts';
import { enrolledTablet, manualTimers, type Device } from './testing/harness.ts';
import { FakeSyncServer } from './testing/fake-server.ts';
import { openTestDatabase, reading, uniqueName } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const open: Device[] = [];

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

const NOW = Date.parse('2026-06-30T10:00:00Z');
const ids = async (d: Device) => (await d.db.kpi_readings.find().exec()).map((r) => r.id).sort();

describe('purging what a device no longer keeps', () => {
  it('[C-D1] [C-D2] old readings the server stored leave the tablet; unsent and refused ones stay; nothing is pushed or counted', async () => {
    const clocks = { deviceMs: NOW, serverMs: NOW };
    const server = new FakeSyncServer({ now: () => clocks.serverMs });
    const d = await enrolledTablet(server, clocks, PLANT, (x) => open.push(x));
    server.refuse = (_c, doc) => (doc.id === 'old-refused' ? { error: 'not_allowed', message: 'An operator cannot correct KPI readings.' } : null);
    await d.db.kpi_readings.bulkInsert([
      reading('old-sent', PLANT, 1, { productionDate: '2026-01-10' }),
      reading('edge-sent', PLANT, 2, { productionDate: '2026-05-26' }),
      reading('new-sent', PLANT, 3, { productionDate: '2026-06-29' }),
      reading('old-refused', PLANT, 4, { productionDate: '2026-01-11' }),
    ]);
    await d.client.awaitInSync();
    expect((await d.db.kpi_readings.findOne('old-sent').exec())?.receivedAt).not.toBe('');

    // Offline, an old reading typed late (a forgotten January value) waits to be sent.
    server.reachable = false;
    await d.db.kpi_readings.insert(reading('old-unsent', PLANT, 5, { productionDate: '2026-01-12' }));
    const pushesBefore = server.pushes.length;

    // A tablet keeps 35 days (+1 of zone slack): from 2026-05-26 on.
    expect(await d.client.purgeOutsideWindow()).toEqual({ kpi_readings: 1, handovers: 0 });
    expect(await ids(d)).toEqual(['edge-sent', 'new-sent', 'old-refused', 'old-unsent']);
    await d.client.refreshPending();
    expect(d.client.status.getState().pending).toBe(1);

    // Back online: the waiting reading goes, the purge does not; the server keeps the purged reading.
    server.reachable = true;
    await d.client.awaitInSync();
    const pushed = server.pushes.slice(pushesBefore).flatMap((p) => p.ids);
    expect(pushed).not.toContain('old-sent');
    expect(server.docs('kpi_readings').map((r) => [r.id, r._deleted ?? false])).toContainEqual(['old-sent', false]);
    expect(d.client.status.getState().pending).toBe(0);
    expect(await d.client.rejections()).toHaveLength(1);
    expect(await ids(d)).toEqual(['edge-sent', 'new-sent', 'old-refused', 'old-unsent']);
    // Once stored by the server, the late reading is old like the rest: the next purge takes it.
    expect(await d.client.purgeOutsideWindow()).toEqual({ kpi_readings: 1, handovers: 0 });
    expect(await ids(d)).toEqual(['edge-sent', 'new-sent', 'old-refused']);
    // Purged is gone, not a tombstone: another purge finds nothing.
    expect(await d.client.purgeOutsideWindow()).toEqual({ kpi_readings: 0, handovers: 0 });
    expect(await d.db.kpi_readings.storageInstance.findDocumentsById(['old-sent', 'old-unsent'], true)).toEqual([]);
  });

  it('[C-D3] runs at start and every six hours, once the device is enrolled', async () => {
    const db = await openTestDatabase(uniqueName('purge'));
    open.push({ close: async () => void (await db.close()) } as unknown as Device);
    await db.kpi_readings.insert(reading('old-stored', PLANT, 1, { productionDate: '2026-01-10', receivedAt: '2026-01-10T07:00:00.000Z' }));
    const timers = manualTimers();
    let enrolled: Enrollment | null = null;
    const purge = retentionPurge({ db, timers, now: () => NOW, enrollment: async () => enrolled });
    // Not enrolled (demo data kept on the tablet): the first run purges nothing, the next is set.
    expect(await purge.start()).toBeNull();
    await vi.waitFor(() => expect(timers.delays()).toEqual([PURGE_EVERY_MS]));
    enrolled = { kind: 'tablet' } as Enrollment;
    timers.fireAll();
    await vi.waitFor(async () => expect(await db.kpi_readings.findOne('old-stored').exec()).toBeNull());
    await vi.waitFor(() => expect(timers.delays()).toEqual([PURGE_EVERY_MS]));
    purge.stop();
    expect(timers.pending()).toBe(0);
  });
});
