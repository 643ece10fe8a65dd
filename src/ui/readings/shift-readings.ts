/**
 * Reading a shift's list of immutable readings the way the floor means it:
 * a reading that another one supersedes no longer counts. Which reading is
 * "the value" of a KPI is decided by latestReadingPerKpi in src/db/latest-reading.ts.
 */
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';

export function supersededIds(readings: readonly KpiReading[]): Set<string> {
  const ids = new Set<string>();
  for (const r of readings) if (r.supersedes) ids.add(r.supersedes);
  return ids;
}

/** Newest first for the list: by device time, then id (ids are time-sortable, so ties stay stable). */
export function newestFirst(a: KpiReading, b: KpiReading): number {
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
