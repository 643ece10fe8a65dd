/**
 * The SQLite engine's writes of pushes, group by group ([S16],
 * sqlite-group-commit.ts): one BEGIN IMMEDIATE transaction per group, each
 * push of it in a savepoint of its own, one COMMIT.
 *
 * Position order is commit order ([S3]): BEGIN IMMEDIATE takes the database's
 * write lock before anything is read, and positions come from `feed_head`
 * inside the transaction, so no other writer (connection or process) can take a
 * position until this group has committed or rolled back.
 */
import type Database from 'better-sqlite3';
import type { CollectionName } from '../../src/domain/records/collections.ts';
import type { Iso } from '../../src/domain/records/record-types.ts';
import type { RawChange } from './store.ts';
import { decideWrites, type Decision, type PreparedWrite } from './write-decisions.ts';

/** One push of a group. */
export interface PushJob {
  collection: CollectionName;
  immutable: boolean;
  writes: PreparedWrite[];
  receivedAt: Iso;
}

/** Per push of a group: its decisions (rows with their positions), or why it failed and was rolled back alone. */
export type PushJobResult = { decisions: Decision[] } | { failed: unknown };

const RAW_COLUMNS = 'id, plant_id, data, rev, position, deleted, received_at';
/** A row of RAW_COLUMNS in raw (array) mode. */
export type RawRow = [id: string, plantId: string, data: string, rev: number, position: number, deleted: number, receivedAt: string];

export function toRawChange([id, plantId, json, rev, position, deleted, receivedAt]: RawRow): RawChange {
  return { id, plantId, json, rev, position, deleted: deleted === 1, receivedAt };
}

export class SqliteWriter {
  private readonly rowById: Database.Statement;
  private readonly takePositions: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly head: Database.Statement;
  private readonly setHead: Database.Statement;
  private readonly insertNew: Database.Statement;
  private readonly group: Database.Transaction<(jobs: readonly PushJob[]) => PushJobResult[]>;

  /** `db` must be migrated: the statements are prepared against its tables. */
  constructor(private readonly db: Database.Database) {
    this.rowById = db.prepare(`SELECT ${RAW_COLUMNS} FROM records WHERE collection = ? AND id = ?`).raw(true);
    this.takePositions = db.prepare('UPDATE feed_head SET position = position + ? WHERE id = 1 RETURNING position');
    this.upsert = db.prepare(
      `INSERT INTO records (collection, id, plant_id, data, rev, position, deleted, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET plant_id = excluded.plant_id, data = excluded.data,
         rev = excluded.rev, position = excluded.position, deleted = excluded.deleted, received_at = excluded.received_at`,
    );
    this.head = db.prepare('SELECT position FROM feed_head WHERE id = 1').pluck(true);
    this.setHead = db.prepare('UPDATE feed_head SET position = ? WHERE id = 1');
    this.insertNew = db.prepare(
      `INSERT INTO records (collection, id, plant_id, data, rev, position, deleted, received_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT (collection, id) DO NOTHING`,
    );
    // Nested in the group's transaction, better-sqlite3 runs this one as a SAVEPOINT:
    // a push that throws part-way rolls back alone, its group goes on ([S7]).
    const push = db.transaction((job: PushJob) => this.writePush(job));
    this.group = db.transaction((jobs: readonly PushJob[]) =>
      jobs.map((job): PushJobResult => {
        try {
          return { decisions: push(job) };
        } catch (failed) {
          // An error SQLite answers by rolling back the whole transaction (I/O error,
          // disk full) leaves no group to go on with: fail the group, every push of it.
          if (!db.inTransaction) throw failed;
          return { failed };
        }
      }),
    );
  }

  /**
   * Writes a group and commits it; returns when the COMMIT has returned, i.e. the
   * group is on disk ([S14]). Throws when BEGIN or COMMIT fails: nothing of the group is stored.
   */
  writeGroup(jobs: readonly PushJob[]): PushJobResult[] {
    return this.group.immediate(jobs);
  }

  private writePush(job: PushJob): Decision[] {
    return job.immutable ? this.writeImmutable(job) : this.writeMutable(job);
  }

  /**
   * Immutable records are almost always new (a reading is pushed once; a retry is
   * the exception), so each is inserted first and read only when its id is taken.
   * Reading every id before writing it cost about 0.7 of the ~4.5 µs a new row
   * costs SQLite here; measured with bench/sync/push-probe.ts, alternating 9 runs
   * each, the server's JavaScript thread went from 0.65 to 0.62 s of CPU per
   * 50,000 readings (median). A taken id
   * gets the same decision `decideWrites` gives it in writeMutable's order of
   * reads (unchanged or conflict, [S4] [S5]); positions go to the inserted rows
   * in push order ([S3]) and the head moves once.
   */
  private writeImmutable(job: PushJob): Decision[] {
    const first = (this.head.get() as number) + 1;
    let next = first;
    const decisions = job.writes.map((w): Decision => {
      const inserted = this.insertNew.run(job.collection, w.id, w.plantId, w.json, next, w.deleted ? 1 : 0, job.receivedAt).changes === 1;
      if (inserted) {
        return { status: 'written', row: { id: w.id, plantId: w.plantId, json: w.json, rev: 1, position: next++, deleted: w.deleted, receivedAt: job.receivedAt } };
      }
      const stored = toRawChange(this.rowById.get(job.collection, w.id) as RawRow);
      return decideWrites(true, new Map([[w.id, stored]]), [w], job.receivedAt).decisions[0] as Decision;
    });
    if (next > first) this.setHead.run(next - 1);
    return decisions;
  }

  private writeMutable(job: PushJob): Decision[] {
    const existing = new Map<string, RawChange>();
    for (const w of job.writes) {
      if (existing.has(w.id)) continue;
      const row = this.rowById.get(job.collection, w.id) as RawRow | undefined;
      if (row) existing.set(w.id, toRawChange(row));
    }
    const { decisions, changes, finalRows } = decideWrites(job.immutable, existing, job.writes, job.receivedAt);
    if (changes.length === 0) return decisions;
    const { position: last } = this.takePositions.get(changes.length) as { position: number };
    changes.forEach((c, i) => (c.position = last - changes.length + 1 + i));
    for (const r of finalRows) {
      this.upsert.run(job.collection, r.id, r.plantId, r.json, r.rev, r.position, r.deleted ? 1 : 0, r.receivedAt);
    }
    return decisions;
  }
}
