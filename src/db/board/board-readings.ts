/**
 * The plant board's KPI readings, the big collection (80,000 for a 30-line
 * plant, 27,000 of them in the window the board shows: the month and the
 * tiles' 30 days). Read in two ways only: the window once per build, and
 * after that each reading the database inserts, on its own. The small
 * collections are live queries instead (board-live-queries.ts).
 */
import type { Subscription } from 'rxjs';
import { boardWindow } from '../../domain/board/board-state.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { TierboardDatabase } from '../database.ts';

/** First production date the board needs: the month's first day or 30 days back, whichever is earlier. */
export function boardWindowStart(today: string): string {
  return boardWindow(today).from;
}

/**
 * The plant's readings dated `from` on, through RxDB's own query (the
 * ['plantId', 'productionDate'] index). Measured with the board benchmark's
 * probe (`tsx bench/board-bench.ts --probe`, 27,000 readings): this took
 * 1.1 s, a hand-made storage query without RxDocuments 3.0 s, and one query per
 * production date in parallel 75 s (parallel IndexedDB cursors starve each other).
 */
export async function loadBoardWindow(db: TierboardDatabase, plantId: string, from: string): Promise<KpiReading[]> {
  const docs = await db.kpi_readings.find({ selector: { plantId, productionDate: { $gte: from } } }).exec();
  return docs.map((d) => d.toJSON() as KpiReading);
}

/**
 * Every KPI reading the database inserts, from this tab, another tab or the
 * replication. Read off the collection's change bulks rather than insert$:
 * RxDB 17.6 turns bulks into insert$'s events through a module-level Map it
 * never empties (EVENT_BULK_CACHE in rx-change-event.js), so with insert$
 * every change stays in memory for the life of the page (measured with
 * `npm run bench:board`: about 340 bytes per reading, with or without the
 * board mounted). A wall screen runs for weeks. eslint forbids insert$,
 * update$ and remove$ for the same reason.
 */
export function watchReadingInserts(db: TierboardDatabase, next: (r: KpiReading) => void, error: (err: unknown) => void): Subscription {
  return db.kpi_readings.eventBulks$.subscribe({
    next: (bulk) => {
      for (const ev of bulk.events) if (ev.operation === 'INSERT') next(ev.documentData as unknown as KpiReading);
    },
    error,
  });
}
