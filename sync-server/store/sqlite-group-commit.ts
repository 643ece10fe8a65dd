/**
 * [S16] Group commit for the SQLite store: the pushes that reach the store in
 * one turn of the event loop are written together at the end of that turn, in
 * one transaction (SqliteWriter: each push in its own savepoint, one COMMIT,
 * one WAL fsync), and each push is answered only after that COMMIT returned.
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
 */
import type Database from 'better-sqlite3';
import { SqliteWriter, type PushJob } from './sqlite-writer.ts';
import type { Decision } from './write-decisions.ts';

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

export class GroupCommit {
  private readonly writer: SqliteWriter;
  private queued: QueuedPush[] = [];
  private queuedRows = 0;
  private scheduled = false;

  /** `db`: the store's migrated connection. */
  constructor(db: Database.Database) {
    this.writer = new SqliteWriter(db);
  }

  /**
   * Queues one push; resolves with its decisions once its group is committed.
   * The group is written at the end of this turn of the event loop (setImmediate
   * runs after the poll phase), so every push whose request was read in this
   * turn joins it; a push that comes alone waits less than a millisecond.
   */
  push(job: PushJob): Promise<Decision[]> {
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

  /** Writes and commits what is queued now (the store calls it before closing). */
  commit(): void {
    this.scheduled = false;
    const group = this.queued;
    if (group.length === 0) return;
    this.queued = [];
    this.queuedRows = 0;
    let results;
    try {
      results = this.writer.writeGroup(group.map((q) => q.job));
    } catch (err) {
      // BEGIN or COMMIT failed (the lock stayed busy past busy_timeout, the disk is full):
      // nothing of the group is stored, so no push of it may be answered as stored.
      for (const q of group) q.reject(err);
      return;
    }
    group.forEach((q, i) => {
      const r = results[i];
      if (r === undefined) q.reject(new Error('a push was lost from its group'));
      else if ('failed' in r) q.reject(r.failed);
      else q.resolve(r.decisions);
    });
  }
}
