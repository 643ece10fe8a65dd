/**
 * A board digest: what a wall screen keeps of its board's index between
 * starts, so that opening the board costs what the board shows, not what the
 * plant recorded.
 *
 * Building the board reads the month's readings: for a 30-line plant about
 * 27,000 of them, and reading them from IndexedDB through RxDB is nine tenths
 * of the time to the first full render. The digest is the index's content
 * written down per production date: each slot's winning reading and the
 * candidates it beat, cut to what the board reads (BoardReading), as compact
 * JSON rows, plus the superseded ids. Restoring it is one JSON parse per date
 * and the same batch pass as a fresh build (buildBoardIndex), so a restored
 * index is the index a fresh build would make from the same readings.
 *
 * The digest is derived data and never the record: the readings in the local
 * database are. It says how far it is caught up (`coveredUntilMs`, in the
 * database's own write times) and the caller folds in every reading written
 * since then before it draws anything (src/db/board/board-digest-keeper.ts); when anything it was
 * made with no longer holds (format, time zone, the set of KPIs, the window,
 * the clock going back, its age), it does not fit and the board is built from
 * the readings as before.
 */
import type { ProductionDate } from '../records/record-types.ts';
import { buildBoardIndex, readingsOn, type BoardIndex, type BoardReading, type DateWindow, type DefinitionsById } from './reading-index.ts';

/** Bump when the row layout below changes: older digests then do not fit. */
export const BOARD_DIGEST_FORMAT = 1;

/**
 * A digest older than this is not used: the board is built from the readings
 * again. It bounds the superseded ids a digest carries forward (they are only
 * dropped by a fresh build) and any drift a bug could cause to a week.
 */
export const DIGEST_MAX_AGE_MS = 7 * 24 * 3_600_000;

/**
 * Readings written this long before the digest was saved are folded in again
 * on restore (folding is idempotent). It covers a write whose change event had
 * not reached the board yet when the digest was saved (milliseconds) and small
 * clock steps. A clock stepped back further between a write and the save is
 * not covered, as it is not for RxDB's own upstream replication, which reads
 * the same change index; the weekly build from the readings bounds the harm.
 * Kept short: everything written in the margin is read again at every start.
 */
export const DIGEST_FOLD_MARGIN_MS = 10_000;

export interface BoardDigestMeta {
  plantId: string;
  format: number;
  timeZone: string;
  /** The KPI definitions the index was built with: ids and the fields the counts depend on. */
  definitionsKey: string;
  /** First production date the digest holds (its window's start). */
  from: ProductionDate;
  superseded: string[];
  /** Every reading the database wrote before this moment (its write clock, ms) is in the digest. */
  coveredUntilMs: number;
  /** When the index was last built from the readings themselves (not restored). */
  builtAtMs: number;
  savedAtMs: number;
}

export interface BoardDigestDay {
  plantId: string;
  date: ProductionDate;
  /** JSON array of rows: [id, kpiId, lineId, shiftCode, value, recordedAt, clockOffsetMs, supersedes]. */
  rows: string;
}

type Row = [string, string, string, string, number, string, number, string];

export function digestDay(index: BoardIndex, plantId: string, date: ProductionDate): BoardDigestDay {
  const rows: Row[] = readingsOn(index, date).map((r) => [r.id, r.kpiId, r.lineId, r.shiftCode, r.value, r.recordedAt, r.clockOffsetMs, r.supersedes]);
  return { plantId, date, rows: JSON.stringify(rows) };
}

export function readingsOfDay(day: BoardDigestDay): BoardReading[] {
  const rows = JSON.parse(day.rows) as Row[];
  const out: BoardReading[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [id, kpiId, lineId, shiftCode, value, recordedAt, clockOffsetMs, supersedes] = rows[i] as Row;
    out[i] = { id, kpiId, plantId: day.plantId, lineId, shiftCode, productionDate: day.date, value, recordedAt, clockOffsetMs, supersedes };
  }
  return out;
}

/**
 * What the index's counts and tiles depend on in the definitions. The digest
 * stores readings, not counts, so thresholds may change freely; but a KPI
 * that was inactive when the digest was written has no readings in it.
 */
export function definitionsKey(defsById: DefinitionsById): string {
  return [...defsById.keys()].sort().join(',');
}

export interface DigestFitInput {
  plantId: string;
  timeZone: string;
  defsById: DefinitionsById;
  window: Readonly<DateWindow>;
  nowMs: number;
}

/** Whether a stored digest can stand in for reading the window's readings. */
export function digestFits(meta: BoardDigestMeta, at: DigestFitInput): boolean {
  return (
    meta.format === BOARD_DIGEST_FORMAT &&
    meta.plantId === at.plantId &&
    meta.timeZone === at.timeZone &&
    meta.definitionsKey === definitionsKey(at.defsById) &&
    meta.from <= at.window.from &&
    // The clock went back since it was saved: its write times cannot be trusted against the database's.
    meta.savedAtMs <= at.nowMs &&
    at.nowMs - meta.builtAtMs <= DIGEST_MAX_AGE_MS
  );
}

/** The index again, from the digest's days (those before the window are left out). */
export function restoreBoardIndex(meta: BoardDigestMeta, days: readonly BoardDigestDay[], defsById: DefinitionsById, window: Readonly<DateWindow>): BoardIndex {
  const readings: BoardReading[] = [];
  for (const day of days) {
    if (day.date < window.from || day.date > window.to) continue;
    for (const r of readingsOfDay(day)) readings.push(r);
  }
  return buildBoardIndex(readings, defsById, meta.plantId, window, meta.superseded);
}

/** Where to fold from on restore: the database's writes since then may be missing from the digest. */
export function foldFromMs(meta: BoardDigestMeta): number {
  return meta.coveredUntilMs - DIGEST_FOLD_MARGIN_MS;
}
