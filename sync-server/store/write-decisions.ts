/**
 * What a push does to the stored records, decided once for both engines.
 *
 * Before any transaction, `prepareWrites` refuses a malformed push, stamps the
 * documents ([S10]) and serialises each once. Inside its write transaction an
 * engine reads the current rows of the pushed ids, asks `decideWrites` what to
 * do, hands out feed positions to the accepted changes and stores the final
 * rows; after it, `outcomesOf` turns the decisions into the push's outcomes.
 * Keeping the decision here means SQLite and PostgreSQL cannot drift apart on
 * idempotency ([S4]), immutability ([S5]) or compare-and-set ([S6]).
 *
 * Decisions work on rows whose documents are JSON text (`RawChange`), not on
 * objects: the text is what the engines store, so a document is parsed only
 * when a stored row of the same id exists (a retry, an edit), never for a new
 * record.
 */
import { collectionInfo, plantOf, type CollectionInfo, type CollectionName } from '../../src/domain/records/collections.ts';
import type { Iso } from '../../src/domain/records/record-types.ts';
import { StoreError, type RawChange, type StoredDocument, type StoredRecord, type WriteOutcome, type WriteRequest } from './store.ts';

/** A write ready for an engine: checked, stamped and serialised. */
export interface PreparedWrite {
  id: string;
  /** The record's plant ([S8]). */
  plantId: string;
  /** The stamped document as JSON text: what is stored, and what a push answer passes back. */
  json: string;
  deleted: boolean;
  assumedMasterRev: number | null;
}

export interface PreparedPush {
  info: CollectionInfo;
  writes: PreparedWrite[];
  /** The stamped documents, by write index: the `data` of the records written. */
  documents: StoredDocument[];
}

/**
 * The decision on one write. `row` is the new row for `written` (its position
 * is 0 until the engine assigns it), the current row for `unchanged`, and the
 * current row or null for `conflict`. A row an earlier write of the same push
 * made is that write's row object.
 */
export type Decision =
  | { status: 'written'; row: RawChange }
  | { status: 'unchanged'; row: RawChange }
  | { status: 'conflict'; reason: 'immutable' | 'stale'; row: RawChange | null };

export interface WriteDecisions {
  decisions: Decision[];
  /** Every accepted change in push order; each needs its own feed position (`position` is 0 until assigned). */
  changes: RawChange[];
  /** The last accepted change per id: the rows to store. */
  finalRows: RawChange[];
}

/**
 * Refuse a malformed push before anything is touched ([S7]), then stamp and
 * serialise each document once. A document that cannot be stored as JSON (a
 * BigInt) throws here, before any transaction: nothing is stored, no position taken.
 */
export function prepareWrites(collection: CollectionName, writes: readonly WriteRequest[], receivedAt: Iso): PreparedPush {
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
  const documents: StoredDocument[] = [];
  const prepared: PreparedWrite[] = [];
  for (const w of writes) {
    const doc = stamp(w.newDocument, receivedAt);
    const json: unknown = JSON.stringify(doc);
    // A toJSON that answers something other than an object: no record to store.
    if (typeof json !== 'string' || !json.startsWith('{')) throw new StoreError(`${collection}/${w.id}: the document is not a JSON object`);
    documents.push(doc);
    prepared.push({ id: w.id, plantId: plantOf(collection, doc), json, deleted: w.deleted ?? false, assumedMasterRev: w.assumedMasterRev });
  }
  return { info, writes: prepared, documents };
}

/** The decisions on one push, given the current rows of its ids. */
export function decideWrites(immutable: boolean, existing: ReadonlyMap<string, RawChange>, writes: readonly PreparedWrite[], receivedAt: Iso): WriteDecisions {
  const current = new Map(existing);
  const decisions: Decision[] = [];
  const changes: RawChange[] = [];
  const finals = new Map<string, RawChange>();
  for (const w of writes) {
    const master = current.get(w.id) ?? null;
    if (master && master.deleted === w.deleted && sameJson(master.json, w.json)) {
      decisions.push({ status: 'unchanged', row: master });
      continue;
    }
    if (master && immutable) {
      decisions.push({ status: 'conflict', reason: 'immutable', row: master });
      continue;
    }
    const assumed = immutable ? null : w.assumedMasterRev;
    if ((master?.rev ?? null) !== assumed) {
      decisions.push({ status: 'conflict', reason: 'stale', row: master });
      continue;
    }
    const row: RawChange = { id: w.id, plantId: w.plantId, json: w.json, rev: (master?.rev ?? 0) + 1, position: 0, deleted: w.deleted, receivedAt };
    current.set(w.id, row);
    changes.push(row);
    // The same id again later in the push replaces its row; the Map keeps first-insertion order.
    finals.set(w.id, row);
    decisions.push({ status: 'written', row });
  }
  return { decisions, changes, finalRows: [...finals.values()] };
}

/** The push's outcomes, in push order. Written records keep the caller's stamped document as their `data`. */
export function outcomesOf(push: PreparedPush, decisions: readonly Decision[]): WriteOutcome[] {
  const collection = push.info.name;
  return decisions.map((d, i): WriteOutcome => {
    const w = push.writes[i] as PreparedWrite;
    if (d.status === 'written') {
      const { row } = d;
      const record: StoredRecord = {
        collection,
        id: w.id,
        plantId: row.plantId,
        data: push.documents[i] as StoredDocument,
        rev: row.rev,
        position: row.position,
        deleted: row.deleted,
        receivedAt: row.receivedAt,
      };
      return { id: w.id, status: 'written', record, json: row.json };
    }
    if (d.status === 'unchanged') return { id: w.id, status: 'unchanged', record: recordOf(collection, d.row) };
    return { id: w.id, status: 'conflict', reason: d.reason, current: d.row ? recordOf(collection, d.row) : null };
  });
}

/** A stored row as a record, its document parsed. */
export function recordOf(collection: CollectionName, row: RawChange): StoredRecord {
  return {
    collection,
    id: row.id,
    plantId: row.plantId,
    data: JSON.parse(row.json) as StoredDocument,
    rev: row.rev,
    position: row.position,
    deleted: row.deleted,
    receivedAt: row.receivedAt,
  };
}

/**
 * Records that carry a `receivedAt` field get the server's stamp in the document too ([S10]).
 * The caller's document is never changed: it is copied, unless it already carries this very
 * stamp (the push stamps its own copy first, which saves a copy per record).
 */
function stamp(doc: StoredDocument, receivedAt: Iso): StoredDocument {
  return 'receivedAt' in doc && doc.receivedAt !== receivedAt ? { ...doc, receivedAt } : doc;
}

/** sameContent on two documents as JSON text: parsed only here, when a stored row of the id exists. */
function sameJson(a: string, b: string): boolean {
  return sameContent(JSON.parse(a) as StoredDocument, JSON.parse(b) as StoredDocument);
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

/**
 * JSON with object keys sorted, so equal content gives equal text whatever the key order
 * (PostgreSQL's jsonb reorders keys). Iterative, with a stack of work of its own: a value nested
 * thousands deep (refused at the door since [P5], but a walk must not depend on that) cannot run
 * it out of stack, which once turned a stored record into a 500 for every later push of it.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Pending work, last first: a value still to write, or text to emit as is.
  const work: ({ value: unknown } | string)[] = [{ value }];
  while (work.length > 0) {
    const item = work.pop() as { value: unknown } | string;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null');
    } else if (Array.isArray(v)) {
      work.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        work.push({ value: v[i] });
        if (i > 0) work.push(',');
      }
      work.push('[');
    } else {
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
      work.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        work.push({ value: obj[key] });
        work.push(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
      }
      work.push('{');
    }
  }
  return out.join('');
}
