/**
 * From definitions and the shift's readings to what each KPI row shows:
 * the shift's current value (typed, or computed by its formula from the
 * other KPIs' values: src/domain/kpi/formula-settlement.ts), the newest
 * earlier value, and the status.
 */
import { SQDCP, type KpiDefinition, type KpiReading } from '../../domain/kpi/kpi-types.ts';
import { kpiStatus } from '../../domain/kpi/kpi-status.ts';
import { settleFormulas } from '../../domain/kpi/formula-settlement.ts';
import type { KpiRowView } from './kpi-board.tsx';
import { latestReadingPerKpi } from '../../db/latest-reading.ts';

export function kpiRows(defs: readonly KpiDefinition[], shiftReadings: readonly KpiReading[], earlier: ReadonlyMap<string, number>): KpiRowView[] {
  const current = latestReadingPerKpi(shiftReadings);
  const byCode = new Map<string, number>();
  for (const def of defs) {
    const r = current.get(def.id);
    if (r) byCode.set(def.code, r.value);
  }
  const computed = settleFormulas(defs, byCode);
  const ordered = [...defs].sort((a, b) => SQDCP.indexOf(a.category) - SQDCP.indexOf(b.category) || a.code.localeCompare(b.code));
  return ordered.map((def) => {
    const typed = current.get(def.id);
    const shiftValue = def.formula !== null ? (computed.get(def.id) ?? null) : (typed?.value ?? null);
    const earlierValue = earlier.get(def.id) ?? null;
    const shown = shiftValue ?? earlierValue;
    return {
      def,
      shiftValue,
      earlierValue,
      status: kpiStatus(def, shown),
      recorded: def.formula !== null ? shiftValue !== null : Boolean(typed),
    };
  });
}
