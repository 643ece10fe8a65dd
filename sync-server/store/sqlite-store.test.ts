import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';
import { storeContractSuite, type StoreHarness } from './store-contract.ts';

async function sqliteHarness(): Promise<StoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'tierboard-store-'));
  const path = join(dir, 'tierboard.sqlite');
  const opened: Store[] = [];
  const open = async () => {
    const s = await openSqliteStore(path);
    opened.push(s);
    await s.migrate();
    return s;
  };
  const store = await open();
  return {
    store,
    // A push runs synchronously from BEGIN to COMMIT: there is no moment inside it to delay.
    openPeer: () => open(),
    destroy: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

storeContractSuite('sqlite', sqliteHarness);
