// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { bootSync } from './boot-sync.ts';
import { syncStatusStore } from './status.ts';
import { openTestDatabase, uniqueName } from './testing/test-database.ts';

describe('bootSync', () => {
  it('[C-L2] takes the code from the QR link, clears it from the address bar, and waits for enrollment', async () => {
    const db = await openTestDatabase(uniqueName('boot'));
    const replaceUrl = vi.fn();
    const { client, codeFromLink } = await bootSync(db, { location: { hash: '#enroll=K7P2QX', pathname: '/app/', search: '?line=pr1' }, replaceUrl });
    try {
      expect(codeFromLink).toBe('K7P2QX');
      expect(replaceUrl).toHaveBeenCalledWith('/app/?line=pr1');
      await client.awaitInSync();
      expect(syncStatusStore.getState().auth).toBe('not_enrolled');
      expect(client.replications().size).toBe(0);
    } finally {
      await client.stop();
      await db.close();
    }
  });
});
