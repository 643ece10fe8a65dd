/**
 * [C-D1] The device's purge: records of the windowed collections dated before its kind's
 * retention window ([R1], src/domain/records/retention.ts) leave the local database, so a
 * tablet holds weeks of readings, not years.
 *
 * Never purged, whatever their date:
 * - anything the server has not stored: a record is purged only once it carries the server's
 *   `receivedAt` stamp ([S10], adopted by push answer or pull, [C-S1]). Unsent records, and
 *   refused ones waiting for a person or discarded by one ([C-O4]), have none;
 * - the newest handover check-in of each line: the one the next shift acknowledges, however
 *   long the line stood still.
 *
 * The removal is RxDB's own (`bulkRemove`, then the storage's cleanup of deleted documents),
 * so live queries and the board see it as they see any change. The removals are never sent
 * to the server ([C-D2], src/sync/replication.ts), nor counted as waiting (pending-count.ts).
 */
import type { RxCollection } from 'rxdb';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { retentionCutoff, type RetentionKind } from '../../domain/records/retention.ts';

/** Records removed per write: a tablet's first purge after two years can be 90,000 readings. */
const PURGE_BATCH = 1_000;

/** The windowed collections the database has open (a database opened in stages may lack some). */
export interface PurgeDatabase {
  kpi_readings?: RxCollection<KpiReading>;
  handovers?: RxCollection<HandoverCheckIn>;
}

export interface PurgeResult {
  kpi_readings: number;
  handovers: number;
}

export async function purgeOutsideWindow(db: PurgeDatabase, kind: RetentionKind, nowMs: number): Promise<PurgeResult> {
  const now = new Date(nowMs);
  const readingsFrom = retentionCutoff(kind, 'kpi_readings', now);
  const handoversFrom = retentionCutoff(kind, 'handovers', now);
  const { kpi_readings: readings, handovers } = db;
  return {
    kpi_readings: readings && readingsFrom !== null ? await purgeBefore(readings, readingsFrom, () => new Set()) : 0,
    handovers: handovers && handoversFrom !== null ? await purgeBefore(handovers, handoversFrom, () => newestPerLine(handovers)) : 0,
  };
}

async function purgeBefore<T extends { id: string; productionDate: string; receivedAt: string }>(
  collection: RxCollection<T>,
  from: string,
  kept: () => Promise<ReadonlySet<string>> | ReadonlySet<string>,
): Promise<number> {
  const keep = await kept();
  let purged = 0;
  for (;;) {
    // `receivedAt` not empty: stored by the server. Asked again each round, as the removals shrink the set.
    const docs = await collection
      .find({ selector: { productionDate: { $lt: from }, receivedAt: { $gt: '' } } as never, limit: PURGE_BATCH + keep.size })
      .exec();
    const ids = docs.map((d) => (d.toJSON() as T).id).filter((id) => !keep.has(id));
    if (ids.length === 0) break;
    await collection.bulkRemove(ids.slice(0, PURGE_BATCH));
    purged += Math.min(ids.length, PURGE_BATCH);
    if (docs.length < PURGE_BATCH + keep.size) break;
  }
  // Deleted documents would otherwise stay in IndexedDB as tombstones: the point is the space.
  if (purged > 0) await collection.storageInstance.cleanup(0);
  return purged;
}

async function newestPerLine(handovers: RxCollection<HandoverCheckIn>): Promise<ReadonlySet<string>> {
  const newest = new Map<string, HandoverCheckIn>();
  for (const doc of await handovers.find().exec()) {
    const h = doc.toJSON() as HandoverCheckIn;
    const line = `${h.plantId}|${h.lineId}`;
    const was = newest.get(line);
    if (!was || `${h.productionDate}|${h.signedAt}` > `${was.productionDate}|${was.signedAt}`) newest.set(line, h);
  }
  return new Set([...newest.values()].map((h) => h.id));
}
