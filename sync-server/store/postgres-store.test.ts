import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from './postgres-store.ts';
import type { Store } from './store.ts';
import { storeContractSuite, type PeerOptions, type StoreHarness } from './testing/store-contract.ts';

// No skip when PostgreSQL is down: an unreachable database fails these tests.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresHarness(): Promise<StoreHarness & { schema: string }> {
  // One schema per test, so parallel runs and test files never see each other's rows.
  const schema = `tb_test_${randomBytes(6).toString('hex')}`;
  const opened: Store[] = [];
  const open = async (options: PeerOptions = {}) => {
    const s = await openPostgresStore({
      connectionString: TEST_DATABASE_URL,
      schema,
      maxConnections: 4,
      ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
    });
    opened.push(s);
    await s.migrate();
    return s;
  };
  const store = await open();
  return {
    store,
    schema,
    openPeer: open,
    destroy: async () => {
      for (const s of opened) await s.close();
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

storeContractSuite('postgres', postgresHarness);

/** Connections of this schema waiting for its feed lock (see postgres-store.ts). */
async function waitingForFeedLock(observer: pg.Client, schema: string): Promise<number> {
  const { rows } = await observer.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted
        AND classid = (hashtext('tierboard.feed')::bigint & 4294967295)::oid
        AND objid = (hashtext($1)::bigint & 4294967295)::oid`,
    [schema],
  );
  return rows[0]?.n ?? 0;
}

describe('postgres feed lock', () => {
  it('[S3] while a writer holding a position is uncommitted, a later writer waits and readers see neither', async () => {
    const h = await postgresHarness();
    const observer = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await observer.connect();
    try {
      let entered = (): void => undefined;
      let release = (): void => undefined;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow = await h.openPeer({ beforeCommit: async () => { entered(); await gate; } });
      const quick = await h.openPeer();
      const doc = (id: string) => ({ id, newDocument: { id, plantId: 'p1', value: 1, receivedAt: '' }, assumedMasterRev: null });

      const slowPush = slow.applyWrites('kpi_readings', [doc('slow')], '2026-03-02T06:00:00.000Z');
      await inside; // slow has written position 1 and not committed
      const quickPush = quick.applyWrites('kpi_readings', [doc('quick')], '2026-03-02T06:00:01.000Z');
      // Wait (no clock: poll the database) until quick is queued behind the feed lock.
      while ((await waitingForFeedLock(observer, h.schema)) === 0) await new Promise((r) => setImmediate(r));

      expect((await h.store.changesSince('kpi_readings', 0, 10, { plantIds: 'all' })).documents).toEqual([]);
      expect(await h.store.headPosition()).toBe(0);

      release();
      await Promise.all([slowPush, quickPush]);
      const feed = await h.store.changesSince('kpi_readings', 0, 10, { plantIds: 'all' });
      expect(feed.documents.map((d) => [d.id, d.position])).toEqual([['slow', 1], ['quick', 2]]);
    } finally {
      await observer.end();
      await h.destroy();
    }
  });
});
