import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';
import { storeContractSuite, type StoreHarness } from './store-contract.ts';

async function sqliteHarness(): Promise<StoreHarness & { path: string }> {
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
    path,
    // A push runs synchronously from BEGIN to COMMIT: there is no moment inside it to delay.
    openPeer: () => open(),
    destroy: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

storeContractSuite('sqlite', sqliteHarness);

describe('sqlite across processes', () => {
  it('[S3] pushers in separate processes and a puller: every change seen exactly once', async () => {
    const h = await sqliteHarness();
    try {
      const seen: string[] = [];
      let since = 0;
      let pagesWhilePushing = 0;
      const drain = async () => {
        for (;;) {
          const batch = await h.store.changesSince('kpi_readings', since, 7, { plantIds: 'all' });
          seen.push(...batch.documents.map((d) => d.id));
          since = batch.checkpoint.position;
          if (batch.documents.length === 0) return;
        }
      };
      // The puller drains whenever a pusher reports a committed batch: reads
      // interleave with other processes' writes, without polling on a clock.
      let pulling: Promise<void> = Promise.resolve();
      const script = fileURLToPath(new URL('./sqlite-concurrent-pusher.ts', import.meta.url));
      const pushers = ['a', 'b', 'c'].map(
        (prefix) =>
          new Promise<number | null>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', script, h.path, prefix, '40', '5'], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            child.stdout.on('data', () => {
              pulling = pulling.then(async () => {
                await drain();
                pagesWhilePushing++;
              });
            });
            child.on('error', reject);
            child.on('exit', resolve);
          }),
      );
      expect(await Promise.all(pushers)).toEqual([0, 0, 0]);
      await pulling;
      expect(pagesWhilePushing).toBeGreaterThan(0);
      await drain();
      expect(seen.length).toBe(3 * 40 * 5);
      expect(new Set(seen).size).toBe(3 * 40 * 5);
    } finally {
      await h.destroy();
    }
  });
});
