/**
 * The embedded engine: one SQLite file through better-sqlite3.
 *
 * Why positions here cannot be skipped ([S3]): SQLite allows one writer at a
 * time. Every write runs in a BEGIN IMMEDIATE transaction, which takes the
 * write lock before reading anything, and the feed position is handed out
 * inside that transaction from `feed_head`. So the transaction holding
 * position 10 has committed (or rolled back, handing 10 to nobody) before any
 * other transaction can take 11: position order is commit order, and a reader
 * that sees 11 already sees everything up to it. This holds across processes
 * sharing the file too, because the lock is the database's, not this object's.
 *
 * better-sqlite3 is synchronous; the Store interface is async so both engines
 * look alike. Pushes are written in groups, one transaction per turn of the
 * event loop ([S16], sqlite-group-commit.ts, sqlite-writer.ts); a group runs
 * synchronously from BEGIN to COMMIT, so no other JavaScript (no pull) runs
 * between its statements.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionName } from '../../src/domain/records/collections.ts';
import type { Iso } from '../../src/domain/records/record-types.ts';
import { DEVICE_COLUMNS, DEVICE_STATUS_COLUMNS, NOTE_CONTACT_SQL, enrolledDevice, toDevice, toDeviceStatus, type DeviceRow, type DeviceStatusRow, type RedeemedCodeRow } from './device-rows.ts';
import { GroupCommit } from './sqlite-group-commit.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import type { FlushFile } from './sqlite-wal-sync.ts';
import { toRawChange, type RawRow } from './sqlite-writer.ts';
import {
  assertHash,
  type ChangeBatch,
  type DeviceAuth,
  type DeviceContact,
  type DeviceStatus,
  type DeviceEnrollment,
  type NewEnrollmentCode,
  type RawChangeBatch,
  type RedeemResult,
  type Scope,
  type Store,
  type StoredRecord,
  type WriteOutcome,
  type WriteRequest,
} from './store.ts';
import { outcomesOf, prepareWrites } from './write-decisions.ts';
import type { Timers } from '../server-timers.ts';

export const DEFAULT_SQLITE_PATH = './data/tierboard.sqlite';

/**
 * How long a writer waits for another process's write lock before failing.
 * 5 s: a group of pushes commits in milliseconds, so waiting this long means
 * something is stuck, and the devices will simply retry their pushes later.
 */
const BUSY_TIMEOUT_MS = 5_000;

interface RecordRow {
  collection: string;
  id: string;
  plant_id: string;
  data: string;
  rev: number;
  position: number;
  deleted: number;
  received_at: string;
}

interface CodeRow extends RedeemedCodeRow {
  expires_at: string;
  redeemed_at: string | null;
}

const RECORD_COLUMNS = 'collection, id, plant_id, data, rev, position, deleted, received_at';
/** Columns of a RawRow (sqlite-writer.ts), read in raw (array) mode. */
const RAW_CHANGE_COLUMNS = 'id, plant_id, data, rev, position, deleted, received_at';

export interface SqliteStoreOptions {
  /** How the WAL file is fsynced before pushes are answered ([S14]); tests pass a controllable one. */
  flushFile?: FlushFile;
  /** Timers of the checkpoint thread's quiet wait ([S14]); tests pass hand-driven ones. */
  timers?: Timers;
}

export async function openSqliteStore(path: string = DEFAULT_SQLITE_PATH, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets pulls read while a push writes. synchronous=FULL: in WAL mode
  // NORMAL survives a killed process but may lose the last commits when the
  // power goes, and a plant server sits on the shop floor where it does.
  // "Nothing a person entered may ever be lost": a write we acknowledged must
  // be on disk. Groups of pushes ([S16]) get the same guarantee from an fsync
  // of their own, off the event loop ([S14], sqlite-wal-sync.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return new SqliteStore(db, options);
}

export class SqliteStore implements Store {
  private statements: ReturnType<SqliteStore['prepare']> | null = null;
  /** Made by migrate(): its statements need the tables. */
  private groups: GroupCommit | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteStoreOptions = {},
  ) {}

  async migrate(): Promise<void> {
    const run = this.db.transaction(() => {
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const done = new Set(
        (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
      );
      for (const m of SQLITE_MIGRATIONS) {
        if (done.has(m.version)) continue;
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      }
    });
    // IMMEDIATE: two processes starting at once migrate one after the other.
    run.immediate();
    this.statements = this.prepare();
    this.groups ??= new GroupCommit(this.db, { busyTimeoutMs: BUSY_TIMEOUT_MS, flushFile: this.options.flushFile, timers: this.options.timers });
  }

  private prepare() {
    const db = this.db;
    return {
      recordsByIds: db.prepare(
        `SELECT ${RECORD_COLUMNS} FROM records WHERE collection = ? AND id IN (SELECT value FROM json_each(?))`,
      ),
      head: db.prepare('SELECT position FROM feed_head WHERE id = 1'),
      changesAll: db.prepare(changesSql(RECORD_COLUMNS, false, false)),
      changesScoped: db.prepare(changesSql(RECORD_COLUMNS, true, false)),
      changesAllWindowed: db.prepare(changesSql(RECORD_COLUMNS, false, true)),
      changesScopedWindowed: db.prepare(changesSql(RECORD_COLUMNS, true, true)),
      // Raw mode (rows as arrays, columns as RAW_CHANGE_COLUMNS): no object per row to
      // build; a storm pull page of 200 rows costs about a third less CPU (measured).
      rawChangesAll: db.prepare(changesSql(RAW_CHANGE_COLUMNS, false, false)).raw(true),
      rawChangesScoped: db.prepare(changesSql(RAW_CHANGE_COLUMNS, true, false)).raw(true),
      rawChangesAllWindowed: db.prepare(changesSql(RAW_CHANGE_COLUMNS, false, true)).raw(true),
      rawChangesScopedWindowed: db.prepare(changesSql(RAW_CHANGE_COLUMNS, true, true)).raw(true),
      insertCode: db.prepare(
        `INSERT INTO enrollment_codes (code_hash, plant_id, device_kind, line_id, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      codeByHash: db.prepare(
        'SELECT plant_id, device_kind, line_id, expires_at, redeemed_at FROM enrollment_codes WHERE code_hash = ?',
      ),
      markRedeemed: db.prepare(
        'UPDATE enrollment_codes SET redeemed_at = ?, device_id = ? WHERE code_hash = ? AND redeemed_at IS NULL',
      ),
      insertDevice: db.prepare(
        `INSERT INTO device_tokens (device_id, plant_id, kind, line_id, name, token_hash, enrolled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      putToken: db.prepare('UPDATE device_tokens SET token_hash = ? WHERE device_id = ? AND revoked_at IS NULL'),
      deviceByToken: db.prepare(
        `SELECT ${DEVICE_COLUMNS} FROM device_tokens WHERE token_hash = ? AND revoked_at IS NULL`,
      ),
      anyDeviceByToken: db.prepare(`SELECT ${DEVICE_COLUMNS} FROM device_tokens WHERE token_hash = ?`),
      deviceById: db.prepare(`SELECT ${DEVICE_COLUMNS} FROM device_tokens WHERE device_id = ?`),
      devicesByPlant: db.prepare(`SELECT ${DEVICE_COLUMNS} FROM device_tokens WHERE plant_id = ? ORDER BY device_id`),
      revoke: db.prepare('UPDATE device_tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL'),
      noteContact: db.prepare(NOTE_CONTACT_SQL.replace(/\$\d/g, '?')),
      deviceStatus: db.prepare(`SELECT ${DEVICE_STATUS_COLUMNS} FROM device_tokens ORDER BY plant_id, device_id`),
      databaseId: db.prepare('SELECT database_id FROM server_meta WHERE id = 1').pluck(),
      renewDatabaseId: db.prepare('UPDATE server_meta SET database_id = ? WHERE id = 1'),
    };
  }

  private get s() {
    if (!this.statements) throw new Error('SqliteStore: call migrate() first');
    return this.statements;
  }

  /**
   * [S7] One push, one savepoint of its group's transaction; [S16] answered after
   * the group's COMMIT. Refused before anything is touched when malformed.
   */
  async applyWrites(collection: CollectionName, writes: readonly WriteRequest[], receivedAt: Iso): Promise<WriteOutcome[]> {
    const push = prepareWrites(collection, writes, receivedAt);
    if (writes.length === 0) return [];
    if (!this.groups) throw new Error('SqliteStore: call migrate() first');
    const decisions = await this.groups.push({ collection, immutable: push.info.immutable, writes: push.writes, receivedAt });
    return outcomesOf(push, decisions);
  }

  async getByIds(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]> {
    if (ids.length === 0) return [];
    const rows = this.s.recordsByIds.all(collection, JSON.stringify(ids)) as RecordRow[];
    const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async changesSince(collection: CollectionName, since: number, limit: number, scope: Scope): Promise<ChangeBatch> {
    const documents = this.changeRows(collection, since, limit, scope).map(toRecord);
    await this.durable();
    return { documents, checkpoint: { position: documents.at(-1)?.position ?? since } };
  }

  async changesSinceRaw(collection: CollectionName, since: number, limit: number, scope: Scope): Promise<RawChangeBatch> {
    const s = this.s;
    const rows = changePage(scope, s.rawChangesAll, s.rawChangesScoped, s.rawChangesAllWindowed, s.rawChangesScopedWindowed, collection, since, limit) as RawRow[];
    const changes = rows.map(toRawChange);
    await this.durable();
    return { changes, checkpoint: { position: changes.at(-1)?.position ?? since } };
  }

  /**
   * [S14] A page read may hold rows of a group whose WAL fsync has not returned
   * yet: it is answered once they are on disk (read first, then wait, so a group
   * committed in between is waited for too).
   */
  private durable(): Promise<void> {
    return this.groups ? this.groups.durable() : Promise.resolve();
  }

  private changeRows(collection: CollectionName, since: number, limit: number, scope: Scope): RecordRow[] {
    const s = this.s;
    return changePage(scope, s.changesAll, s.changesScoped, s.changesAllWindowed, s.changesScopedWindowed, collection, since, limit) as RecordRow[];
  }

  async headPosition(): Promise<number> {
    return (this.s.head.get() as { position: number }).position;
  }

  async createEnrollmentCode(code: NewEnrollmentCode): Promise<void> {
    assertHash(code.codeHash, 'codeHash');
    this.s.insertCode.run(code.codeHash, code.plantId, code.deviceKind, code.lineId, code.createdBy, code.createdAt, code.expiresAt);
  }

  async redeemEnrollmentCode(codeHash: string, e: DeviceEnrollment): Promise<RedeemResult> {
    assertHash(codeHash, 'codeHash');
    assertHash(e.tokenHash, 'tokenHash');
    const s = this.s;
    const run = this.db.transaction((): RedeemResult => {
      const code = s.codeByHash.get(codeHash) as CodeRow | undefined;
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.redeemed_at !== null) return { ok: false, reason: 'used' };
      if (code.expires_at <= e.at) return { ok: false, reason: 'expired' };
      s.markRedeemed.run(e.at, e.deviceId, codeHash);
      s.insertDevice.run(e.deviceId, code.plant_id, code.device_kind, code.line_id, e.name, e.tokenHash, e.at);
      return { ok: true, device: enrolledDevice(code, e) };
    });
    return run.immediate();
  }

  async putDeviceToken(deviceId: string, tokenHash: string): Promise<boolean> {
    assertHash(tokenHash, 'tokenHash');
    return this.s.putToken.run(tokenHash, deviceId).changes === 1;
  }

  async findDeviceByTokenHash(tokenHash: string, options: { includeRevoked?: boolean } = {}): Promise<DeviceAuth | null> {
    assertHash(tokenHash, 'tokenHash');
    const row = (options.includeRevoked ? this.s.anyDeviceByToken : this.s.deviceByToken).get(tokenHash) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async getDevice(deviceId: string): Promise<DeviceAuth | null> {
    const row = this.s.deviceById.get(deviceId) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async listDevices(plantId: string): Promise<DeviceAuth[]> {
    return (this.s.devicesByPlant.all(plantId) as DeviceRow[]).map(toDevice);
  }

  async revokeDevice(deviceId: string, at: Iso): Promise<boolean> {
    return this.s.revoke.run(at, deviceId).changes === 1;
  }

  async noteDeviceContact(deviceId: string, contact: DeviceContact): Promise<void> {
    this.s.noteContact.run(contact.at, contact.appVersion ?? null, contact.waiting ?? null, deviceId);
  }

  async listDeviceStatus(): Promise<DeviceStatus[]> {
    return (this.s.deviceStatus.all() as DeviceStatusRow[]).map(toDeviceStatus);
  }

  async databaseId(): Promise<string> {
    return this.s.databaseId.get() as string;
  }

  async renewDatabaseId(): Promise<string> {
    const id = randomBytes(16).toString('hex');
    this.s.renewDatabaseId.run(id);
    return id;
  }

  async close(): Promise<void> {
    // Pushes already queued are written, synced and answered before the file closes.
    await this.groups?.close();
    this.db.close();
  }
}

/**
 * A page of the feed ([S2], [S8], [R2]): after `since`, in position order, optionally within
 * plants and a window of production dates. The plant and window are filters on the walk of
 * `records_feed`: a device's first pull in a plant with two years of readings walks the old
 * ones once, to the first in its window, and its checkpoint starts after that.
 */
function changesSql(columns: string, scoped: boolean, windowed: boolean): string {
  const plants = scoped ? ` AND (plant_id = '' OR plant_id IN (SELECT value FROM json_each(?)))` : '';
  const window = windowed ? ` AND coalesce(json_extract(data, '$.productionDate') >= ?, 1)` : '';
  return `SELECT ${columns} FROM records WHERE collection = ? AND position > ?${plants}${window} ORDER BY position LIMIT ?`;
}

function changePage(
  scope: Scope,
  all: Database.Statement,
  scoped: Database.Statement,
  allWindowed: Database.Statement,
  scopedWindowed: Database.Statement,
  collection: CollectionName,
  since: number,
  limit: number,
): unknown[] {
  const from = scope.productionDateFrom;
  if (scope.plantIds === 'all') return from === undefined ? all.all(collection, since, limit) : allWindowed.all(collection, since, from, limit);
  const plants = JSON.stringify(scope.plantIds);
  return from === undefined ? scoped.all(collection, since, plants, limit) : scopedWindowed.all(collection, since, plants, from, limit);
}

function toRecord(r: RecordRow): StoredRecord {
  return {
    collection: r.collection as CollectionName,
    id: r.id,
    plantId: r.plant_id,
    data: JSON.parse(r.data) as StoredRecord['data'],
    rev: r.rev,
    position: r.position,
    deleted: r.deleted === 1,
    receivedAt: r.received_at,
  };
}

