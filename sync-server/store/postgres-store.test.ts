import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from './postgres-store.ts';
import type { Store } from './store.ts';
import { storeContractSuite, type PeerOptions, type StoreHarness } from './store-contract.ts';

// No skip when PostgreSQL is down: an unreachable database fails these tests.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresHarness(): Promise<StoreHarness> {
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
