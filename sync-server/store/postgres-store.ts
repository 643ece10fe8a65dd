/**
 * The PostgreSQL engine: a `pg` Pool, one schema (search_path), many server
 * processes may share it.
 *
 * The classic gap ([S3]) and how it is closed: a sequence hands out numbers
 * at nextval() time, not at commit, so a transaction holding position 10 can
 * commit after one holding 11; a reader that saw 11 and moved its checkpoint
 * past 10 would never see 10. Here every write transaction first takes a
 * transaction-level advisory lock (the feed lock, one per schema) and only
 * then reads the current masters, takes positions from `feed_head` and writes.
 * The lock is released by COMMIT or ROLLBACK, and PostgreSQL makes a commit
 * visible before it releases the transaction's locks. So when a transaction
 * takes position 11, whoever took 10 is already committed and visible: any
 * snapshot that sees 11 sees 10. Position order is commit order.
 *
 * Why the lock is taken before reading, not just before inserting: the same
 * lock makes compare-and-set exact ([S6]) and lets two concurrent first
 * inserts of one id see each other (a retried push racing its original),
 * without row locks that could deadlock against the feed lock.
 *
 * The price: writes to one feed are serialised, as in SQLite. A push is one
 * transaction of three statements (read masters, bump head, one multi-row
 * upsert), so the lock is held for a few round trips. Readers never take it.
 * The alternative, tracking in-flight positions and serving pulls only up to
 * the lowest uncommitted one (a visible horizon), lets writers overlap but
 * makes every reader depend on the slowest writer; SPEC.md [S3] says more.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { CollectionName } from '../../src/domain/records/collections.ts';
import type { Iso } from '../../src/domain/records/record-types.ts';
import { DEVICE_COLUMNS, DEVICE_STATUS_COLUMNS, NOTE_CONTACT_SQL, enrolledDevice, toDevice, toDeviceStatus, type DeviceRow, type DeviceStatusRow, type RedeemedCodeRow } from './device-rows.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import {
  assertHash,
  StoreError,
  type ChangeBatch,
  type DeviceAuth,
  type DeviceContact,
  type DeviceStatus,
  type DeviceEnrollment,
  type NewEnrollmentCode,
  type RawChange,
  type RawChangeBatch,
  type RedeemResult,
  type Scope,
  type Store,
  type StoredRecord,
  type WriteOutcome,
  type WriteRequest,
} from './store.ts';
import { decideWrites, outcomesOf, prepareWrites } from './write-decisions.ts';

export interface PostgresStoreOptions {
  /** e.g. postgres://postgres@127.0.0.1:5432/tierboard (DATABASE_URL). */
  connectionString: string;
  /** Schema holding Tierboard's tables; created by migrate(). Default `public`. */
  schema?: string;
  /**
   * Pool size. 10 is pg's own default: writes are serialised by the feed lock
   * anyway, so more connections only help concurrent pulls.
   */
  maxConnections?: number;
  /** For tests: runs inside every write transaction after its rows are written, before COMMIT. */
  beforeCommit?: (positions: readonly number[]) => Promise<void>;
}

// Advisory lock keys: (namespace, schema). hashtext() of the schema keeps
// separate schemas (test runs, tenants) from queueing on each other's feed.
const FEED_LOCK = `SELECT pg_advisory_xact_lock(hashtext('tierboard.feed'), hashtext($1))`;
const MIGRATION_LOCK = `SELECT pg_advisory_xact_lock(hashtext('tierboard.migrate'), hashtext($1))`;

const RECORD_COLUMNS = 'collection, id, plant_id, data, rev, position, deleted, received_at';
/** `data::text`: the jsonb as text, so pg hands it over unparsed (jsonb's own spacing and key order). */
const RAW_RECORD_COLUMNS = 'collection, id, plant_id, data::text AS data, rev, position, deleted, received_at';

interface RecordRow {
  collection: string;
  id: string;
  plant_id: string;
  data: StoredRecord['data'];
  rev: number;
  position: string;
  deleted: boolean;
  received_at: string;
}

type RawRecordRow = Omit<RecordRow, 'data'> & { data: string };


export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreError(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => undefined);
  return new PostgresStore(pool, schema, options.beforeCommit);
}

export class PostgresStore implements Store {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly beforeCommit?: (positions: readonly number[]) => Promise<void>,
  ) {}

  private async tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      // Two processes starting at once migrate one after the other.
      await c.query(MIGRATION_LOCK, [this.schema]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of POSTGRES_MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
    });
  }

  async applyWrites(collection: CollectionName, writes: readonly WriteRequest[], receivedAt: Iso): Promise<WriteOutcome[]> {
    const push = prepareWrites(collection, writes, receivedAt);
    if (writes.length === 0) return [];
    return this.tx(async (c) => {
      await c.query(FEED_LOCK, [this.schema]);
      const ids = [...new Set(push.writes.map((w) => w.id))];
      const found = await c.query<RawRecordRow>(
        `SELECT ${RAW_RECORD_COLUMNS} FROM records WHERE collection = $1 AND id = ANY($2::text[])`,
        [collection, ids],
      );
      const existing = new Map(found.rows.map((r) => [r.id, toRawChange(r)]));
      const { decisions, changes, finalRows } = decideWrites(push.info.immutable, existing, push.writes, receivedAt);
      if (changes.length === 0) return outcomesOf(push, decisions);
      const head = await c.query<{ position: string }>(
        'UPDATE feed_head SET position = position + $1 WHERE id = 1 RETURNING position',
        [changes.length],
      );
      const last = Number(head.rows[0]?.position);
      changes.forEach((ch, i) => (ch.position = last - changes.length + 1 + i));
      // One multi-row upsert: a push of hundreds of readings is one round trip.
      await c.query(
        `INSERT INTO records (${RECORD_COLUMNS})
         SELECT $1, u.id, u.plant_id, u.data::jsonb, u.rev, u.position, u.deleted, $2
           FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::int8[], $8::bool[])
             AS u(id, plant_id, data, rev, position, deleted)
         ON CONFLICT (collection, id) DO UPDATE SET plant_id = excluded.plant_id, data = excluded.data,
           rev = excluded.rev, position = excluded.position, deleted = excluded.deleted, received_at = excluded.received_at`,
        [
          collection,
          receivedAt,
          finalRows.map((r) => r.id),
          finalRows.map((r) => r.plantId),
          finalRows.map((r) => r.json),
          finalRows.map((r) => r.rev),
          finalRows.map((r) => r.position),
          finalRows.map((r) => r.deleted),
        ],
      );
      if (this.beforeCommit) await this.beforeCommit(changes.map((ch) => ch.position));
      return outcomesOf(push, decisions);
    });
  }

  async getByIds(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]> {
    const askable = ids.every(storableText) ? ids : ids.filter(storableText);
    if (askable.length === 0) return [];
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE collection = $1 AND id = ANY($2::text[])`,
      [collection, askable],
    );
    const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async changesSince(collection: CollectionName, since: number, limit: number, scope: Scope): Promise<ChangeBatch> {
    const rows = await this.changeRows<RecordRow>(RECORD_COLUMNS, collection, since, limit, scope);
    const documents = rows.map(toRecord);
    return { documents, checkpoint: { position: documents.at(-1)?.position ?? since } };
  }

  async changesSinceRaw(collection: CollectionName, since: number, limit: number, scope: Scope): Promise<RawChangeBatch> {
    const rows = await this.changeRows<RawRecordRow>(RAW_RECORD_COLUMNS, collection, since, limit, scope);
    const changes = rows.map(toRawChange);
    return { changes, checkpoint: { position: changes.at(-1)?.position ?? since } };
  }

  private async changeRows<R extends pg.QueryResultRow>(columns: string, collection: CollectionName, since: number, limit: number, scope: Scope): Promise<R[]> {
    const params: unknown[] = [collection, since];
    let filters = '';
    if (scope.plantIds !== 'all') {
      params.push([...scope.plantIds]);
      filters += ` AND (plant_id = '' OR plant_id = ANY($${params.length}::text[]))`;
    }
    // [R2] Records dated before the window are out of scope; a record with no date is in it.
    if (scope.productionDateFrom !== undefined) {
      params.push(scope.productionDateFrom);
      filters += ` AND coalesce((data->>'productionDate') COLLATE "C" >= $${params.length}, true)`;
    }
    params.push(limit);
    const { rows } = await this.pool.query<R>(
      `SELECT ${columns} FROM records WHERE collection = $1 AND position > $2${filters} ORDER BY position LIMIT $${params.length}`,
      params,
    );
    return rows;
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM feed_head WHERE id = 1');
    return Number(rows[0]?.position ?? 0);
  }

  async createEnrollmentCode(code: NewEnrollmentCode): Promise<void> {
    assertHash(code.codeHash, 'codeHash');
    await this.pool.query(
      `INSERT INTO enrollment_codes (code_hash, plant_id, device_kind, line_id, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [code.codeHash, code.plantId, code.deviceKind, code.lineId, code.createdBy, code.createdAt, code.expiresAt],
    );
  }

  async redeemEnrollmentCode(codeHash: string, e: DeviceEnrollment): Promise<RedeemResult> {
    assertHash(codeHash, 'codeHash');
    assertHash(e.tokenHash, 'tokenHash');
    return this.tx(async (c): Promise<RedeemResult> => {
      // One conditional UPDATE: a concurrent second redemption waits on the
      // row lock, then finds redeemed_at set and updates nothing.
      const taken = await c.query<RedeemedCodeRow>(
        `UPDATE enrollment_codes SET redeemed_at = $2, device_id = $3
          WHERE code_hash = $1 AND redeemed_at IS NULL AND expires_at > $2
          RETURNING plant_id, device_kind, line_id`,
        [codeHash, e.at, e.deviceId],
      );
      const code = taken.rows[0];
      if (!code) {
        const { rows } = await c.query<{ redeemed_at: string | null }>(
          'SELECT redeemed_at FROM enrollment_codes WHERE code_hash = $1',
          [codeHash],
        );
        const row = rows[0];
        return { ok: false, reason: !row ? 'unknown' : row.redeemed_at !== null ? 'used' : 'expired' };
      }
      await c.query(
        `INSERT INTO device_tokens (device_id, plant_id, kind, line_id, name, token_hash, enrolled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [e.deviceId, code.plant_id, code.device_kind, code.line_id, e.name, e.tokenHash, e.at],
      );
      return { ok: true, device: enrolledDevice(code, e) };
    });
  }

  async putDeviceToken(deviceId: string, tokenHash: string): Promise<boolean> {
    assertHash(tokenHash, 'tokenHash');
    if (!storableText(deviceId)) return false;
    const r = await this.pool.query('UPDATE device_tokens SET token_hash = $1 WHERE device_id = $2 AND revoked_at IS NULL', [
      tokenHash,
      deviceId,
    ]);
    return r.rowCount === 1;
  }

  async findDeviceByTokenHash(tokenHash: string, options: { includeRevoked?: boolean } = {}): Promise<DeviceAuth | null> {
    assertHash(tokenHash, 'tokenHash');
    const { rows } = await this.pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM device_tokens WHERE token_hash = $1${options.includeRevoked ? '' : ' AND revoked_at IS NULL'}`,
      [tokenHash],
    );
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async getDevice(deviceId: string): Promise<DeviceAuth | null> {
    if (!storableText(deviceId)) return null;
    const { rows } = await this.pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM device_tokens WHERE device_id = $1`, [deviceId]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async listDevices(plantId: string): Promise<DeviceAuth[]> {
    if (!storableText(plantId)) return [];
    const { rows } = await this.pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM device_tokens WHERE plant_id = $1 ORDER BY device_id`,
      [plantId],
    );
    return rows.map(toDevice);
  }

  async revokeDevice(deviceId: string, at: Iso): Promise<boolean> {
    if (!storableText(deviceId)) return false;
    const r = await this.pool.query('UPDATE device_tokens SET revoked_at = $1 WHERE device_id = $2 AND revoked_at IS NULL', [
      at,
      deviceId,
    ]);
    return r.rowCount === 1;
  }

  async noteDeviceContact(deviceId: string, contact: DeviceContact): Promise<void> {
    await this.pool.query(NOTE_CONTACT_SQL, [contact.at, contact.appVersion ?? null, contact.waiting ?? null, deviceId]);
  }

  async listDeviceStatus(): Promise<DeviceStatus[]> {
    const { rows } = await this.pool.query<DeviceStatusRow>(`SELECT ${DEVICE_STATUS_COLUMNS} FROM device_tokens ORDER BY plant_id, device_id`);
    return rows.map(toDeviceStatus);
  }

  async databaseId(): Promise<string> {
    const { rows } = await this.pool.query<{ database_id: string }>('SELECT database_id FROM server_meta WHERE id = 1');
    return rows[0]?.database_id ?? '';
  }

  async renewDatabaseId(): Promise<string> {
    const id = randomBytes(16).toString('hex');
    await this.pool.query('UPDATE server_meta SET database_id = $1 WHERE id = 1', [id]);
    return id;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * PostgreSQL's text holds no NUL and no broken surrogate pair (as a query
 * parameter it fails the whole statement), so no stored id or plant can
 * contain one. Lookups by such a value answer "not there" without asking,
 * as SQLite's do by finding nothing; pushes never get this far with one
 * (replication/record-validation.ts refuses the record).
 */
function storableText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

function toRecord(r: RecordRow): StoredRecord {
  return {
    collection: r.collection as CollectionName,
    id: r.id,
    plantId: r.plant_id,
    data: r.data,
    rev: r.rev,
    // bigint arrives as a string; positions stay far below 2^53.
    position: Number(r.position),
    deleted: r.deleted,
    receivedAt: r.received_at,
  };
}

function toRawChange(r: RawRecordRow): RawChange {
  return { id: r.id, plantId: r.plant_id, json: r.data, rev: r.rev, position: Number(r.position), deleted: r.deleted, receivedAt: r.received_at };
}

