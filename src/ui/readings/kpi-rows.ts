/**
 * From definitions and the shift's readings to what each KPI row shows:
 * the shift's current value (typed, or computed by its formula from the
 * other KPIs' values), the newest earlier value, and the status.
 */
import { SQDCP, type KpiDefinition, type KpiReading } from '../../domain/kpi/kpi-types.ts';
import { kpiStatus } from '../../domain/kpi/kpi-status.ts';
import { evaluateFormula } from '../../domain/kpi/kpi-formulas.ts';
import type { KpiRowView } from './kpi-board.tsx';
import { latestReadingPerKpi } from '../../db/latest-reading.ts';

export function computedValue(def: KpiDefinition, byCode: ReadonlyMap<string, number>): number | null {
  if (def.formula === null) return null;
  const inputs: Record<string, number> = {};
  for (const [input, code] of Object.entries(def.formulaInputs)) {
    const v = byCode.get(code);
    if (v === undefined) return null;
    inputs[input] = v;
  }
  const result = evaluateFormula(def.formula, inputs);
  return typeof result === 'number' && Number.isFinite(result) ? result : null;
}

export function kpiRows(defs: readonly KpiDefinition[], shiftReadings: readonly KpiReading[], earlier: ReadonlyMap<string, number>): KpiRowView[] {
  const current = latestReadingPerKpi(shiftReadings);
  const byCode = new Map<string, number>();
  for (const def of defs) {
    const r = current.get(def.id);
    if (r) byCode.set(def.code, r.value);
  }
  // A formula may read another formula's result (OEE from first pass yield): settle them in
  // passes; as many passes as formulas is enough for any chain without a cycle.
  const formulas = defs.filter((d) => d.formula !== null);
  const computed = new Map<string, number>();
  for (let pass = 0; pass < formulas.length; pass++) {
    let changed = false;
    for (const def of formulas) {
      if (computed.has(def.id)) continue;
      const v = computedValue(def, byCode);
      if (v === null) continue;
      computed.set(def.id, v);
      byCode.set(def.code, v);
      changed = true;
    }
    if (!changed) break;
  }
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
