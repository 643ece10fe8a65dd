/**
 * The reading screen's data while the database is still loading and opening.
 * The screen starts from a snapshot of what it showed last time; everything
 * it asks of the database waits on the database promise, in order, so a
 * reading saved in that window is written (and confirmed) once it is open.
 * When the database is open the shift's readings come live from it, to the
 * same subscriber, so the screen stays mounted: no flicker, no lost input.
 */
import { shiftInstanceKey } from '../../domain/shift-calendar.ts';
import type { KpiReading, ShiftInstance } from '../../domain/types.ts';
import type { ReadingData } from './reading-data.ts';

export interface DeferredReadingData extends ReadingData {
  /** True until the database is open (or failed to open). */
  waitingForDatabase(): boolean;
}

/**
 * `shown`: the snapshot's readings of one shift instance, shown at once to the first subscriber for
 * that shift. Without it (no snapshot) the screen waits for the database, as it always did.
 */
export function deferredReadingData(
  live: Promise<ReadingData>,
  shown: { shift: ShiftInstance; readings: KpiReading[] } | null,
): DeferredReadingData {
  let open = false;
  live.then(
    () => (open = true),
    () => (open = true),
  );
  let snapshot = shown;
  return {
    waitingForDatabase: () => !open,

    loadLineSetup: (plantId, lineId) => live.then((d) => d.loadLineSetup(plantId, lineId)),

    watchShiftReadings(shift, onChange) {
      if (snapshot && !open && shiftInstanceKey(snapshot.shift) === shiftInstanceKey(shift)) onChange(snapshot.readings);
      // Once the live data has been asked for, the snapshot has done its job.
      snapshot = null;
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
