import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { manualConnectivity } from './connectivity.ts';
import { createSyncStatusStore } from './status.ts';
import { createSyncClient } from './sync-client.ts';
import { fakeServer, manualTimers, SERVER_URL } from './testing/harness.ts';
import { reading, uniqueName } from './testing/test-database.ts';

// The app's own database (13 collections, dev-mode validation on under Node) with the sync client.
describe('sync client on the app database', () => {
  it('[C-O1] replicates every local collection and counts unsent readings until pushed', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    const db = await openDatabase({ name: uniqueName('app'), storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
    // No cast: the app's TierboardDatabase is what the shell passes in.
    const client = await createSyncClient({
      db,
      transport: server,
      connectivity: manualConnectivity(true),
      now: () => clocks.deviceMs,
      timers: manualTimers(),
      status: createSyncStatusStore(),
      retryBaseMs: 5,
      retryMaxMs: 40,
    });
    try {
      server.addCode('APP', 'plant-berlin');
      await client.enroll(SERVER_URL, 'APP');
      await client.awaitInSync();
      expect(client.replications().size).toBe(Object.keys(db.collections).length);

      server.reachable = false;
      await db.kpi_readings.insert(reading('01J0000000000000000000READ', 'plant-berlin', 88));
      await client.refreshPending();
      expect(client.status.getState().pending).toBe(1);

      server.reachable = true;
      await client.awaitInSync();
      expect(server.docs('kpi_readings').map((r) => r.id)).toEqual(['01J0000000000000000000READ']);
      expect(client.status.getState().pending).toBe(0);
    } finally {
      await client.stop();
      await db.close();
    }
  });
});
