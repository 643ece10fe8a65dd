/**
 * The reading screen's data while the database is still loading and opening.
 * The screen starts from a snapshot of what it showed last time; everything
 * it asks of the database waits on the database promise, in order, so a
 * reading saved in that window is written (and confirmed) once it is open.
 * When the database is open the shift's readings come live from it, to the
 * same subscriber, so the screen stays mounted: no flicker, no lost input.
 *
 * A failed open is not kept: the next request opens again, so the storage
 * screen's "Try again" (space freed, the other tab closed) can still write
 * the entry that waited for it.
 */
import type { ReadingData } from './reading-data.ts';

export interface DeferredReadingData extends ReadingData {
  /** True until the database is open (or failed to open). */
  waitingForDatabase(): boolean;
}

/** Hands out one open while it is pending or open; after it failed, the next call opens again. */
export function retryableOpen<T>(open: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  return () =>
    (current ??= open().catch((err: unknown) => {
      current = null;
      throw err;
    }));
}

export function deferredReadingData(open: () => Promise<ReadingData>): DeferredReadingData {
  let settled = false;
  // Subscriptions the failed open could not make; an open that succeeds later makes them.
  const waiting = new Set<(d: ReadingData) => void>();
  const live = retryableOpen(() =>
    open().then((d) => {
      waiting.forEach((attach) => attach(d));
      waiting.clear();
      return d;
    }),
  );
  const first = live();
  first.then(
    () => (settled = true),
    () => (settled = true),
  );
  return {
    waitingForDatabase: () => !settled,

    loadLineSetup: (plantId, lineId) => live().then((d) => d.loadLineSetup(plantId, lineId)),

    watchShiftReadings(shift, onChange) {
      let unsubscribe: (() => void) | null = null;
      let closed = false;
      const attach = (d: ReadingData) => {
        if (!closed && !unsubscribe) unsubscribe = d.watchShiftReadings(shift, onChange);
      };
      // The app shows the storage screen when the database does not open; its retry opens again.
      live().then(attach, () => waiting.add(attach));
      return () => {
        closed = true;
        waiting.delete(attach);
        unsubscribe?.();
      };
    },

    watchRefusedReadings(shift, onChange) {
      let unsubscribe: (() => void) | null = null;
      let closed = false;
      const attach = (d: ReadingData) => {
        if (!closed && !unsubscribe) unsubscribe = d.watchRefusedReadings?.(shift, onChange) ?? null;
      };
      live().then(attach, () => waiting.add(attach));
      return () => {
        closed = true;
        waiting.delete(attach);
        unsubscribe?.();
      };
    },

    discardRefusedReading: (id, by) => live().then((d) => d.discardRefusedReading?.(id, by)),
    recentLineReadings: (lineId, since) => live().then((d) => d.recentLineReadings(lineId, since)),
    findPersonByBadge: (plantId, badge) => live().then((d) => d.findPersonByBadge(plantId, badge)),
    writeReading: (reading) => live().then((d) => d.writeReading(reading)),
  };
}
