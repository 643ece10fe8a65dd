/**
 * The reading screen's data on the local RxDB database, through the named
 * queries of src/db/queries.ts.
 */
import { firstValueFrom } from 'rxjs';
import type { FloorDatabase } from '../database.ts';
import { findPersonByBadge, kpiDefinitionsForLine, readingsForShift, rosterForPlant } from '../queries.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { ReadingData } from './reading-data.ts';

export function rxReadingData(db: FloorDatabase): ReadingData {
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

    watchShiftReadings(shift, onChange) {
      // The first result shows at once. Later ones (a reading just saved, one arriving by sync) are
      // handed over in a task of their own: RxDB emits them inside the write's own promise chain, and
      // re-rendering the board and the list there would hold back the write's confirmation.
      let first = true;
      let pending: KpiReading[] | null = null;
      const subscription = readingsForShift(db, shift.plantId, shift.lineId, shift.productionDate, shift.shiftCode).$.subscribe((docs) => {
        const readings = docs.map((d) => d.toMutableJSON());
        if (first) {
          first = false;
          onChange(readings);
          return;
        }
        if (pending === null) {
          setTimeout(() => {
            const latest = pending;
            pending = null;
            if (latest && !subscription.closed) onChange(latest);
          }, 0);
        }
        pending = readings;
      });
      return () => subscription.unsubscribe();
    },

    async recentLineReadings(lineId, sinceProductionDate) {
      const docs = await db.kpi_readings.find({ selector: { lineId, productionDate: { $gte: sinceProductionDate } } }).exec();
      return docs.map((d) => d.toMutableJSON());
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
