import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqliteStore } from './sqlite-store.ts';
import { SqliteWriter, type PushJob } from './sqlite-writer.ts';
import type { Store } from './store.ts';
import { storeContractSuite, type StoreHarness } from './testing/store-contract.ts';
import type { PreparedWrite } from './write-decisions.ts';

const T = '2026-03-02T06:00:00.000Z';

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

describe('sqlite group commit', () => {
  it('[S16] a push that fails inside its group rolls back alone; the other pushes of the group are stored', async () => {
    const h = await sqliteHarness();
    const db = new Database(h.path);
    try {
      const row = (id: string): PreparedWrite => ({ id, plantId: 'p1', json: JSON.stringify({ id, plantId: 'p1', receivedAt: T }), deleted: false, assumedMasterRev: null });
      const job = (writes: PreparedWrite[]): PushJob => ({ collection: 'kpi_readings', immutable: true, writes, receivedAt: T });
      const results = new SqliteWriter(db).writeGroup([
        job([row('a1'), row('a2')]),
        // Its second row cannot be stored (data is NOT NULL): the push fails after its first row and first positions.
        job([row('b1'), { ...row('b2'), json: null as unknown as string }]),
        job([row('c1')]),
      ]);
      const positions = results.map((r) => ('failed' in r ? 'failed' : r.decisions.map((d) => (d.status === 'written' ? d.row.position : -1))));
      expect(positions).toEqual([[1, 2], 'failed', [3]]);
      expect((await h.store.getByIds('kpi_readings', ['a1', 'a2', 'b1', 'b2', 'c1'])).map((r) => [r.id, r.position])).toEqual([['a1', 1], ['a2', 2], ['c1', 3]]);
      expect(await h.store.headPosition()).toBe(3);
    } finally {
      db.close();
      await h.destroy();
    }
  });
});

describe('sqlite across processes', () => {
  it('[S16] a push is answered only after its group committed: SIGKILL right after the answers loses none of them', async () => {
    const h = await sqliteHarness();
    try {
      const script = fileURLToPath(new URL('./sqlite-answered-pusher.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', script, h.path, '8', '25'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      const answered = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /answered (\d+)\n/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`pusher exited (${code}) before answering: ${out}`)));
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(answered).toBe(8 * 25);
      const ids = Array.from({ length: 8 }, (_, p) => Array.from({ length: 25 }, (_, i) => `answered-${p}-${i}`)).flat();
      const stored = await h.store.getByIds('kpi_readings', ids);
      expect(stored.map((r) => r.id)).toEqual(ids);
      expect(new Set(stored.map((r) => r.position)).size).toBe(ids.length);
      expect(await h.store.headPosition()).toBe(ids.length);
    } finally {
      await h.destroy();
    }
  });

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
