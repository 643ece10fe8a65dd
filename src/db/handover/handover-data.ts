/**
 * What the handover screens need from the local database, behind one small
 * interface (as the reading screen's ReadingData), with its RxDB version.
 */
import type { TierboardDatabase } from '../database.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';

export interface HandoverData {
  /** Check-ins of the line from `sinceProductionDate` on, now and after every change; returns unsubscribe. */
  watchLineHandovers(plantId: string, lineId: string, sinceProductionDate: string, onChange: (checkIns: HandoverCheckIn[]) => void): () => void;
  /** Readings of the line on one production date (every shift: daily KPIs count once a day). */
  watchDateReadings(plantId: string, lineId: string, productionDate: string, onChange: (readings: KpiReading[]) => void): () => void;
  /** Resolves once the check-in is durably stored. Writing the same check-in twice is harmless. */
  writeHandover(checkIn: HandoverCheckIn): Promise<void>;
}

export function rxHandoverData(db: TierboardDatabase): HandoverData {
  return {
    watchLineHandovers(plantId, lineId, since, onChange) {
      const sub = db.handovers
        .find({ selector: { plantId, lineId, productionDate: { $gte: since } } })
        .$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
      return () => sub.unsubscribe();
    },
    watchDateReadings(plantId, lineId, productionDate, onChange) {
      const sub = db.kpi_readings
        .find({ selector: { plantId, lineId, productionDate } })
        .$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
      return () => sub.unsubscribe();
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
