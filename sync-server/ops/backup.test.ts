/**
 * [O5] [O6] The SQLite backup: SQLite's online backup API while the store takes pushes, a copy
 * that opens as a store with its own identity, never over an existing file; the npm commands.
 * (The whole restore, devices included, on both engines: test/integration/convergence/restore.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.ts';
import type { Store, StoredDocument } from '../store/store.ts';
import { backupSqlite, restoreSqlite } from './backup.ts';

const T = '2026-03-02T06:00:00.000Z';
const reading = (id: string): StoredDocument => ({ id, kpiId: 'k', plantId: 'p1', lineId: 'l1', shiftCode: 'A', productionDate: '2026-03-02', value: 1, personId: 'op', deviceId: 'tab', recordedAt: T, clockOffsetMs: 0, note: 'x'.repeat(2000), supersedes: '', correctionReason: '', receivedAt: '' });
const push = (store: Store, ids: string[]) => store.applyWrites('kpi_readings', ids.map((id) => ({ id, newDocument: reading(id), assumedMasterRev: null })), T);

describe('[O5] SQLite backup and restore', () => {
  let dir: string;
  let live: Store;
  const path = () => join(dir, 'live.sqlite');
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tierboard-backup-'));
    live = await openStore({ sqlitePath: path() });
  });
  afterEach(async () => {
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('[O5] [O6] copies a live store while it takes pushes: a consistent copy with its own identity', async () => {
    await push(live, Array.from({ length: 300 }, (_, i) => `before-${i}`));
    const target = join(dir, 'copy.sqlite');
    // Pushes keep coming while the backup copies: each lands wholly in the copy or not at all.
    const writing = (async () => {
      for (let i = 0; i < 20; i++) await push(live, Array.from({ length: 10 }, (_, j) => `during-${i}-${j}`));
    })();
    const [done] = await Promise.all([backupSqlite(path(), target), writing]);
    expect(done.pages).toBeGreaterThan(0);

    const copy = await openStore({ sqlitePath: target });
    try {
      const head = await copy.headPosition();
      const rows = await copy.changesSince('kpi_readings', 0, 10_000, { plantIds: 'all' });
      // Every position up to the head, none missing: one consistent state, pushes never torn.
      expect(rows.documents.map((r) => r.position)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      expect(rows.documents.filter((r) => r.id.startsWith('during-')).length % 10).toBe(0);
      expect(await copy.databaseId()).toBe(done.databaseId);
      expect(done.databaseId).not.toBe(await live.databaseId());
    } finally {
      await copy.close();
    }
  });

  it('[O5] never overwrites a file, and names a missing database plainly', async () => {
    const target = join(dir, 'taken.sqlite');
    writeFileSync(target, 'something precious');
    await expect(backupSqlite(path(), target)).rejects.toThrow(/exists already/);
    await expect(backupSqlite(join(dir, 'nope.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow(/no database at/);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });

  it('[O5] [O6] a restore puts the backup in place with a new identity each time', async () => {
    await push(live, ['kept']);
    const backup = join(dir, 'backup.sqlite');
    const taken = await backupSqlite(path(), backup);
    await push(live, ['after']);
    await live.close();
    const first = await restoreSqlite(backup, path());
    live = await openStore({ sqlitePath: path() });
    expect((await live.getByIds('kpi_readings', ['kept', 'after'])).map((r) => r.id)).toEqual(['kept']);
    expect(await live.databaseId()).toBe(first.databaseId);
    await live.close();
    const second = await restoreSqlite(backup, path());
    live = await openStore({ sqlitePath: path() });
    expect(new Set([taken.databaseId, first.databaseId, second.databaseId]).size).toBe(3);
  });

  it('[O5] npm run backup makes the copy; on PostgreSQL it names pg_dump instead', () => {
    const run = (args: string[], env: Record<string, string>) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'sync-server/ops/ops-cli.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const target = join(dir, 'cli.sqlite');
    expect(run(['backup', target], { SQLITE_PATH: path(), DATABASE_URL: '' })).toContain('while the server kept running');
    expect(existsSync(target)).toBe(true);
    let said = '';
    try {
      run(['backup', target], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    } catch (err) {
      said = String((err as { stderr?: string }).stderr);
    }
    expect(said).toContain('pg_dump --format=custom');
  });
});
