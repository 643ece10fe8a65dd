/**
 * The end-of-run judgement, rule by rule (sync-server/SPEC.md, section C).
 * Reads the server's store directly (every plant, from position 0) and
 * compares it with what each device made and what each device holds.
 * Returns one line per violation; an empty list means the run converged.
 */
import { demoDataset } from '../../../src/demo/demo-data.ts';
import { collectionInfo, type CollectionName } from '../../../src/domain/records/collections.ts';
import { stableStringify } from '../../../src/domain/merge/merge.ts';
import type { LosingEdit } from '../../../src/domain/records/record-types.ts';
import type { Store } from '../../../sync-server/store/store.ts';
import { MODEL_COLLECTIONS, type Created, type Doc, type Edit, type ModelDevice } from './model-device.ts';
import { REAL_COLLECTIONS, type RealDevice } from './real-device.ts';

export type ServerState = Map<CollectionName, Map<string, Doc>>;

/** Big enough for every record of a run in one read; a run writes a few hundred. */
const READ_ALL = 1_000_000;

/** [C1] half: the server's feed lists each record once. */
export async function readServer(store: Store, problems: string[]): Promise<ServerState> {
  const state: ServerState = new Map();
  for (const c of MODEL_COLLECTIONS) {
    const batch = await store.changesSince(c, 0, READ_ALL, { plantIds: 'all' });
    const byId = new Map<string, Doc>();
    for (const r of batch.documents) {
      if (byId.has(r.id)) problems.push(`[C1] ${c}/${r.id} appears twice in the feed`);
      if (r.deleted) problems.push(`[C1] ${c}/${r.id} is deleted on the server; nothing in this run deletes`);
      byId.set(r.id, r.data as Doc);
    }
    state.set(c, byId);
  }
  return state;
}

function withoutReceivedAt(doc: Doc): string {
  const copy: Record<string, unknown> = { ...doc };
  delete copy.receivedAt;
  return stableStringify(copy);
}

/** [C1] every record a device created is on the server exactly once, and nothing else appeared; [C2] immutable ones unchanged. */
export function checkCreated(server: ServerState, created: readonly Created[], problems: string[]): void {
  const seeded = demoDataset() as unknown as Record<string, { id: string }[]>;
  const expected = new Map<CollectionName, Set<string>>();
  for (const c of created) {
    const ids = expected.get(c.collection) ?? new Set<string>();
    expected.set(c.collection, ids);
    if (ids.has(c.doc.id)) problems.push(`[C1] the test made ${c.collection}/${c.doc.id} twice (test bug)`);
    ids.add(c.doc.id);
    const stored = server.get(c.collection)?.get(c.doc.id);
    if (!stored) {
      problems.push(`[C1] ${c.collection}/${c.doc.id} written on ${c.device} is not on the server`);
      continue;
    }
    if (collectionInfo(c.collection)?.immutable) {
      if (withoutReceivedAt(stored) !== withoutReceivedAt(c.doc)) {
        problems.push(`[C2] ${c.collection}/${c.doc.id} differs from what ${c.device} wrote:\n  wrote ${withoutReceivedAt(c.doc)}\n  found ${withoutReceivedAt(stored)}`);
      }
      if (typeof stored.receivedAt !== 'string' || stored.receivedAt === '') problems.push(`[C2] ${c.collection}/${c.doc.id} has no receivedAt stamp on the server`);
    }
  }
  for (const [c, records] of server) {
    const known = new Set([...(expected.get(c) ?? []), ...(seeded[c] ?? []).map((r) => r.id)]);
    for (const id of records.keys()) if (!known.has(id)) problems.push(`[C1] ${c}/${id} is on the server but no device made it`);
  }
}

type MutableDoc = Doc & { fieldClocks: Record<string, string>; conflicts: LosingEdit[] };

/**
 * [C3] every field edit is on screen, knowingly overwritten by a later edit, or kept in `conflicts`.
 * An edit that lost to a newer edit setting the same value is no losing edit (merge.ts keeps no
 * entry for a value that is on screen); it shares the fate of that newer edit.
 */
export function checkEdits(server: ServerState, edits: readonly Edit[], problems: string[]): void {
  const overwritten = new Set(edits.filter((e) => e.overwrote !== undefined).map((e) => `${e.collection}/${e.id}/${e.field}/${e.overwrote}`));
  const settled = (e: Edit, rec: MutableDoc): boolean => {
    const value = stableStringify(e.value);
    if (rec.fieldClocks[e.field] === e.hlc) return stableStringify(rec[e.field]) === value;
    if (stableStringify(rec[e.field]) === value) return true;
    if (overwritten.has(`${e.collection}/${e.id}/${e.field}/${e.hlc}`)) return true;
    return rec.conflicts.some((c) => c.field === e.field && stableStringify(c.value) === value && c.hlc >= e.hlc);
  };
  for (const e of edits) {
    const rec = server.get(e.collection)?.get(e.id) as MutableDoc | undefined;
    if (!rec) {
      problems.push(`[C3] ${e.collection}/${e.id} edited on ${e.device} is missing on the server`);
      continue;
    }
    if (rec.fieldClocks[e.field] === e.hlc && stableStringify(rec[e.field]) !== stableStringify(e.value)) {
      problems.push(`[C3] ${e.collection}/${e.id}.${e.field} carries the clock of ${e.device}'s edit ${e.hlc} but not its value ${stableStringify(e.value)}`);
      continue;
    }
    if (settled(e, rec)) continue;
    const sameValueLater = edits.some(
      (o) => o !== e && o.collection === e.collection && o.id === e.id && o.field === e.field && o.hlc > e.hlc && stableStringify(o.value) === stableStringify(e.value) && settled(o, rec),
    );
    if (sameValueLater) continue;
    problems.push(
      `[C3] ${e.device}'s edit ${e.collection}/${e.id}.${e.field} = ${stableStringify(e.value)} @${e.hlc} lost silently: server has ${stableStringify(rec[e.field])} @${rec.fieldClocks[e.field] ?? '-'}, conflicts ${stableStringify(rec.conflicts)}`,
    );
  }
}

/** What a device of `plantId` may hold of a collection ([P1]). */
export function scopeOf(server: ServerState, collection: CollectionName, plantId: string): Map<string, Doc> {
  const wide = collectionInfo(collection)?.scope !== 'plant';
  const out = new Map<string, Doc>();
  for (const [id, doc] of server.get(collection) ?? []) {
    const plant = typeof doc.plantId === 'string' ? doc.plantId : '';
    if (plant === plantId || (wide && plant === '')) out.set(id, doc);
  }
  return out;
}

/** [C4] a device's copy of a collection equals the server's for its scope, field for field. */
export function compareCopy(device: string, collection: CollectionName, local: Iterable<Doc>, expected: Map<string, Doc>, problems: string[]): void {
  const seen = new Set<string>();
  for (const doc of local) {
    seen.add(doc.id);
    const want = expected.get(doc.id);
    if (!want) {
      problems.push(`[C4] ${device} holds ${collection}/${doc.id} (plant ${String(doc.plantId)}), which is not on the server for its scope`);
      continue;
    }
    if (stableStringify(doc) !== stableStringify(want)) {
      if (withoutReceivedAt(doc) === withoutReceivedAt(want)) {
        problems.push(`[C4] ${device}'s ${collection}/${doc.id} has receivedAt ${JSON.stringify(doc.receivedAt)}, the server ${JSON.stringify(want.receivedAt)}: the device never learned the server's stamp`);
        continue;
      }
      problems.push(`[C4] ${device}'s ${collection}/${doc.id} differs from the server's:\n  device ${stableStringify(doc)}\n  server ${stableStringify(want)}`);
    }
  }
  for (const id of expected.keys()) if (!seen.has(id)) problems.push(`[C4] ${device} is missing ${collection}/${id}`);
}

export async function checkCopies(server: ServerState, models: readonly ModelDevice[], reals: readonly RealDevice[], problems: string[]): Promise<void> {
  for (const d of models) {
    for (const c of MODEL_COLLECTIONS) compareCopy(d.name, c, d.local.get(c)?.values() ?? [], scopeOf(server, c, d.cast.plantId), problems);
  }
  for (const d of reals) {
    for (const c of REAL_COLLECTIONS) compareCopy(d.name, c, await d.localDocs(c), scopeOf(server, c, d.cast.plantId), problems);
  }
}
