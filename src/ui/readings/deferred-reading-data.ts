/**
 * The reading screen's data while the database is still loading and opening.
 * The screen starts from a snapshot of what it showed last time; everything
 * it asks of the database waits on the database promise, in order, so a
 * reading saved in that window is written (and confirmed) once it is open.
 * When the database is open the shift's readings come live from it, to the
 * same subscriber, so the screen stays mounted: no flicker, no lost input.
 */
import type { ReadingData } from './reading-data.ts';

export interface DeferredReadingData extends ReadingData {
  /** True until the database is open (or failed to open). */
  waitingForDatabase(): boolean;
}

export function deferredReadingData(live: Promise<ReadingData>): DeferredReadingData {
  let open = false;
  live.then(
    () => (open = true),
    () => (open = true),
  );
  return {
    waitingForDatabase: () => !open,

    loadLineSetup: (plantId, lineId) => live.then((d) => d.loadLineSetup(plantId, lineId)),

    watchShiftReadings(shift, onChange) {
      let unsubscribe: (() => void) | null = null;
      let closed = false;
      live.then(
        (d) => {
          if (!closed) unsubscribe = d.watchShiftReadings(shift, onChange);
        },
        () => undefined, // the app shows the storage screen when the database does not open
      );
      return () => {
        closed = true;
        unsubscribe?.();
      };
    },

    recentLineReadings: (lineId, since) => live.then((d) => d.recentLineReadings(lineId, since)),
    findPersonByBadge: (plantId, badge) => live.then((d) => d.findPersonByBadge(plantId, badge)),
    writeReading: (reading) => live.then((d) => d.writeReading(reading)),
  };
}
