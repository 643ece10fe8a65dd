/**
 * The outbox count the status line shows ([C-O1]): unsent work per collection this device
 * pushes, recounted when a collection changes and when its replication goes idle.
 *
 * Why a module of its own: the count is only a display, but it is the floor's one sign that work
 * has not left the tablet, and its coalescing and recount-on-idle rules are easy to break from
 * the outside.
 */
import type { CollectionName } from '../../domain/records/collections.ts';
import type { Enrollment } from '../enrollment.ts';
import { openPendingCounter, type PendingCounter } from '../pending-count.ts';
import { collectionsOf, pushesFrom, replicationIdentifier, type Replications, type SyncDatabase } from '../replication.ts';
import { setPending, type SyncStatusStore } from '../status.ts';

export interface PendingCounts {
  /** Counts waiting work of the collections `e`'s device pushes (none when null). */
  use(e: Enrollment | null): Promise<void>;
  /** Recounts every counted collection now. */
  refresh(): Promise<void>;
  /** Recounts a collection each time its replication goes idle; returns the unsubscribe. */
  recountWhenIdle(r: Replications): () => void;
  /** Waits for counts under way and closes the counters (once the client is stopped). */
  close(): Promise<void>;
}

/** `stopped`: the client is stopping; a count under way does not go round again. */
export function pendingCounts(db: SyncDatabase, status: SyncStatusStore, stopped: () => boolean): PendingCounts {
  /** `key`: the replication identifier and device kind the counters were opened for. */
  let counters: { key: string; byName: Map<CollectionName, PendingCounter>; unsubscribe: () => void } | null = null;
  const recount = new Map<CollectionName, Promise<void>>();
  const dirty = new Set<CollectionName>();

  function scheduleCount(name: CollectionName, counter: PendingCounter): Promise<void> {
    // Coalesce bursts (a pull of 200 documents) into one count at a time plus one after.
    if (recount.has(name)) {
      dirty.add(name);
      return recount.get(name) as Promise<void>;
    }
    const run = (async () => {
      do {
        dirty.delete(name);
        try {
          setPending(status, name, await counter.count());
        } catch {
          // storage closing (db closed under us): the count is only a display
        }
      } while (dirty.has(name) && !stopped());
      recount.delete(name);
    })();
    recount.set(name, run);
    return run;
  }

  async function refresh(): Promise<void> {
    if (!counters) return;
    await Promise.all([...counters.byName].map(([name, c]) => scheduleCount(name, c)));
  }

  /** A wall screen counts its noted actions only ([P4]): it pushes nothing else. */
  // Not named `use`: a bare use() call reads as React's use hook to the hooks lint.
  async function countFor(e: Enrollment | null): Promise<void> {
    const identifier = e ? replicationIdentifier(e.serverUrl, e.plantId) : '';
    const key = e ? `${identifier}|${e.kind}` : '';
    if (counters?.key === key) return;
    if (counters) {
      counters.unsubscribe();
      await Promise.all([...counters.byName.values()].map((c) => c.close()));
      counters = null;
    }
    status.setState({ pendingByCollection: {}, pending: 0 });
    if (!e) return;
    const byName = new Map<CollectionName, PendingCounter>();
    for (const [name, collection] of collectionsOf(db)) {
      if (pushesFrom(e.kind, name)) byName.set(name, await openPendingCounter(collection, identifier));
    }
    const subs = [...byName].map(([name, c]) => c.changed$.subscribe(() => void scheduleCount(name, c)));
    counters = { key, byName, unsubscribe: () => subs.forEach((s) => s.unsubscribe()) };
    await refresh();
  }

  return {
    use: countFor,
    refresh,
    /**
     * A push the server accepts as sent writes only RxDB's bookkeeping (through the replication's
     * own handle of the meta instance; the counter's handle did not hear of it), nothing on the
     * device: without this the count stayed at 1 after a noted action was sent, until something
     * else changed (found by the wall-screen tests). Pushes answered with a conflict (a stamped
     * reading, a merged master) write the device's copy, which the counter does hear.
     */
    recountWhenIdle(r) {
      const subs = [...r.states].map(([name, state]) =>
        state.active$.subscribe((active) => {
          const counter = counters?.byName.get(name);
          if (!active && counter) void scheduleCount(name, counter);
        }),
      );
      return () => subs.forEach((sub) => sub.unsubscribe());
    },
    async close() {
      await Promise.all([...recount.values()]);
      await countFor(null);
    },
  };
}
