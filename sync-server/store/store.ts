/**
 * The sync server's storage contract: one interface, two engines
 * (sqlite-store.ts, postgres-store.ts), one contract suite (testing/store-contract.ts).
 *
 * The store knows records, the change feed, devices and enrollment codes.
 * It knows nothing of HTTP, of the RxDB wire format or of who is asking:
 * routes authenticate and authorise, then call these functions.
 * Rule numbers ([S1]...) refer to sync-server/SPEC.md.
 */
import type { CollectionName } from '../../src/domain/records/collections.ts';
import type { Device, DeviceKind } from '../../src/domain/people/people-types.ts';
import type { Iso } from '../../src/domain/records/record-types.ts';

/** One numbered schema step of an engine ([S13]): never edited once shipped; a change is a new step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A record as devices send it: at least an id; `plantId` decides its scope. */
export interface StoredDocument {
  id: string;
  plantId?: string;
  [field: string]: unknown;
}

/** The server's current version of one record. */
export interface StoredRecord {
  collection: CollectionName;
  id: string;
  /** The record's plant, or '' for enterprise-wide and global records ([S8]). */
  plantId: string;
  data: StoredDocument;
  /** Server revision of this record: 1 when first stored, +1 per accepted change ([S6]). */
  rev: number;
  /** Feed position of the record's latest change ([S1]). */
  position: number;
  deleted: boolean;
  /** When the server received the latest change ([S10]). */
  receivedAt: Iso;
}

/** One record of a push, with the master state the device assumed (RxDB replication protocol). */
export interface WriteRequest {
  id: string;
  newDocument: StoredDocument;
  /** `rev` of the master the device last saw; null when it believes the record is new. Ignored for immutable collections. */
  assumedMasterRev: number | null;
  deleted?: boolean;
}

export type WriteOutcome =
  /**
   * Stored as a new change with a new feed position. `json` is the document as the
   * JSON text the store wrote (parses to `record.data`), so an answer that passes the
   * stored record back (push [P12]) need not stringify it again.
   */
  | { id: string; status: 'written'; record: StoredRecord; json: string }
  /** Identical to what is stored: a harmless retry, no new feed position ([S4]). */
  | { id: string; status: 'unchanged'; record: StoredRecord }
  /**
   * Not stored. `immutable`: a different record under an existing immutable id ([S5]).
   * `stale`: the assumed master is not the current one ([S6]); `current` is null when
   * the device assumed a master that does not exist.
   */
  | { id: string; status: 'conflict'; reason: 'immutable' | 'stale'; current: StoredRecord | null };

export interface Checkpoint {
  position: number;
}

export interface ChangeBatch {
  /** In feed order (ascending position). */
  documents: StoredRecord[];
  /** Position of the last document, or the `since` passed in when there is none ([S2]). */
  checkpoint: Checkpoint;
}

/**
 * A change as stored, its document left as the JSON text the engine holds:
 * for answers that only pass documents on (pulls), so no row is parsed and
 * stringified again on its way out.
 */
export interface RawChange {
  id: string;
  plantId: string;
  /** The document as JSON text; parses to the StoredRecord's `data`. Key order and spacing are the engine's. */
  json: string;
  rev: number;
  position: number;
  deleted: boolean;
  receivedAt: Iso;
}

export interface RawChangeBatch {
  /** In feed order (ascending position). */
  changes: RawChange[];
  /** As ChangeBatch: position of the last change, or the `since` passed in when there is none ([S2]). */
  checkpoint: Checkpoint;
}

/** What a reader may see ([S8]): its plants' records plus the enterprise-wide ones (plantId ''). */
export interface Scope {
  plantIds: readonly string[] | 'all';
  /**
   * [R2] A window of days: records whose document has a `productionDate` before this date
   * (YYYY-MM-DD) are out of scope; records without one are in scope. Absent: no window.
   */
  productionDateFrom?: string;
}

// ---------------------------------------------------------------- devices and enrollment

export interface NewEnrollmentCode {
  /** SHA-256 hex of the code shown to the admin; the code itself is never stored ([S12]). */
  codeHash: string;
  plantId: string;
  deviceKind: DeviceKind;
  /** Preset line for a line tablet; '' otherwise. */
  lineId: string;
  createdBy: string;
  createdAt: Iso;
  expiresAt: Iso;
}

export interface DeviceEnrollment {
  deviceId: string;
  /** SHA-256 hex of the device token ([S12]). */
  tokenHash: string;
  name: string;
  /** The server's time of redemption; a code with `expiresAt <= at` is refused. */
  at: Iso;
}

/** An enrolled device as the server knows it: the `devices` record's fields, under its id. */
export type DeviceAuth = { deviceId: string } & Pick<Device, 'plantId' | 'kind' | 'lineId' | 'name' | 'enrolledAt' | 'revokedAt'>;

/** What a device's request tells of it ([O4]): when, and what it reported (absent: not reported, the last value stays). */
export interface DeviceContact {
  at: Iso;
  appVersion?: string;
  waiting?: number;
}

/** A device with what IT sees of it on the health page ([O4]). */
export type DeviceStatus = DeviceAuth & {
  lastContactAt: Iso | null;
  appVersion: string;
  waiting: number | null;
};

export type RedeemResult =
  | { ok: true; device: DeviceAuth }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export interface Store {
  /** Bring the schema up to date; safe to call again and from several processes at once ([S13]). */
  migrate(): Promise<void>;
  /**
   * Apply one push to one collection in one transaction ([S7]): either every outcome
   * below is stored, or (on a thrown error) nothing is. Conflicts are outcomes, not errors.
   * `receivedAt` is the server's clock at receipt, passed in.
   */
  applyWrites(collection: CollectionName, writes: readonly WriteRequest[], receivedAt: Iso): Promise<WriteOutcome[]>;
  /** Current records for these ids, in the order asked, missing ids left out. */
  getByIds(collection: CollectionName, ids: readonly string[]): Promise<StoredRecord[]>;
  /** Changes of one collection after a checkpoint, in feed order, at most `limit`, within `scope` ([S1], [S2], [S8]). */
  changesSince(collection: CollectionName, since: number, limit: number, scope: Scope): Promise<ChangeBatch>;
  /** The same page as changesSince, each document as its stored JSON text ([S15]). */
  changesSinceRaw(collection: CollectionName, since: number, limit: number, scope: Scope): Promise<RawChangeBatch>;
  /** Highest committed feed position over all collections (0 when empty). */
  headPosition(): Promise<number>;

  createEnrollmentCode(code: NewEnrollmentCode): Promise<void>;
  /** Trade a code for a device, once: a replay or a concurrent second redemption fails and stores nothing ([S11]). */
  redeemEnrollmentCode(codeHash: string, enrollment: DeviceEnrollment): Promise<RedeemResult>;
  /** Replace the token hash of an enrolled, unrevoked device (token rotation). False if none. */
  putDeviceToken(deviceId: string, tokenHash: string): Promise<boolean>;
  /**
   * The unrevoked device holding this token hash, or null ([S12]); with `includeRevoked`, a
   * revoked one too (so only the holder of a revoked token hears it was revoked, [T6]).
   */
  findDeviceByTokenHash(tokenHash: string, options?: { includeRevoked?: boolean }): Promise<DeviceAuth | null>;
  /** A device by id, revoked or not (for admin screens). */
  getDevice(deviceId: string): Promise<DeviceAuth | null>;
  listDevices(plantId: string): Promise<DeviceAuth[]>;
  /** Revoke a device; its token stops working at once. False if unknown or already revoked. */
  revokeDevice(deviceId: string, at: Iso): Promise<boolean>;
  /** [O4] Keep a device's last contact, and what it reported (fields left out keep their last value). */
  noteDeviceContact(deviceId: string, contact: DeviceContact): Promise<void>;
  /** [O4] Every enrolled device, revoked ones included, with its last contact; by plant, then device id. */
  listDeviceStatus(): Promise<DeviceStatus[]>;
  /**
   * [O6] The database's identity: made at its first migration, and made anew in a backup copy
   * (ops/backup.ts) or by `npm run mark-restored`, so devices can tell a restored database.
   */
  databaseId(): Promise<string>;
  /** [O6] Give the database a new identity (after a restore); returns it. */
  renewDatabaseId(): Promise<string>;

  close(): Promise<void>;
}

/** A programming or data error the store refuses before touching anything. */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

/** The disk did not take a write that SQLite had committed (a failed fsync, [S14]): no write is taken until a restart. */
export class StorageFailure extends StoreError {
  override readonly name = 'StorageFailure';
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Secrets reach the store only as SHA-256 hex ([S12]). Refusing anything else
 * catches the one mistake that matters: a raw token or code passed by accident.
 */
export function assertHash(value: string, what: string): void {
  if (!SHA256_HEX.test(value)) throw new StoreError(`${what} must be a lowercase SHA-256 hex digest, never the secret itself`);
}
