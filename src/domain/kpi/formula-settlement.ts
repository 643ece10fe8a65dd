/**
 * The value of a formula KPI (OEE, first pass yield, ...) from the values of
 * the KPIs it reads, named by code in its definition's `formulaInputs`.
 *
 * A formula counts only when every input it names has a value: a missing
 * input, or a result that is no finite number, leaves the KPI without a
 * value rather than showing a made-up one. A formula may read another
 * formula's result (OEE from first pass yield), so the formulas of a set of
 * definitions are settled together (settleFormulas).
 */
import { evaluateFormula } from './kpi-formulas.ts';
import type { KpiDefinition } from './kpi-types.ts';

/** The formula's value over the values by KPI code; null when it has no formula, an input has no value, or the result is not finite. */
export function computedValue(def: Pick<KpiDefinition, 'formula' | 'formulaInputs'>, byCode: ReadonlyMap<string, number>): number | null {
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

/**
 * The value of every formula KPI among `defs` that can be worked out, by
 * definition id, from the known values by KPI code (`byCode`, which each
 * settled formula's value joins, so later formulas read it). Settled in
 * passes: as many passes as formulas is enough for any chain without a
 * cycle, and a cycle leaves its formulas without a value.
 */
export function settleFormulas(defs: readonly KpiDefinition[], byCode: Map<string, number>): Map<string, number> {
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
  return computed;
}
