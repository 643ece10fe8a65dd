/**
 * Records the server refused (wrong plant, failed schema, an immutable id
 * reused with other content...). The contract says refused rows are not
 * stored on the server, so the device is their only home: they are kept
 * here with the server's reason, counted on the sync badge ("3 readings
 * were refused by the server"), and can be sent again once the cause is
 * fixed. Nothing a user entered is dropped silently.
 *
 * Kept in the sync store, one entry per (collection, id): refusing the same
 * record twice keeps the newest reason.
 *
 * Discarding is a person's explicit choice (Discard where the entry was made):
 * the entry leaves the count and the list to send again, but stays in the log
 * marked discarded, with who and when. The record itself stays in the local
 * database (it is immutable and was never stored on the server), so the data
 * layer must keep leaving it out of every value: `all()` names every refused
 * record, discarded or not.
 */
import type { CollectionName } from '../domain/records/collections.ts';
import type { SyncStore } from './sync-store.ts';

export interface RejectedRecord {
  collection: CollectionName;
  id: string;
  /** The contract's snake_code, e.g. `other_plant`. */
  error: string;
  /** Server's plain words. */
  message: string;
  /** The record as it was pushed (with `_deleted`). */
  document: Record<string, unknown>;
  atMs: number;
  /** Device ms when a person discarded it; absent while it waits for a decision. */
  discardedAtMs?: number;
  /** Who discarded it (person id). */
  discardedBy?: string;
}

/** Still waiting for a decision: counted on the badge, sent again by "Send refused entries again". */
export function isOpen(r: RejectedRecord): boolean {
  return r.discardedAtMs === undefined;
}

interface Stored {
  items: RejectedRecord[];
}

const KEY = 'rejections';

export interface RejectionLog {
  /** The refused records still waiting for a decision (not discarded). */
  list(): Promise<RejectedRecord[]>;
  /** Every refused record the device keeps, discarded ones included. */
  all(): Promise<RejectedRecord[]>;
  add(items: RejectedRecord[]): Promise<void>;
  /** The server accepted them after all: they are ordinary records again. */
  remove(collection: CollectionName, ids: string[]): Promise<void>;
  /** A person chose to give the entry up: it leaves the count, and stays logged as discarded. */
  discard(collection: CollectionName, id: string, by: string, atMs: number): Promise<void>;
  count(): Promise<number>;
}

export function rejectionLog(store: SyncStore): RejectionLog {
  // Serialise read-modify-write so two collections' pushes cannot overwrite each other's additions.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (fn: (items: RejectedRecord[]) => RejectedRecord[]): Promise<void> => {
    const run = async () => {
      const current = (await store.get<Stored>(KEY))?.items ?? [];
      await store.set<Stored>(KEY, { items: fn(current) });
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  const all = async () => {
    await queue;
    return (await store.get<Stored>(KEY))?.items ?? [];
  };
  const list = async () => (await all()).filter(isOpen);
  return {
    list,
    all,
    add: (items) =>
      update((current) => {
        const key = (r: RejectedRecord) => `${r.collection}/${r.id}`;
        const fresh = new Set(items.map(key));
        return [...current.filter((r) => !fresh.has(key(r))), ...items];
      }),
    remove: (collection, ids) => {
      const gone = new Set(ids);
      return update((current) => current.filter((r) => r.collection !== collection || !gone.has(r.id)));
    },
    discard: (collection, id, by, atMs) =>
      update((current) =>
        current.map((r) => (r.collection === collection && r.id === id && isOpen(r) ? { ...r, discardedAtMs: atMs, discardedBy: by } : r)),
      ),
    count: async () => (await list()).length,
  };
}

/** Groups refused records by collection and reason, for "3 readings were refused: <message>". */
export function summariseRejections(items: readonly RejectedRecord[]): { collection: CollectionName; message: string; count: number }[] {
  const groups = new Map<string, { collection: CollectionName; message: string; count: number }>();
  for (const r of items) {
    const message = r.message || r.error;
    const k = `${r.collection}\u0000${message}`;
    const g = groups.get(k);
    if (g) g.count++;
    else groups.set(k, { collection: r.collection, message, count: 1 });
  }
  return [...groups.values()];
}
