/**
 * [P4]-[P8] A device's push: validate, scope, authorise, then store what is
 * allowed in one transaction, merging mutable records field by field against
 * the current master.
 */
import { collectionInfo, plantOf, type CollectionInfo, type CollectionName } from '../../src/domain/records/collections.ts';
import { mergeMutable } from '../../src/domain/merge/merge.ts';
import type { MutableMeta } from '../../src/domain/records/record-types.ts';
import type { PushAnswer, PushRow as ProtocolPushRow, RowRefusal } from '../../src/domain/wire/protocol.ts';
import { refuse } from '../auth/refusal.ts';
import type { DeviceAuth, Scope, Store, StoredDocument, StoredRecord, WriteOutcome, WriteRequest } from '../store/store.ts';
import { sameContent } from '../store/write-decisions.ts';
import { roleOf, scopeOf } from './device-scope.ts';
import { pinViewOf, shownJson } from './people-secrets.ts';
import type { LiveHub } from './live-hub.ts';
import { loadActors, movedPlantDenial, refusalOf, type Denial } from './push-authorisation.ts';
import { schemaProblem } from './record-validation.ts';
import { fromWire, toWire, wireText, type WireDocument } from './wire.ts';

/**
 * [P8] A mutable row that loses a compare-and-set race is merged again with the
 * new master. Each retry means another writer committed in between; five in a
 * row on one record is not a race but a stampede, and the device is better
 * served by the conflict answer (it merges and pushes again) than by a server
 * spinning on the row.
 */
const MAX_CAS_RETRIES = 5;

/** A pushed row as the route hands it over: its envelope checked (protocol-schemas.ts), its record not yet. */
export type PushRow = ProtocolPushRow<StoredDocument>;

/**
 * A stored record the device must adopt ([P4], [P7], [P12]), with its document's JSON
 * text when the store wrote it in this push: the answer is then built from that
 * text (pushChangesJson) instead of copying and stringifying the record again.
 */
interface Adopt {
  record: StoredRecord;
  json?: string;
}

interface PushOutcome {
  conflicts: Map<string, Adopt>;
  /** [P12] Id and stored `receivedAt` of immutable records the device holds but for the stamp (only when it takes stamps). */
  stamped: [id: string, receivedAt: unknown][];
  rejected: RowRefusal[];
}

export interface PushOptions {
  /**
   * False when the records cannot hold a NUL or a broken surrogate pair (their
   * JSON text had no `\u` escape, http/replication-json-body.ts): the walk over
   * every string for [P5]'s storable text is then skipped.
   */
  mayHoldUnstorableText?: boolean;
  /**
   * [P12] The device takes stamps (X-Tierboard-Stamps): an immutable record stored
   * as sent but for its `receivedAt` comes back as `[id, receivedAt]` in `stamped`
   * instead of as the whole record in `conflicts`.
   */
  stamps?: boolean;
  /** [T2] The person of the push's valid person session (PERSON_SESSION_HEADER), '' or absent for none. */
  verifiedPersonId?: string;
}

export interface PushDeps {
  store: Store;
  hub: LiveHub;
  clock: () => number;
}

/** A row that passed every check and is ready to store. */
interface Accepted {
  id: string;
  data: StoredDocument;
  deleted: boolean;
  assumed: { data: StoredDocument; deleted: boolean } | null;
}

/** `sessionPersonId`: the person signed in on the device (X-Tierboard-Person), '' when none; see [A9]. */
export async function pushChanges(
  deps: PushDeps,
  device: DeviceAuth,
  collection: CollectionName,
  rows: readonly PushRow[],
  sessionPersonId = '',
  options: PushOptions = {},
): Promise<PushAnswer<WireDocument>> {
  const { conflicts, rejected } = await applyPush(deps, device, collection, rows, sessionPersonId, options);
  const pins = pinViewOf(device);
  // [T3] A stored person record goes back with only the PIN hashes this device kind is given.
  const shown = (c: Adopt) => (collection === 'people' ? (JSON.parse(shownJson(collection, pins, JSON.stringify(c.record.data))) as StoredDocument) : c.record.data);
  return { conflicts: [...conflicts.values()].map((c) => toWire({ ...c.record, data: shown(c) })), rejected };
}

/**
 * The same push, its answer (a PushAnswer) as JSON text for the route: each
 * returned record is the stored JSON text with `_deleted` put in (wireText), so
 * a push of 100 readings, all of which come back stamped ([P12]), is not copied
 * and stringified a second time on its way out.
 */
export async function pushChangesJson(
  deps: PushDeps,
  device: DeviceAuth,
  collection: CollectionName,
  rows: readonly PushRow[],
  sessionPersonId = '',
  options: PushOptions = {},
): Promise<string> {
  const { conflicts, stamped, rejected } = await applyPush(deps, device, collection, rows, sessionPersonId, options);
  const docs: string[] = [];
  const pins = pinViewOf(device);
  for (const { record, json } of conflicts.values()) docs.push(wireText(shownJson(collection, pins, json ?? JSON.stringify(record.data)), record.deleted));
  const stamps = options.stamps ? `"stamped":${JSON.stringify(stamped)},` : '';
  return `{"conflicts":[${docs.join(',')}],${stamps}"rejected":${JSON.stringify(rejected)}}`;
}

async function applyPush(
  deps: PushDeps,
  device: DeviceAuth,
  collection: CollectionName,
  rows: readonly PushRow[],
  sessionPersonId: string,
  options: PushOptions = {},
): Promise<PushOutcome> {
  // [P4] A wall screen only shows the board; the one thing it sends is an action noted in a tier meeting.
  if (device.kind === 'wall_screen' && collection !== 'improvement_actions') {
    throw refuse.forbidden('read_only_device', 'A wall screen only shows the board; it cannot change records. Use a line tablet.');
  }
  const info = collectionInfo(collection);
  if (!info) throw refuse.notFound('unknown_collection', `There is no collection called "${collection}".`);
  const rejected: RowRefusal[] = [];
  const candidates: Accepted[] = [];
  for (const row of rows) {
    const { data, deleted } = fromWire(row.newDocumentState);
    const problem = schemaProblem(collection, data, options);
    if (problem) {
      rejected.push({ id: data.id, error: 'invalid_record', message: problem });
      continue;
    }
    candidates.push({ id: data.id, data, deleted, assumed: row.assumedMasterState ? fromWire(row.assumedMasterState) : null });
  }

  // Immutable pushes are not read here: nothing is merged, and the store reads the
  // stored copies inside its write transaction anyway, which is where [P2]'s
  // "cannot be moved to another plant" is checked for them (pushImmutable). One
  // read per push instead of two; mutable pushes need the master to merge with.
  const masters = info.immutable ? new Map<string, StoredRecord>() : await mastersOf(deps.store, collection, candidates.map((c) => c.id));
  const actors = await loadActors(deps.store, scopeOf(device), collection, candidates.map((c) => c.data), sessionPersonId);
  const receivedAtMs = deps.clock();
  const judge: Judge = (c, master) => {
    const why = refusalOf({
      info,
      device,
      role: roleOf(device),
      record: c.data,
      deleted: c.deleted,
      master,
      assumedNew: c.assumed === null,
      actors,
      sessionPersonId,
      verifiedPersonId: options.verifiedPersonId ?? '',
      receivedAtMs,
    });
    if (why) return why;
    // [P4] A wall screen's "new" action that is already stored (a retry whose answer was lost) is
    // not written: the device adopts the stored one, and a wall screen never changes a stored record.
    return device.kind === 'wall_screen' && master ? 'adopt' : 'write';
  };
  const conflicts = new Map<string, Adopt>();
  const accepted = admit(candidates, masters, judge, conflicts, rejected);

  const stored: StoredRecord[] = [];
  const stamped: PushOutcome['stamped'] = [];
  if (info.immutable) {
    await pushImmutable(deps, info, scopeOf(device), accepted, options.stamps ? stamped : null, conflicts, rejected, stored);
  } else {
    await pushMutable(deps, info, accepted, masters, judge, conflicts, rejected, stored);
  }
  stored.sort((a, b) => a.position - b.position);
  deps.hub.publish(collection, stored);
  return { conflicts, stamped, rejected };
}

/**
 * [P2] [P4] [A8] [A9] What becomes of a row over a given master: refused (a Denial), answered
 * with the stored master ('adopt'), or written. Asked before the first write and again,
 * against the new master, after every lost compare-and-set race ([P8]).
 */
type Judge = (row: Accepted, master: StoredRecord | null) => Denial | 'adopt' | 'write';

/** The rows to write; refused rows go to `rejected`, rows the device must adopt the master of to `conflicts`. */
function admit(rows: readonly Accepted[], masters: ReadonlyMap<string, StoredRecord>, judge: Judge, conflicts: Map<string, Adopt>, rejected: RowRefusal[]): Accepted[] {
  const writes: Accepted[] = [];
  for (const row of rows) {
    const master = masters.get(row.id) ?? null;
    const verdict = judge(row, master);
    if (verdict === 'write') writes.push(row);
    else if (verdict === 'adopt' && master) conflicts.set(row.id, { record: master });
    else if (verdict !== 'adopt') rejected.push({ id: row.id, ...verdict });
  }
  return writes;
}

async function mastersOf(store: Store, collection: CollectionName, ids: readonly string[]): Promise<Map<string, StoredRecord>> {
  const unique = [...new Set(ids)];
  const records = unique.length > 0 ? await store.getByIds(collection, unique) : [];
  return new Map(records.map((r) => [r.id, r]));
}

/** The stored record of a written or unchanged write, with the JSON text the store wrote when it wrote it. */
function adopt(o: WriteOutcome & { status: 'written' | 'unchanged' }): Adopt {
  return o.status === 'written' ? { record: o.record, json: o.json } : { record: o.record };
}

function receivedNow(deps: PushDeps): string {
  return new Date(deps.clock()).toISOString();
}

/**
 * [P6] Immutable: identical retry accepted, anything else under a stored id refused.
 * [P12] The stored record goes back as a "conflict" whenever it is not exactly what the device
 * sent (the server's `receivedAt` stamp): the device then holds the master state. Without it a
 * device whose push answer was lost, or whose pull crossed its own push, would keep its
 * unstamped copy forever, since no later pull returns a record that did not change.
 * A device that takes stamps gets only the stamp, in `stamped`: the record is the one it sent.
 */
async function pushImmutable(
  deps: PushDeps,
  info: CollectionInfo,
  scope: Scope,
  rows: Accepted[],
  stamped: PushOutcome['stamped'] | null,
  conflicts: Map<string, Adopt>,
  rejected: RowRefusal[],
  stored: StoredRecord[],
): Promise<void> {
  const receivedAt = receivedNow(deps);
  const writes: WriteRequest[] = [];
  /** Per write index (the store answers one outcome per write, in order): the record's plant and the `receivedAt` it arrived with. */
  const sentPlants: string[] = [];
  const sentStamps: unknown[] = [];
  for (const r of rows) {
    if (r.deleted) {
      rejected.push({ id: r.id, error: 'immutable_conflict', message: immutableMessage(info.name, 'deleted') });
      continue;
    }
    sentPlants.push(plantOf(info.name, r.data));
    sentStamps.push(r.data.receivedAt);
    // [S10] Stamped here, in the push's own copy (fromWire made it), so the store
    // finds the stamp already in place and stores the document without copying it.
    if ('receivedAt' in r.data) r.data.receivedAt = receivedAt;
    writes.push({ id: r.id, newDocument: r.data, assumedMasterRev: null });
  }
  if (writes.length === 0) return;
  const outcomes = await deps.store.applyWrites(info.name, writes, receivedAt);
  outcomes.forEach((o, i) => {
    if (o.status === 'conflict') {
      // [P2] Stored for another plant: the same answer refusalOf gives a mutable record.
      const moved = o.current !== null && o.current.plantId !== sentPlants[i];
      rejected.push({ id: o.id, ...(moved && o.current ? movedPlantDenial(o.current.plantId, scope) : { error: 'immutable_conflict', message: immutableMessage(info.name, 'changed') }) });
      return;
    }
    if (o.status === 'written') stored.push(o.record);
    // Written: the stored document is the sent one stamped. Unchanged: the store
    // found it equal to the sent one apart from `receivedAt` ([S4]). Either way
    // the two differ exactly when their `receivedAt` values do, and only by it.
    if (o.record.data.receivedAt === sentStamps[i]) return;
    if (stamped) stamped.push([o.id, o.record.data.receivedAt]);
    else conflicts.set(o.id, adopt(o));
  });
}

function immutableMessage(collection: CollectionName, what: 'changed' | 'deleted'): string {
  const thing = collection.replace(/_/g, ' ').replace(/s$/, '');
  return what === 'deleted'
    ? `A ${thing} is never deleted once recorded. Record a correction instead.`
    : `A different ${thing} with the same id is already stored; a recorded ${thing} cannot be changed. Record a correction instead.`;
}

/**
 * [P7] Mutable: the new master is the field-by-field merge of the current
 * master and the device's copy; the device hears the merged master back in
 * `conflicts` whenever it differs from what the device sent.
 */
async function pushMutable(
  deps: PushDeps,
  info: CollectionInfo,
  rows: Accepted[],
  initialMasters: Map<string, StoredRecord>,
  judge: Judge,
  conflicts: Map<string, Adopt>,
  rejected: RowRefusal[],
  stored: StoredRecord[],
): Promise<void> {
  let pending = rows;
  let masters = initialMasters;
  for (let attempt = 0; pending.length > 0; attempt++) {
    const planned: { row: Accepted; write: WriteRequest; assumedIsMaster: boolean }[] = [];
    for (const row of pending) {
      try {
        planned.push({ row, ...planMutable(row, masters.get(row.id) ?? null) });
      } catch (err) {
        // mergeMutable refuses clocks that are not HLC stamps: a corrupt record, not a server fault.
        rejected.push({ id: row.id, error: 'invalid_record', message: `The record's edit clocks cannot be merged: ${(err as Error).message}` });
      }
    }
    if (planned.length === 0) return;
    const outcomes = await deps.store.applyWrites(info.name, planned.map((p) => p.write), receivedNow(deps));
    const lost: Accepted[] = [];
    outcomes.forEach((o, i) => {
      const plan = planned[i];
      if (!plan) return;
      if (o.status === 'conflict') {
        // Someone else stored this record since we read it ([P8]): check and merge again.
        if (attempt < MAX_CAS_RETRIES) lost.push(plan.row);
        else if (o.current) giveUp(plan.row, o.current, judge, conflicts, rejected);
        return;
      }
      if (o.status === 'written') stored.push(o.record);
      // After the commit nothing may turn into a 500 the device would retry for ever: a comparison
      // that cannot be made sends the stored record back as the master, which is always right.
      let differs = true;
      try {
        differs = !plan.assumedIsMaster || o.record.deleted !== plan.row.deleted || !sameContent(o.record.data, plan.row.data);
      } catch {
        differs = true;
      }
      if (differs) conflicts.set(o.id, adopt(o));
      else conflicts.delete(o.id);
    });
    if (lost.length === 0) return;
    masters = await mastersOf(deps.store, info.name, lost.map((r) => r.id));
    // The rival may have made the record another plant's, or changed what the row needs
    // (a person's role, an action now stored): the checks made on the old master no longer hold.
    pending = admit(lost, masters, judge, conflicts, rejected);
  }
}

/**
 * [P8] Out of retries: the device merges itself over the current master, sent in `conflicts`,
 * once the row is checked against it like any retry ([P2]: never another plant's record).
 */
function giveUp(row: Accepted, current: StoredRecord, judge: Judge, conflicts: Map<string, Adopt>, rejected: RowRefusal[]): void {
  const verdict = judge(row, current);
  if (verdict === 'write' || verdict === 'adopt') conflicts.set(row.id, { record: current });
  else rejected.push({ id: row.id, ...verdict });
}

function planMutable(row: Accepted, master: StoredRecord | null): { write: WriteRequest; assumedIsMaster: boolean } {
  if (!master) {
    return { write: { id: row.id, newDocument: row.data, assumedMasterRev: null, deleted: row.deleted }, assumedIsMaster: row.assumed === null };
  }
  const assumedIsMaster = row.assumed !== null && row.assumed.deleted === master.deleted && sameContent(row.assumed.data, master.data);
  const base = row.assumed ? (row.assumed.data as unknown as MutableMeta) : undefined;
  const merged = mergeMutable(master.data as unknown as MutableMeta, row.data as unknown as MutableMeta, base) as unknown as StoredDocument;
  // A delete made on top of the current master is a delete; a stale one still
  // wins, because reviving a record someone removed must be a deliberate edit.
  const deleted = assumedIsMaster ? row.deleted : master.deleted || row.deleted;
  return { write: { id: row.id, newDocument: merged, assumedMasterRev: master.rev, deleted }, assumedIsMaster };
}

