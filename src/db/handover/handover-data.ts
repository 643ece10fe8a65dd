/**
 * What the handover screens need from the local database, behind one small
 * interface (as the reading screen's ReadingData), with its RxDB version.
 */
import type { TierboardDatabase } from '../database.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { refusedRecordsFrom, withoutRefused, type RefusedRecords } from '../../db/refused-records.ts';
import { syncStatusStore } from '../../sync/status.ts';

export interface HandoverData {
  /** Check-ins of the line from `sinceProductionDate` on, now and after every change; returns unsubscribe. */
  watchLineHandovers(plantId: string, lineId: string, sinceProductionDate: string, onChange: (checkIns: HandoverCheckIn[]) => void): () => void;
  /** Readings of the line on one production date that count (every shift: daily KPIs count once a day); refused ones left out. */
  watchDateReadings(plantId: string, lineId: string, productionDate: string, onChange: (readings: KpiReading[]) => void): () => void;
  /** Resolves once the check-in is durably stored. Writing the same check-in twice is harmless. */
  writeHandover(checkIn: HandoverCheckIn): Promise<void>;
}

/** `refused`: the records the server refused (by default the app's sync status); they never go into a check-in's snapshot. */
export function rxHandoverData(db: TierboardDatabase, refused: RefusedRecords = refusedRecordsFrom(syncStatusStore)): HandoverData {
  return {
    watchLineHandovers(plantId, lineId, since, onChange) {
      const sub = db.handovers
        .find({ selector: { plantId, lineId, productionDate: { $gte: since } } })
        .$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
      return () => sub.unsubscribe();
    },
    watchDateReadings(plantId, lineId, productionDate, onChange) {
      let latest: KpiReading[] | null = null;
      const show = () => latest && onChange(withoutRefused(latest, refused.ids('kpi_readings')));
      const sub = db.kpi_readings.find({ selector: { plantId, lineId, productionDate } }).$.subscribe((docs) => {
        latest = docs.map((d) => d.toMutableJSON());
        show();
      });
      const unsubscribeRefused = refused.subscribe(show);
      return () => {
        sub.unsubscribe();
        unsubscribeRefused();
      };
    },
    async writeHandover(checkIn) {
      try {
        await db.handovers.insert(checkIn);
      } catch (err) {
        // A retry after a write that did land: the same immutable check-in is already there, which is success.
        const existing = await db.handovers
          .findOne(checkIn.id)
          .exec()
          .catch(() => null);
        if (existing) return;
        throw err;
      }
    },
  };
}
