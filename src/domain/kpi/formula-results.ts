/**
 * A computed KPI's value (OEE, first pass yield, ...) from the values of the KPIs it reads,
 * named by code in its definition's `formulaInputs`, and whether that value is plausible.
 *
 * - No value when an input it names has none, or the inputs are impossible (kpi-formulas.ts
 *   answers null: more good parts than parts made, downtime longer than the shift).
 * - Implausible when the result lies outside the definition's plausible range, judged on the
 *   figure people see (kpi-figure.ts). The reason names the input to check where one is to blame:
 *   an OEE of 118.75 % comes from a performance above 100 %, which means the ideal cycle time in
 *   the master data is slower than the line really runs. An implausible value is shown as such,
 *   never green, and counts as no value wherever values add up (a day, a week, another formula
 *   that reads it) until someone corrects the input.
 *
 * A formula may read another formula's result, so the formulas of a set of definitions are
 * settled together (settleFormulaResults).
 */
import { evaluateFormula } from './kpi-formulas.ts';
import { figureValue } from './kpi-figure.ts';
import type { KpiDefinition } from './kpi-types.ts';

export type FormulaDef = Pick<KpiDefinition, 'code' | 'formula' | 'formulaInputs' | 'plausibleMin' | 'plausibleMax' | 'decimals'>;

export interface ImplausibleValue {
  /** `ideal_cycle_too_slow`: performance above 100 %; `above_range` / `below_range`: outside the plausible range. */
  code: 'ideal_cycle_too_slow' | 'above_range' | 'below_range';
  /** The code of the input KPI to check, or '' when no single input is to blame. */
  input: string;
  min: number;
  max: number;
}

export type FormulaResult =
  | { kind: 'value'; value: number }
  | { kind: 'none' }
  | { kind: 'implausible'; value: number; problem: ImplausibleValue };

const NONE: FormulaResult = Object.freeze({ kind: 'none' });

/** Formulas whose result carries the performance factor, which is the one that can pass 100 % (kpi-formulas.ts). */
const CARRIES_PERFORMANCE: ReadonlySet<string> = new Set(['oee', 'performance']);

/** The formula's result over the values by KPI code; `none` for a KPI without a formula. */
export function formulaResult(def: FormulaDef, byCode: ReadonlyMap<string, number>): FormulaResult {
  if (def.formula === null) return NONE;
  const inputs: Record<string, number> = {};
  for (const [input, code] of Object.entries(def.formulaInputs)) {
    const v = byCode.get(code);
    if (v === undefined) return NONE;
    inputs[input] = v;
  }
  const value = evaluateFormula(def.formula, inputs);
  if (value === null || !Number.isFinite(value)) return NONE;
  const shown = figureValue(def, value) as number;
  if (shown >= def.plausibleMin && shown <= def.plausibleMax) return { kind: 'value', value };
  const range = { min: def.plausibleMin, max: def.plausibleMax };
  if (CARRIES_PERFORMANCE.has(def.formula)) {
    const performance = evaluateFormula('performance', inputs);
    if (performance !== null && performance > 100) {
      return { kind: 'implausible', value, problem: { code: 'ideal_cycle_too_slow', input: def.formulaInputs.idealCycleTime ?? '', ...range } };
    }
  }
  return { kind: 'implausible', value, problem: { code: shown > def.plausibleMax ? 'above_range' : 'below_range', input: '', ...range } };
}

/**
 * Every formula KPI among `defs` by definition id, from the known values by KPI code (`byCode`).
 * A formula with a usable value joins `byCode`, so formulas that read it see it; an implausible
 * one does not (it counts as no value). Settled in passes: as many passes as formulas is enough for
 * any chain without a cycle, and a cycle leaves its formulas without a value.
 */
export function settleFormulaResults(defs: readonly (FormulaDef & { id: string })[], byCode: Map<string, number>): Map<string, FormulaResult> {
  const formulas = defs.filter((d) => d.formula !== null);
  const results = new Map<string, FormulaResult>();
  for (let pass = 0; pass < formulas.length; pass++) {
    let changed = false;
    for (const def of formulas) {
      if (results.get(def.id)?.kind === 'value' || results.get(def.id)?.kind === 'implausible') continue;
      const r = formulaResult(def, byCode);
      if (r.kind === 'none') continue;
      results.set(def.id, r);
      if (r.kind === 'value') byCode.set(def.code, r.value);
      changed = true;
    }
    if (!changed) break;
  }
  for (const def of formulas) if (!results.has(def.id)) results.set(def.id, NONE);
  return results;
}

/** The usable value of a result: implausible and missing values count as none. */
export function usableValue(r: FormulaResult | undefined): number | null {
  return r?.kind === 'value' ? r.value : null;
}

/** The English sentence for an implausible value (the server's and reports' words; screens use their catalogues). */
export function implausibleText(p: ImplausibleValue): string {
  if (p.code === 'ideal_cycle_too_slow') {
    return `Implausible: performance above 100 %. Check the ideal cycle time${p.input ? ` (${p.input})` : ''}: it is set slower than the line runs.`;
  }
  return `Implausible: ${p.code === 'above_range' ? 'above' : 'below'} the plausible range ${p.min} to ${p.max}. Check the inputs.`;
}
