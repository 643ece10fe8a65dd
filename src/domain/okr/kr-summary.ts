/**
 * Per-day summaries of the readings that count, the ground a KPI-fed key result's value is
 * computed over (kr-value.ts).
 *
 * Which reading counts for a slot (KPI, line, shift, production date) is the board's rule, kept once
 * in reading-index.ts: superseded readings never count, corrections do, of two tablets' entries for
 * one shift the newer tap. Its index already takes readings in any order (indexReading) and says
 * which KPI days changed; a summary is made from a day's winners, so keeping the summaries up to
 * date costs one day per reading, and a key result over a 90-day window adds up 90 small summaries
 * per line instead of reading 270 readings. The summaries are plain data, so a digest can store
 * them beside the readings (as the board digest stores its days) and a start need not read the
 * readings at all.
 */
import type { ProductionDate } from '../records/record-types.ts';
import { isDerived } from '../board/formula-slots.ts';
import { readingServerMs, winnersOn, type BoardIndex, type BoardReading, type IndexChange } from '../board/reading-index.ts';

/** One KPI's counting readings of one line on one production date. */
export interface DaySummary {
  kpiId: string;
  lineId: string;
  date: ProductionDate;
  /** How many readings count (one per shift slot). */
  n: number;
  sum: number;
  min: number;
  max: number;
  /** The newest reading's value and server time (ms); ties by id, as on the board. */
  last: number;
  lastMs: number;
  lastId: string;
  /** Shift code -> the reading that counts for that shift. */
  shifts: Record<string, ShiftValue>;
}

export interface ShiftValue {
  value: number;
  /** Server time of the tap (ms). */
  ms: number;
}

function newer(ms: number, id: string, than: DaySummary): boolean {
  return ms > than.lastMs || (ms === than.lastMs && id > than.lastId);
}

/** The summaries (one per line) of a KPI day's winners; derived and implausible readings are left out. */
export function summarizeDay(kpiId: string, date: ProductionDate, winners: readonly BoardReading[]): DaySummary[] {
  const byLine = new Map<string, DaySummary>();
  for (const r of winners) {
    if (isDerived(r) || r.implausible || !Number.isFinite(r.value)) continue;
    const ms = readingServerMs(r);
    const s = byLine.get(r.lineId);
    if (!s) {
      byLine.set(r.lineId, { kpiId, lineId: r.lineId, date, n: 1, sum: r.value, min: r.value, max: r.value, last: r.value, lastMs: ms, lastId: r.id, shifts: { [r.shiftCode]: { value: r.value, ms } } });
      continue;
    }
    s.n += 1;
    s.sum += r.value;
    if (r.value < s.min) s.min = r.value;
    if (r.value > s.max) s.max = r.value;
    if (newer(ms, r.id, s)) {
      s.last = r.value;
      s.lastMs = ms;
      s.lastId = r.id;
    }
    s.shifts[r.shiftCode] = { value: r.value, ms };
  }
  return [...byLine.values()].sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0));
}

/** Reads a KPI's day summaries between two production dates, both included. */
export interface SummarySource {
  days(kpiId: string, from: ProductionDate, to: ProductionDate): Iterable<DaySummary>;
}

/**
 * The summaries of every typed KPI an index holds, kept up to date from the index's changes.
 * Formula KPIs have none: their value over a window is the formula over their inputs' (kr-value.ts).
 */
export class KrSummaries implements SummarySource {
  private readonly byKpi = new Map<string, Map<ProductionDate, DaySummary[]>>();

  static fromIndex(index: BoardIndex): KrSummaries {
    const s = new KrSummaries();
    for (const [kpiId, entry] of index.kpis) {
      if (entry.def.formula !== null) continue;
      for (const date of entry.days.keys()) s.set(kpiId, date, summarizeDay(kpiId, date, winnersOn(index, kpiId, date)));
    }
    return s;
  }

  /** After indexReading: the changed days made again. Returns the KPI ids whose summaries changed. */
  update(index: BoardIndex, changes: readonly IndexChange[]): Set<string> {
    const touched = new Set<string>();
    for (const c of changes) {
      if (index.kpis.get(c.kpiId)?.def.formula !== null) continue;
      this.set(c.kpiId, c.date, summarizeDay(c.kpiId, c.date, winnersOn(index, c.kpiId, c.date)));
      touched.add(c.kpiId);
    }
    return touched;
  }

  set(kpiId: string, date: ProductionDate, summaries: DaySummary[]): void {
    let days = this.byKpi.get(kpiId);
    if (!days) this.byKpi.set(kpiId, (days = new Map()));
    if (summaries.length === 0) days.delete(date);
    else days.set(date, summaries);
  }

  *days(kpiId: string, from: ProductionDate, to: ProductionDate): Iterable<DaySummary> {
    const days = this.byKpi.get(kpiId);
    if (!days) return;
    for (const [date, summaries] of days) if (date >= from && date <= to) yield* summaries;
  }

  /** Every summary, in a stable order: for digests and for comparing two ways of making them. */
  all(): DaySummary[] {
    const out: DaySummary[] = [];
    for (const kpiId of [...this.byKpi.keys()].sort()) {
      const days = this.byKpi.get(kpiId) as Map<ProductionDate, DaySummary[]>;
      for (const date of [...days.keys()].sort()) out.push(...(days.get(date) as DaySummary[]));
    }
    return out;
  }
}
