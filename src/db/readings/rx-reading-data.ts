/**
 * The reading screen's data on the local RxDB database, through the named
 * queries of src/db/queries.ts.
 */
import { firstValueFrom } from 'rxjs';
import type { FloorDatabase } from '../database.ts';
import { findPersonByBadge, kpiDefinitionsForLine, readingsForShift, rosterForPlant } from '../queries.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';
import { refusedRecordsFrom, withoutRefused, type RefusedRecords } from '../refused-records.ts';
import { syncStatusStore } from '../../sync/status.ts';
import type { ReadingData, RefusedReading } from './reading-data.ts';

/**
 * `refused`: the records the server refused (by default the app's sync status). They stay in the
 * database, and are handed to the screen apart from the readings that count.
 */
export function rxReadingData(db: FloorDatabase, refused: RefusedRecords = refusedRecordsFrom(syncStatusStore)): ReadingData {
  /** Every reading of the shift instance (refused ones too), now and after each change of the readings or the refusals. */
  const watchAll = (shift: ShiftInstance, onChange: (readings: KpiReading[]) => void): (() => void) => {
    // The first result shows at once. Later ones (a reading just saved, one arriving by sync) are
    // handed over in a task of their own: RxDB emits them inside the write's own promise chain, and
    // re-rendering the board and the list there would hold back the write's confirmation.
    let first = true;
    let queued = false;
    let latest: KpiReading[] | null = null;
    const show = () => {
      if (latest === null) return;
      if (first) {
        first = false;
        onChange(latest);
        return;
      }
      if (queued) return;
      queued = true;
      setTimeout(() => {
        queued = false;
        if (latest && !subscription.closed) onChange(latest);
      }, 0);
    };
    const subscription = readingsForShift(db, shift.plantId, shift.lineId, shift.productionDate, shift.shiftCode).$.subscribe((docs) => {
      latest = docs.map((d) => d.toMutableJSON());
      show();
    });
    const unsubscribeRefused = refused.subscribe(show);
    return () => {
      subscription.unsubscribe();
      unsubscribeRefused();
    };
  };

  return {
    async loadLineSetup(plantId, lineId) {
      // All at once: each query waits on IndexedDB, not on the others (the pattern only on the plant).
      const plantAndPattern = db.plants
        .findOne(plantId)
        .exec()
        .then(async (plant) => ({ plant, pattern: plant ? await db.shift_patterns.findOne(plant.shiftPatternId).exec() : null }));
      const [{ plant, pattern }, line, defs, roster] = await Promise.all([
        plantAndPattern,
        db.lines.findOne(lineId).exec(),
        firstValueFrom(kpiDefinitionsForLine(db, plantId, lineId)),
        rosterForPlant(db, plantId).exec(),
      ]);
      if (!plant || !line || line.plantId !== plantId || !pattern) return null;
      return {
        plant: plant.toMutableJSON(),
        line: line.toMutableJSON(),
        pattern: pattern.toMutableJSON(),
        defs,
        roster: roster.map((p) => p.toMutableJSON()),
      };
    },

    watchShiftReadings: (shift, onChange) => watchAll(shift, (all) => onChange(withoutRefused(all, refused.ids('kpi_readings')))),

    watchRefusedReadings: (shift, onChange) =>
      watchAll(shift, (all) => {
        const open = refused.open('kpi_readings');
        const out: RefusedReading[] = [];
        for (const reading of all) {
          const entry = open.get(reading.id);
          if (entry) out.push({ reading, error: entry.error, message: entry.message });
        }
        onChange(out);
      }),

    discardRefusedReading: (id, by) => refused.discard('kpi_readings', id, by),

    async recentLineReadings(lineId, sinceProductionDate) {
      const docs = await db.kpi_readings.find({ selector: { lineId, productionDate: { $gte: sinceProductionDate } } }).exec();
      return withoutRefused(
        docs.map((d) => d.toMutableJSON()),
        refused.ids('kpi_readings'),
      );
    },

    findPersonByBadge: (plantId, badge) => findPersonByBadge(db, plantId, badge),

    async writeReading(reading: KpiReading) {
      try {
        await db.kpi_readings.insert(reading);
      } catch (err) {
        // A retry after a write that did land: the same immutable reading is already there, which is success.
        const existing = await db.kpi_readings
          .findOne(reading.id)
          .exec()
          .catch(() => null);
        if (existing) return;
        throw err;
      }
    },
  };
}
