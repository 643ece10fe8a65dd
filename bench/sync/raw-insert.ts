/**
 * The floor under the push figure: the same rows written straight into the
 * same engine, in the same batch size, into a table of the same shape
 * (the store's own first migration, so the same primary key and feed index),
 * with no HTTP, no validation, no authorisation. One writer, batches in
 * sequence: a plain import loop.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { KpiReading } from '../../src/domain/kpi/kpi-types.ts';
import { POSTGRES_MIGRATIONS } from '../../sync-server/store/postgres-migrations.ts';
import { SQLITE_MIGRATIONS } from '../../sync-server/store/sqlite-migrations.ts';

const COLUMNS = 'collection, id, plant_id, data, rev, position, deleted, received_at';

export interface RawTarget {
  insert(rows: readonly KpiReading[], batchSize: number): Promise<number>;
  close(): Promise<void>;
}

/** SQLite with the store's pragmas (WAL, synchronous=FULL: one fsync per transaction, as every push pays). */
export function openRawSqlite(path: string): RawTarget {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
  const insert = db.prepare(`INSERT INTO records (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  let position = 0;
  const batch = db.transaction((rows: readonly KpiReading[], receivedAt: string) => {
    for (const r of rows) {
      position += 1;
      insert.run('kpi_readings', r.id, r.plantId, JSON.stringify({ ...r, receivedAt }), 1, position, 0, receivedAt);
    }
  });
  return {
    /** Returns the seconds taken. */
    async insert(rows, batchSize) {
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += batchSize) batch.immediate(rows.slice(i, i + batchSize), new Date().toISOString());
      return (performance.now() - t0) / 1000;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** PostgreSQL: one multi-row INSERT per batch (its own transaction) over one connection, in a schema of its own. */
export async function openRawPostgres(databaseUrl: string, schema: string): Promise<RawTarget> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path = ${schema}`);
  await client.query(POSTGRES_MIGRATIONS[0]?.sql ?? '');
  let position = 0;
  let closed = false;
  return {
    async insert(rows, batchSize) {
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += batchSize) {
        const slice = rows.slice(i, i + batchSize);
        const receivedAt = new Date().toISOString();
        const params: unknown[] = [];
        const tuples = slice.map((r, k) => {
          position += 1;
          params.push('kpi_readings', r.id, r.plantId, JSON.stringify({ ...r, receivedAt }), 1, position, false, receivedAt);
          const b = k * 8;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
        });
        await client.query(`INSERT INTO records (${COLUMNS}) VALUES ${tuples.join(', ')}`, params);
      }
      return (performance.now() - t0) / 1000;
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end();
    },
  };
}
