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
}

interface Stored {
  items: RejectedRecord[];
}

const KEY = 'rejections';

export interface RejectionLog {
  list(): Promise<RejectedRecord[]>;
  add(items: RejectedRecord[]): Promise<void>;
  remove(collection: CollectionName, ids: string[]): Promise<void>;
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
  const list = async () => {
    await queue;
    return (await store.get<Stored>(KEY))?.items ?? [];
  };
  return {
    list,
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
