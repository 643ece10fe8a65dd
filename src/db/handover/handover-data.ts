/**
 * What the handover screens need from the local database, behind one small
 * interface (as the reading screen's ReadingData), with its RxDB version.
 */
import type { TierboardDatabase } from '../database.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { refusedRecordsFrom, withoutRefused, type RefusedRecords } from '../../db/refused-records.ts';
import { syncStatusStore, type RefusedEntry } from '../../sync/status.ts';

/** A check-in of this device the server refused, waiting for a person's decision (src/sync/rejections.ts). */
export interface RefusedHandover {
  checkIn: HandoverCheckIn;
  entry: RefusedEntry;
}

export interface HandoverData {
  /**
   * Check-ins of the line from `sinceProductionDate` on that count, now and after every change of
   * them or of the refusals; returns unsubscribe. Refused ones are left out ([C-O6]): a refused
   * check-in is not signed, for this screen, the next shift's banner and the handover chain alike.
   */
  watchLineHandovers(plantId: string, lineId: string, sinceProductionDate: string, onChange: (checkIns: HandoverCheckIn[]) => void): () => void;
  /** The line's refused check-ins from `sinceProductionDate` on, still waiting for a decision; returns unsubscribe. */
  watchRefusedHandovers?(plantId: string, lineId: string, sinceProductionDate: string, onChange: (refused: RefusedHandover[]) => void): () => void;
  /** Gives a refused check-in up, as the person chose: it stays on the device, marked discarded by them. */
  discardRefusedHandover?(id: string, by: string): Promise<void>;
  /** Readings of the line on one production date that count (every shift: daily KPIs count once a day); refused ones left out. */
  watchDateReadings(plantId: string, lineId: string, productionDate: string, onChange: (readings: KpiReading[]) => void): () => void;
  /** Resolves once the check-in is durably stored. Writing the same check-in twice is harmless. */
  writeHandover(checkIn: HandoverCheckIn): Promise<void>;
}

/** `refused`: the records the server refused (by default the app's sync status); they never go into a check-in's snapshot. */
export function rxHandoverData(db: TierboardDatabase, refused: RefusedRecords = refusedRecordsFrom(syncStatusStore)): HandoverData {
  /** Every check-in of the line from `since` on (refused ones too), now and after each change of them or of the refusals. */
  const watchAll = (plantId: string, lineId: string, since: string, onChange: (all: HandoverCheckIn[]) => void): (() => void) => {
    let latest: HandoverCheckIn[] | null = null;
    const show = () => latest && onChange(latest);
    const sub = db.handovers.find({ selector: { plantId, lineId, productionDate: { $gte: since } } }).$.subscribe((docs) => {
      latest = docs.map((d) => d.toMutableJSON());
      show();
    });
    const unsubscribeRefused = refused.subscribe(show);
    return () => {
      sub.unsubscribe();
      unsubscribeRefused();
    };
  };
  return {
    watchLineHandovers: (plantId, lineId, since, onChange) =>
      watchAll(plantId, lineId, since, (all) => onChange(withoutRefused(all, refused.ids('handovers')))),
    watchRefusedHandovers: (plantId, lineId, since, onChange) =>
      watchAll(plantId, lineId, since, (all) => {
        const open = refused.open('handovers');
        const out: RefusedHandover[] = [];
        for (const checkIn of all) {
          const entry = open.get(checkIn.id);
          if (entry) out.push({ checkIn, entry });
        }
        onChange(out.sort((a, b) => a.checkIn.signedAt.localeCompare(b.checkIn.signedAt)));
      }),
    discardRefusedHandover: (id, by) => refused.discard('handovers', id, by),
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
