/**
 * [S16] Group commit for the SQLite store: the pushes that reach the store in
 * one turn of the event loop are written together at the end of that turn, in
 * one transaction (SqliteWriter: each push in its own savepoint, one COMMIT,
 * one WAL fsync), and each push is answered only after that COMMIT returned
 * and the fsync after it (sqlite-wal-sync.ts) made it durable.
 *
 * Why: with synchronous = FULL ([S14]) the fsync at COMMIT was the largest
 * single cost of a push, and better-sqlite3 waits for it on the event loop.
 * Measured with bench/sync/push-probe.ts (20 tablets pushing 100 readings at a
 * time, 2-core machine, load ~3): one commit per push paid it 500 times per
 * 50,000 readings; grouped, about 50 times (groups of ~10 pushes), and the
 * push rate went from ~52-54k to ~66k readings/s while the server's CPU per
 * 50,000 readings fell from 0.80-0.93 s to 0.67-0.74 s.
 *
 * Tried and dropped: writing the groups on a worker thread with its own
 * connection, so the event loop would not wait for SQLite and the disk. It
 * halved the event loop's CPU (0.25-0.32 s instead of 0.46-0.59 s per 50,000
 * readings) but not the server's: handing every document to the thread and
 * the results back cost about what it saved (0.56-0.72 s against 0.51-0.67 s
 * in alternating runs), throughput was not distinguishable from the noise of
 * the shared machine, and each store then starts a thread (~0.3 s, felt by
 * every test that opens one). Tried again with a cheaper hand-over (a push's
 * ids, plants and documents as one string with their lengths; back only the
 * positions of new rows): at load ~1 the event loop's CPU fell from ~0.62 to
 * ~0.44 s and the push rate rose about 10% (median ~81k against ~74k/s), but
 * the server's CPU rose to ~0.85 s and the two cores were then nearly full
 * with the simulated devices and loopback networking, so any other load on
 * the machine takes the gain back. Not worth a second writer path.
 *
 * What did move off the event loop ([S14]): the fsync of the WAL (libuv's
 * thread pool, sqlite-wal-sync.ts) and the checkpoints (a thread with its own
 * connection, sqlite-checkpointer.ts), which SQLite ran inside COMMIT. Neither
 * hands documents anywhere. Measured with bench/sync/push-probe.ts,
 * alternating 3 x 5 runs each at load ~1-2.5: the server's JavaScript thread
 * went from ~0.62 to ~0.55 s of CPU per 50,000 readings (median); moving only
 * the fsync gave nothing measurable, only both together did.
 */
import type Database from 'better-sqlite3';
import { Checkpointer } from './sqlite-checkpointer.ts';
import { WalSync, type FlushFile } from './sqlite-wal-sync.ts';
import { SqliteWriter, type PushJob } from './sqlite-writer.ts';
import type { Decision } from './write-decisions.ts';
import type { Timers } from '../server-timers.ts';

/**
 * At most this many rows in one group: 20 tablets of 100-row pushes fit
 * (2,000). Writing a group blocks the event loop; 5,000 rows keep that to
 * tens of milliseconds, which a live stream or a pull behind it does not notice.
 */
export const GROUP_ROWS_MAX = 5_000;

interface QueuedPush {
  job: PushJob;
  resolve(decisions: Decision[]): void;
  reject(err: unknown): void;
}

export interface GroupCommitOptions {
  busyTimeoutMs: number;
  /** How the WAL file is fsynced (tests: a controllable one). */
  flushFile?: FlushFile;
  /** The checkpointer's quiet wait runs on these (tests: hand-driven ones). */
  timers?: Timers;
}

export class GroupCommit {
  private readonly writer: SqliteWriter;
  /** [S14] Null for a database without a WAL file (`:memory:`): its commits need no fsync. */
  private readonly wal: WalSync | null;
  private readonly checkpointer: Checkpointer | null;
  private readonly syncOff: Database.Statement | null;
  private readonly syncOn: Database.Statement | null;
  private queued: QueuedPush[] = [];
  private queuedRows = 0;
  private scheduled = false;

  /** `db`: the store's migrated connection, in WAL mode with `synchronous = FULL` when it is a file. */
  constructor(db: Database.Database, options: GroupCommitOptions) {
    this.writer = new SqliteWriter(db);
    const walFile = !db.memory && db.pragma('journal_mode', { simple: true }) === 'wal';
    this.wal = walFile ? new WalSync(`${db.name}-wal`, options.flushFile) : null;
    // Groups commit without SQLite's fsync, which WalSync does off the event loop; every other
    // write of the connection (enrollment, revocation, migrations) keeps `synchronous = FULL`.
    this.syncOff = walFile ? db.prepare('PRAGMA synchronous = NORMAL') : null;
    this.syncOn = walFile ? db.prepare('PRAGMA synchronous = FULL') : null;
    this.checkpointer = walFile
      ? new Checkpointer(db.name, options.busyTimeoutMs, () => {
          // No thread for checkpoints: SQLite's own, in the COMMIT, as before.
          if (db.open) db.pragma('wal_autocheckpoint = 1000');
        }, options.timers)
      : null;
    if (this.checkpointer) db.pragma('wal_autocheckpoint = 0');
  }

  /**
   * Queues one push; resolves with its decisions once its group is committed
   * and on disk. The group is written at the end of this turn of the event loop
   * (setImmediate runs after the poll phase), so every push whose request was
   * read in this turn joins it; a push that comes alone waits less than a
   * millisecond, plus the fsync.
   */
  push(job: PushJob): Promise<Decision[]> {
    if (this.wal?.failure) return Promise.reject(this.wal.failure);
    return new Promise<Decision[]>((resolve, reject) => {
      this.queued.push({ job, resolve, reject });
      this.queuedRows += job.writes.length;
      if (this.queuedRows >= GROUP_ROWS_MAX) this.commit();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.commit());
      }
    });
  }

  /**
   * Resolves once every group committed so far is on disk: a pull answers no
   * earlier ([S14]), so no device is handed a position a power cut could take back.
   */
  durable(): Promise<void> {
    return this.wal ? this.wal.durable() : Promise.resolve();
  }

  /** Writes and commits what is queued now; its pushes are answered once the WAL is synced. */
  commit(): void {
    this.scheduled = false;
    const group = this.queued;
    if (group.length === 0) return;
    this.queued = [];
    this.queuedRows = 0;
    let results;
    try {
      this.syncOff?.run();
      results = this.writer.writeGroup(group.map((q) => q.job));
    } catch (err) {
      // BEGIN or COMMIT failed (the lock stayed busy past busy_timeout, the disk is full):
      // nothing of the group is stored, so no push of it may be answered as stored.
      for (const q of group) q.reject(err);
      return;
    } finally {
      this.restoreFullSync();
    }
    const answer = (): void =>
      group.forEach((q, i) => {
        const r = results[i];
        if (r === undefined) q.reject(new Error('a push was lost from its group'));
        else if ('failed' in r) q.reject(r.failed);
        else q.resolve(r.decisions);
      });
    if (!this.wal) {
      answer();
      return;
    }
    this.checkpointer?.written(group.reduce((n, q) => n + writtenBytes(q.job), 0));
    this.wal.durable(this.wal.committed()).then(answer, (err: unknown) => {
      for (const q of group) q.reject(err);
    });
  }

  /**
   * Writes what is queued, waits until it is on disk, ends the checkpoint
   * thread: the store then closes its connection, which checkpoints the rest.
   */
  async close(): Promise<void> {
    this.commit();
    await this.durable().catch(() => undefined);
    this.wal?.close();
    await this.checkpointer?.close();
  }

  private restoreFullSync(): void {
    try {
      this.syncOn?.run();
    } catch {
      // A connection that cannot run a pragma fails its next write too, and that write's push is refused.
    }
  }

  /** The checkpoint thread (tests). */
  get checkpoints(): Checkpointer | null {
    return this.checkpointer;
  }
}

function writtenBytes(job: PushJob): number {
  let n = 0;
  for (const w of job.writes) n += w.json.length;
  return n;
}
