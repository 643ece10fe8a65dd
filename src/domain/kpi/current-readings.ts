/**
 * Which reading is "the value" of a KPI among immutable readings: the one rule
 * the reading screen, the handover and the db queries share.
 */
import type { KpiReading } from './kpi-types.ts';

/** Device time corrected by the offset measured at recording: comparable across devices. */
function serverTimeMs(r: KpiReading): number {
  return Date.parse(r.recordedAt) + r.clockOffsetMs;
}

/**
 * A reading that another one supersedes is never the value, however late it
 * was tapped. Of the readings nobody superseded (normally one per KPI; two
 * when two devices corrected the same reading while offline), the latest by
 * corrected time wins, ties broken by the time-sortable id.
 */
export function currentReadings(readings: readonly KpiReading[]): Map<string, KpiReading> {
  const superseded = new Set(readings.map((r) => r.supersedes).filter((id) => id !== ''));
  const latest = new Map<string, KpiReading>();
  for (const r of readings) {
    if (superseded.has(r.id)) continue;
    const best = latest.get(r.kpiId);
    if (!best || serverTimeMs(r) > serverTimeMs(best) || (serverTimeMs(r) === serverTimeMs(best) && r.id > best.id)) {
      latest.set(r.kpiId, r);
    }
  }
  return latest;
}
