/**
 * [S14] Grouped pushes are answered, and their rows pulled, only after the WAL
 * fsync that follows their COMMIT; checkpoints run on their own thread.
 */
import { fsync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer, CHECKPOINT_AFTER_BYTES, QUIET_MS } from './sqlite-checkpointer.ts';
import { manualTimers, type ManualTimers } from '../testing/manual-timers.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import { WalSync, type FlushFile } from './sqlite-wal-sync.ts';
import type { WriteRequest } from './store.ts';

const T = '2026-03-02T06:00:00.000Z';
const ALL = { plantIds: 'all' } as const;

/** An fsync the test releases by hand: each released one runs the real fsync, or fails with failNext's error. */
function heldFlush() {
  const held: (() => void)[] = [];
  let failWith: Error | null = null;
  const flush: FlushFile = (fd, done) => {
    held.push(() => (failWith ? done(failWith) : fsync(fd, done)));
  };
  return {
    flush,
    get waiting() {
      return held.length;
    },
    releaseOne() {
      held.shift()?.();
    },
    failNext(err: Error) {
      failWith = err;
    },
  };
}

function reading(id: string, note = ''): WriteRequest {
  return { id, newDocument: { id, plantId: 'p1', kpiId: 'k1', value: 1, note, receivedAt: '' }, assumedMasterRev: null };
}

/** Settles pending promise callbacks and immediates (the group commit runs on setImmediate). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

let dir = '';
const stores: SqliteStore[] = [];

async function open(flush?: FlushFile, timers?: ManualTimers): Promise<{ store: SqliteStore; path: string }> {
  dir ||= mkdtempSync(join(tmpdir(), 'tierboard-durability-'));
  const path = join(dir, `s${stores.length}.sqlite`);
  const store = await openSqliteStore(path, { flushFile: flush, ...(timers ? { timers } : {}) });
  await store.migrate();
  stores.push(store);
  return { store, path };
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('[S14] WAL fsync before the answer', () => {
  it('a push is answered, and its rows pulled, only once the fsync after its COMMIT has returned', async () => {
    const flush = heldFlush();
    const { store, path } = await open(flush.flush);
    let answered = false;
    const push = store.applyWrites('kpi_readings', [reading('r1')], T).then((o) => {
      answered = true;
      return o;
    });
    await turn();
    await turn();
    // Committed (another connection sees it) but not answered: its fsync is still held.
    const peer = new Database(path, { readonly: true });
    expect(peer.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 1 });
    peer.close();
    expect(flush.waiting).toBe(1);
    expect(answered).toBe(false);
    let pulled = false;
    const pull = store.changesSinceRaw('kpi_readings', 0, 10, ALL).then((b) => {
      pulled = true;
      return b;
    });
    await turn();
    expect(pulled).toBe(false);

    flush.releaseOne();
    expect((await push).map((o) => o.status)).toEqual(['written']);
    expect((await pull).changes.map((c) => c.id)).toEqual(['r1']);
  });

  it('a group committed while an fsync runs waits for the next fsync, not that one', async () => {
    const flush = heldFlush();
    const { store } = await open(flush.flush);
    const first = store.applyWrites('kpi_readings', [reading('a')], T);
    await turn();
    await turn();
    expect(flush.waiting).toBe(1);
    let secondAnswered = false;
    const second = store.applyWrites('kpi_readings', [reading('b')], T).then((o) => {
      secondAnswered = true;
      return o;
    });
    await turn();
    await turn();
    flush.releaseOne(); // began before b's COMMIT: answers a only
    await first;
    await turn();
    expect(secondAnswered).toBe(false);
    expect(flush.waiting).toBe(1);
    flush.releaseOne();
    expect((await second).map((o) => o.status)).toEqual(['written']);
  });

  it('a failed fsync refuses the waiting push and every later one, with a message saying so', async () => {
    const flush = heldFlush();
    const { store } = await open(flush.flush);
    const push = store.applyWrites('kpi_readings', [reading('x')], T);
    await turn();
    await turn();
    flush.failNext(new Error('EIO: i/o error, fsync'));
    flush.releaseOne();
    await expect(push).rejects.toThrow(/could not save changes to its disk \(EIO.*restarted/);
    await expect(store.applyWrites('kpi_readings', [reading('y')], T)).rejects.toThrow(/could not save changes/);
    // Nothing of the later push was written.
    expect(await store.getByIds('kpi_readings', ['y'])).toEqual([]);
  });

  it('WalSync with nothing committed answers at once, without an fsync', async () => {
    let flushes = 0;
    const sync = new WalSync('/nonexistent/wal', (_fd, done) => {
      flushes++;
      done(null);
    });
    await sync.durable();
    expect(flushes).toBe(0);
  });
});

describe('[S14] checkpoints on their own thread', () => {
  it('the server connection does no automatic checkpoint; the thread copies the WAL after 4 MB and it starts over', async () => {
    const quiet = manualTimers();
    const { store, path } = await open(undefined, quiet);
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const note = 'x'.repeat(4000);
    const batch = (from: number) => Array.from({ length: 100 }, (_, i) => reading(`big-${from + i}`, note));
    for (let i = 0; (i * 100 * note.length) < 2 * CHECKPOINT_AFTER_BYTES; i++) await store.applyWrites('kpi_readings', batch(i * 100), T);
    const checkpoints = (store as unknown as { groups: { checkpoints: Checkpointer } }).groups.checkpoints;
    // The last writes are copied by the pass after writes pause (QUIET_MS): the pause passes when
    // the test says so, as often as a pass under way leaves the last writes waiting.
    let settled = false;
    void checkpoints.settled().then(() => (settled = true));
    while (!settled) {
      quiet.fire(QUIET_MS);
      await turn();
    }
    const last = checkpoints.last;
    expect(last).not.toBeNull();
    // Caught up: every frame in the WAL copied into the database file.
    expect(last?.checkpointed).toBe(last?.log);
    // In WAL mode only a checkpoint writes the database file, and the server's connection runs
    // none: the 8 MB pushed are in the file, so the thread copied them. (The last pass's own
    // frame count says little: with the WAL started over during the burst, it may be small.)
    expect(statSync(path).size).toBeGreaterThan(2 * CHECKPOINT_AFTER_BYTES);
    // So the next write starts the WAL over from its first frame.
    await store.applyWrites('kpi_readings', [reading('after')], T);
    const peer = new Database(path);
    const [frames] = peer.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    peer.close();
    expect(frames?.log).toBeLessThan(20);
  });

  it('a thread that cannot open the database reports it, so the store falls back to SQLite checkpoints', async () => {
    const failures: unknown[] = [];
    const c = new Checkpointer('/nonexistent/dir/x.sqlite', 100, (err) => failures.push(err));
    c.written(CHECKPOINT_AFTER_BYTES);
    await c.settled();
    await c.close();
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/directory does not exist|unable to open|SQLITE_CANTOPEN/i);
  });
});
