/**
 * A refused entry is given up only by a person's choice (SyncClient.discardRejected): it then
 * leaves the badge's count and the list to send again, but stays on the device and in the log,
 * marked discarded, so the data layer keeps leaving it out of every value.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { enrolledTablet, type Device } from './testing/harness.ts';
import { FakeSyncServer } from './testing/fake-server.ts';
import { reading } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const open: Device[] = [];

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

describe('discarding a refused entry', () => {
  it('[C-O4] counts down the badge, keeps the entry logged as discarded by the person, and does not send it again', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = new FakeSyncServer({ now: () => clocks.serverMs });
    const d = await enrolledTablet(server, clocks, PLANT, (x) => open.push(x));
    server.refuse = (_c, doc) => (doc.supersedes ? { error: 'not_allowed', message: 'Ana Weber: An operator cannot correct KPI readings.' } : null);
    await d.db.kpi_readings.insert(reading('r-1', PLANT, 80));
    await d.client.awaitInSync();
    await d.db.kpi_readings.insert(reading('r-2', PLANT, 90, { supersedes: 'r-1', correctionReason: 'Typing error' }));
    await d.client.awaitInSync();

    const status = d.client.status;
    expect(status.getState().rejected).toBe(1);
    expect(status.getState().refused.map((r) => [r.collection, r.id, r.error, r.discardedAtMs])).toEqual([['kpi_readings', 'r-2', 'not_allowed', undefined]]);
    // The status carries no documents (a refused escalation's photo stays in the log).
    expect(status.getState().refused[0]).not.toHaveProperty('document');

    clocks.deviceMs = 1_060_000;
    await status.getState().discardRefused?.('kpi_readings', 'r-2', 'person-lea');
    expect(status.getState().rejected).toBe(0);
    expect(await d.client.rejections()).toEqual([]);
    expect(status.getState().refused.map((r) => [r.id, r.discardedAtMs, r.discardedBy])).toEqual([['r-2', 1_060_000, 'person-lea']]);
    // Nothing is deleted: the record is still on the device.
    expect(await d.db.kpi_readings.findOne('r-2').exec()).not.toBeNull();

    // "Send refused entries again" leaves a discarded entry alone, even once the server would take it.
    server.refuse = () => null;
    await d.client.retryRejected();
    expect(server.docs('kpi_readings').map((r) => r.id)).toEqual(['r-1']);
    expect(status.getState().refused.map((r) => r.id)).toEqual(['r-2']);
  });
});
