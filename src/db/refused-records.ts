/**
 * Records the server refused, as the data layer sees them. A refused record
 * stays in the local database (it is immutable, the device is its only home,
 * and only a person may give it up), but it never counts: the reading it
 * tried to supersede is still the value, a refused new reading gives no
 * value. So the queries hand the shared domain computations (current
 * readings, the board's index, history) only records the server holds or may
 * still take, and the domain stays pure: it never hears of refusals.
 *
 * The source is the sync status store (src/sync/status.ts, written by the
 * sync client from its rejection log), so every screen of every tab agrees.
 */
import type { CollectionName } from '../domain/records/collections.ts';
import type { RefusedEntry, SyncStatusStore } from '../sync/status.ts';

export interface RefusedRecords {
  /** Ids of the collection's refused records, discarded ones included: left out of every value. */
  ids(collection: CollectionName): ReadonlySet<string>;
  /** The collection's refused entries still waiting for a decision, by record id: shown as refused. */
  open(collection: CollectionName): ReadonlyMap<string, RefusedEntry>;
  /** Called after each change; returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** A person gives the refused record up (it stays on the device, logged as discarded by them). */
  discard(collection: CollectionName, id: string, by: string): Promise<void>;
}

export const NO_REFUSED_RECORDS: RefusedRecords = {
  ids: () => new Set(),
  open: () => new Map(),
  subscribe: () => () => undefined,
  discard: () => Promise.resolve(),
};

export function refusedRecordsFrom(status: SyncStatusStore): RefusedRecords {
  // Worked out once per list the store holds: queries ask on every emission.
  let seen: readonly RefusedEntry[] | null = null;
  let ids = new Map<CollectionName, Set<string>>();
  let open = new Map<CollectionName, Map<string, RefusedEntry>>();
  const index = () => {
    const refused = status.getState().refused;
    if (refused === seen) return;
    seen = refused;
    ids = new Map();
    open = new Map();
    for (const r of refused) {
      let set = ids.get(r.collection);
      if (!set) ids.set(r.collection, (set = new Set()));
      set.add(r.id);
      if (r.discardedAtMs !== undefined) continue;
      let map = open.get(r.collection);
      if (!map) open.set(r.collection, (map = new Map()));
      map.set(r.id, r);
    }
  };
  return {
    ids(collection) {
      index();
      return ids.get(collection) ?? new Set();
    },
    open(collection) {
      index();
      return open.get(collection) ?? new Map();
    },
    subscribe: (listener) =>
      status.subscribe((s, before) => {
        if (s.refused !== before.refused) listener();
      }),
    async discard(collection, id, by) {
      const discard = status.getState().discardRefused;
      // Only the sync client keeps the log; without one running there is nothing refused to discard.
      if (discard) await discard(collection, id, by);
    },
  };
}

/** The records that count: those the server holds or may still take. */
export function withoutRefused<T extends { id: string }>(records: readonly T[], refused: ReadonlySet<string>): T[] {
  return refused.size === 0 ? [...records] : records.filter((r) => !refused.has(r.id));
}
