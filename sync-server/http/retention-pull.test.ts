/**
 * [R3] A pull sends a device only its kind's retention window of readings and handovers, on
 * its first sync and on a catch-up after a long absence; on both engines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProductionDays } from '../../src/domain/shift/shift-calendar.ts';
import { loadDataset } from '../seed-demo.ts';
import { BOCHUM, PR1, enroll, postgresEngine, pullAll, reading, sqliteEngine, startTestServer, type TestServer } from './testing/test-support.ts';

const DAY_MS = 86_400_000;

for (const engine of [sqliteEngine, postgresEngine]) {
  describe(`retention of a pull on ${engine.name}`, () => {
    let s: TestServer;
    beforeEach(async () => {
      s = await startTestServer(engine);
    });
    afterEach(async () => {
      await s.close();
    });

    /** Readings of the test plant, one a day for `days` days up to the server's today. */
    async function history(days: number, prefix: string): Promise<void> {
      const today = new Date(s.clock.now).toISOString().slice(0, 10);
      const readings = Array.from({ length: days }, (_, i) => {
        const date = addProductionDays(today, -i);
        return reading({ id: `${prefix}-${date}`, productionDate: date, recordedAt: `${date}T05:58:00.000Z` });
      });
      await loadDataset(s.store, { kpi_readings: readings.reverse() }, new Date(s.clock.now).toISOString());
    }

    const dates = (docs: Record<string, unknown>[]) => docs.map((d) => String(d.productionDate)).sort();

    it('[R3] a new tablet in a plant with two years of readings is sent only its window, as is a wall screen; configuration whole', async () => {
      await history(730, 'r');
      const tablet = await enroll(s, 'tablet');
      const got = dates(await pullAll(s, tablet, 'kpi_readings'));
      // 35 days plus a day of zone slack (src/domain/records/retention.ts).
      expect(got).toHaveLength(36);
      expect(got[0]).toBe(addProductionDays(new Date(s.clock.now).toISOString().slice(0, 10), -35));
      const wall = await enroll(s, 'wall_screen', BOCHUM, '');
      expect(await pullAll(s, wall, 'kpi_readings')).toHaveLength(36);
      // Configuration is never windowed.
      expect((await pullAll(s, tablet, 'kpi_definitions')).length).toBeGreaterThan(0);
    });

    it('[R3] a tablet back after 100 days catches up with its window only, and its checkpoint reaches the head', async () => {
      await history(10, 'before');
      const tablet = await enroll(s, 'tablet');
      const first = await s.app.inject({ method: 'GET', url: '/api/replication/kpi_readings/pull?limit=1000', headers: tablet.auth });
      const cp = first.json<{ documents: unknown[]; checkpoint: { position: number } }>().checkpoint.position;
      s.clock.now += 100 * DAY_MS;
      await history(100, 'away');
      const res = await s.app.inject({ method: 'GET', url: `/api/replication/kpi_readings/pull?checkpoint=${cp}&limit=1000`, headers: tablet.auth });
      const page = res.json<{ documents: { id: string; lineId: string }[]; checkpoint: { position: number } }>();
      expect(page.documents).toHaveLength(36);
      expect(page.documents.every((d) => d.id.startsWith('away-') && d.lineId === PR1)).toBe(true);
      expect(page.checkpoint.position).toBe(await s.store.headPosition());
    });
  });
}
