/**
 * What a push does to the stored records, decided once for both engines.
 *
 * An engine reads the current masters of the pushed ids inside its write
 * transaction, asks `decideWrites` what to do, hands out feed positions to the
 * accepted changes and stores the final rows. Keeping the decision here means
 * SQLite and PostgreSQL cannot drift apart on idempotency ([S4]),
 * immutability ([S5]) or compare-and-set ([S6]).
 */
import { collectionInfo, plantOf, type CollectionInfo, type CollectionName } from '../../src/domain/collections.ts';
import type { Iso } from '../../src/domain/types.ts';
import { StoreError, type StoredDocument, type StoredRecord, type WriteOutcome, type WriteRequest } from './store.ts';

export interface WriteDecisions {
  outcomes: WriteOutcome[];
  /** Every accepted change in push order; each needs its own feed position (`position` is 0 until assigned). */
  changes: StoredRecord[];
  /** The last accepted change per id: the rows to store. */
  finalRows: StoredRecord[];
}

/** Refuse a malformed push before anything is touched. */
export function validateWrites(collection: CollectionName, writes: readonly WriteRequest[]): CollectionInfo {
  const info = collectionInfo(collection);
  if (!info) throw new StoreError(`unknown collection ${String(collection)}`);
  for (const w of writes) {
    if (typeof w.id !== 'string' || w.id === '') throw new StoreError(`${collection}: a record without an id`);
    if (!w.newDocument || w.newDocument.id !== w.id) throw new StoreError(`${collection}/${w.id}: document id differs from the write's id`);
    if (w.assumedMasterRev !== null && !(Number.isInteger(w.assumedMasterRev) && w.assumedMasterRev > 0)) {
      throw new StoreError(`${collection}/${w.id}: assumedMasterRev must be a positive integer or null`);
    }
    // A plant-scoped record without a plant would fall into the enterprise-wide
    // scope and be shown to every plant ([S8]).
    if (info.scope === 'plant' && plantOf(collection, w.newDocument) === '') {
      throw new StoreError(`${collection}/${w.id}: plant-scoped record without plantId`);
    }
  }
  return info;
}

export function decideWrites(
  info: CollectionInfo,
  existing: ReadonlyMap<string, StoredRecord>,
  writes: readonly WriteRequest[],
  receivedAt: Iso,
): WriteDecisions {
  const current = new Map(existing);
  const outcomes: WriteOutcome[] = [];
  const changes: StoredRecord[] = [];
  for (const w of writes) {
    const master = current.get(w.id) ?? null;
    const deleted = w.deleted ?? false;
    if (master && master.deleted === deleted && sameContent(master.data, w.newDocument)) {
      outcomes.push({ id: w.id, status: 'unchanged', record: master });
      continue;
    }
    if (master && info.immutable) {
      outcomes.push({ id: w.id, status: 'conflict', reason: 'immutable', current: master });
      continue;
    }
    const assumed = info.immutable ? null : w.assumedMasterRev;
    if ((master?.rev ?? null) !== assumed) {
      outcomes.push({ id: w.id, status: 'conflict', reason: 'stale', current: master });
      continue;
    }
    const record: StoredRecord = {
      collection: info.name,
      id: w.id,
      plantId: plantOf(info.name, w.newDocument),
      data: stamp(w.newDocument, receivedAt),
      rev: (master?.rev ?? 0) + 1,
      position: 0,
      deleted,
      receivedAt,
    };
    current.set(w.id, record);
    changes.push(record);
    outcomes.push({ id: w.id, status: 'written', record });
  }
  const finalRows = [...new Set(changes.map((c) => c.id))].map((id) => current.get(id) as StoredRecord);
  return { outcomes, changes, finalRows };
}

/**
 * Records that carry a `receivedAt` field get the server's stamp in the document too ([S10]).
 * The caller's document is never changed: it is copied, unless it already carries this very
 * stamp (the push stamps its own copy first, which saves a copy per record).
 */
function stamp(doc: StoredDocument, receivedAt: Iso): StoredDocument {
  return 'receivedAt' in doc && doc.receivedAt !== receivedAt ? { ...doc, receivedAt } : doc;
}

/**
 * Same record, field order aside. `receivedAt` is the server's stamp, not the
 * device's content: a retry carries '' where the stored copy carries the stamp.
 */
export function sameContent(a: StoredDocument, b: StoredDocument): boolean {
  const { receivedAt: _ra, ...restA } = a;
  const { receivedAt: _rb, ...restB } = b;
  return canonicalJson(restA) === canonicalJson(restB);
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order (PostgreSQL's jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(obj[key])}`);
  }
  return `{${parts.join(',')}}`;
}
