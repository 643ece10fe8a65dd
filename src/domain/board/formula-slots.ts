/**
 * Computed KPIs on the board: their values are derived from the readings of the KPIs they read,
 * by the same shared code the tablet uses (formula-results.ts), never from readings typed or
 * seeded for them. A formula KPI's slot (line, shift, production date) holds a derived reading:
 * the formula over its inputs' readings of that slot. Over a day or a week, the formula runs over
 * its inputs added up by their own rules (kpi-aggregation.ts): a ratio of sums.
 *
 * Inputs are named by KPI code in the definition; a code resolves to the definition of the same
 * plant (or enterprise-wide) on the formula's own line first, then to one that is not line-level
 * (a plant's hours worked feed its incident rate), so two lines' `GOOD` counts never mix.
 */
import { aggregateValues, aggregationOf } from '../kpi/kpi-aggregation.ts';
import { formulaResult, usableValue, type FormulaResult } from '../kpi/formula-results.ts';
import type { KpiDefinition } from '../kpi/kpi-types.ts';
import type { ProductionDate } from '../records/record-types.ts';
import type { BoardReading, DefinitionsById } from './reading-index.ts';

export interface FormulaInput {
  /** The name the formula reads it by (`goodQuantity`). */
  name: string;
  def: KpiDefinition;
}

export interface FormulaPlan {
  /** Formula definition id -> its inputs, resolved; absent when an input cannot be resolved. */
  readonly inputs: ReadonlyMap<string, readonly FormulaInput[]>;
  /** KPI id -> the formulas that read it, directly or through another formula, inputs first. */
  readonly dependents: ReadonlyMap<string, readonly KpiDefinition[]>;
}

export const NO_FORMULAS: FormulaPlan = Object.freeze({ inputs: new Map(), dependents: new Map() });

/** Reads the winners of a KPI on a date (the index's, or a test's). */
export type WinnersOf = (kpiId: string, date: ProductionDate) => readonly BoardReading[];

function resolve(formula: KpiDefinition, code: string, byCode: ReadonlyMap<string, KpiDefinition[]>): KpiDefinition | undefined {
  const candidates = (byCode.get(code) ?? []).filter((d) => d.plantId === formula.plantId || d.plantId === '');
  return candidates.find((d) => d.lineId === formula.lineId) ?? candidates.find((d) => d.level !== 'line') ?? candidates[0];
}

/** Resolve every formula's inputs once per set of definitions. */
export function formulaPlan(defsById: DefinitionsById): FormulaPlan {
  const byCode = new Map<string, KpiDefinition[]>();
  for (const d of defsById.values()) {
    const list = byCode.get(d.code);
    if (list) list.push(d);
    else byCode.set(d.code, [d]);
  }
  const inputs = new Map<string, FormulaInput[]>();
  for (const f of defsById.values()) {
    if (f.formula === null) continue;
    const resolved: FormulaInput[] = [];
    for (const [name, code] of Object.entries(f.formulaInputs)) {
      const def = resolve(f, code, byCode);
      if (!def || def.id === f.id) break;
      resolved.push({ name, def });
    }
    if (resolved.length === Object.keys(f.formulaInputs).length) inputs.set(f.id, resolved);
  }
  // Depth: 0 for a formula over typed KPIs, one more per formula it reads; a cycle has none (it never settles).
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const ins = inputs.get(id);
    if (!ins || seen.has(id)) return Number.POSITIVE_INFINITY;
    seen.add(id);
    let d = 0;
    for (const i of ins) if (i.def.formula !== null) d = Math.max(d, depthOf(i.def.id, seen) + 1);
    seen.delete(id);
    depth.set(id, d);
    return d;
  };
  const formulas = [...inputs.keys()].filter((id) => Number.isFinite(depthOf(id, new Set())));
  formulas.sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0));
  // A formula in a cycle never settles: it keeps no inputs, so it derives nothing.
  for (const id of [...inputs.keys()]) if (!formulas.includes(id)) inputs.delete(id);
  // Every KPI a formula reads, through the formulas it reads too; formulas in settling order, so
  // a KPI's dependents come inputs first.
  const dependents = new Map<string, KpiDefinition[]>();
  for (const f of formulas) {
    const read = new Set<string>();
    const walk = (id: string): void => {
      for (const i of inputs.get(id) ?? []) {
        if (read.has(i.def.id)) continue;
        read.add(i.def.id);
        if (i.def.formula !== null) walk(i.def.id);
      }
    };
    walk(f);
    for (const id of read) {
      const list = dependents.get(id);
      if (list) list.push(defsById.get(f) as KpiDefinition);
      else dependents.set(id, [defsById.get(f) as KpiDefinition]);
    }
  }
  return { inputs, dependents };
}

/** The input's readings that belong to the formula's scope: its own line's, where both are line KPIs. */
function inScope(formula: KpiDefinition, input: KpiDefinition, readings: readonly BoardReading[]): BoardReading[] {
  const line = formula.level === 'line' && input.level === 'line';
  return readings.filter((r) => !r.implausible && (!line || r.lineId === formula.lineId));
}

function newestFirst(a: BoardReading, b: BoardReading): number {
  return serverMs(a) - serverMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function serverMs(r: BoardReading): number {
  const t = Date.parse(r.recordedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t + (Number.isFinite(r.clockOffsetMs) ? r.clockOffsetMs : 0);
}

/** A typed KPI's value over readings (oldest first after sorting), by its own rule. */
function typedValue(def: KpiDefinition, readings: BoardReading[]): number | null {
  const rule = aggregationOf(def);
  if (rule === 'ratio') return null;
  readings.sort(newestFirst);
  return aggregateValues(rule, readings.map((r) => r.value));
}

/**
 * A KPI's value over some production dates (a day, a week): a typed KPI by its own rule over the
 * readings that count; a computed one as the formula over its inputs' values over the same dates
 * (ratio of sums). For a computed KPI whose inputs cannot be resolved: none.
 */
export function valueOver(def: KpiDefinition, dates: readonly ProductionDate[], plan: FormulaPlan, winnersOf: WinnersOf, scope: KpiDefinition = def): FormulaResult {
  if (def.formula === null) {
    const readings: BoardReading[] = [];
    for (const date of dates) readings.push(...inScope(scope, def, winnersOf(def.id, date)));
    const v = typedValue(def, readings);
    return v === null ? { kind: 'none' } : { kind: 'value', value: v };
  }
  const inputs = plan.inputs.get(def.id);
  if (!inputs) return { kind: 'none' };
  const byCode = new Map<string, number>();
  for (const i of inputs) {
    const v = usableValue(valueOver(i.def, dates, plan, winnersOf, def));
    if (v !== null) byCode.set(i.def.code, v);
  }
  return formulaResult(def, byCode);
}

/**
 * The derived readings of a computed KPI on one date: one per shift its inputs have readings in
 * (per-shift KPIs), or one for the day (daily KPIs), each the formula over the inputs' readings of
 * that shift or day. `recordedAt` is the newest input's server time, so the newest-tap rules of
 * the board apply to derived readings as to typed ones.
 */
export function derivedReadings(def: KpiDefinition, date: ProductionDate, plan: FormulaPlan, winnersOf: WinnersOf): BoardReading[] {
  const inputs = plan.inputs.get(def.id);
  if (!inputs) return [];
  const perInput = inputs.map((i) => ({ input: i, readings: inScope(def, i.def, winnersOf(i.def.id, date)) }));
  const all = perInput.flatMap((p) => p.readings);
  if (all.length === 0) return [];
  const plantId = def.plantId || (all[0] as BoardReading).plantId;
  const shiftly = perInput.filter((p) => p.input.def.frequency !== 'daily').flatMap((p) => p.readings);
  const shifts = def.frequency === 'daily' ? [null] : [...new Set(shiftly.map((r) => r.shiftCode))].sort();
  const out: BoardReading[] = [];
  for (const shift of shifts) {
    const byCode = new Map<string, number>();
    let newest: BoardReading | null = null;
    for (const { input, readings } of perInput) {
      // A daily input (an ideal cycle time entered once a day) serves every shift of its day.
      const daily = shift === null || input.def.frequency === 'daily';
      const mine = daily ? readings.slice() : readings.filter((r) => r.shiftCode === shift);
      if (!daily) for (const r of mine) if (newest === null || newestFirst(r, newest) > 0) newest = r;
      const v = input.def.formula === null ? typedValue(input.def, mine) : mine.length > 0 ? (mine.sort(newestFirst).at(-1) as BoardReading).value : null;
      if (v !== null) byCode.set(input.def.code, v);
    }
    if (newest === null) for (const r of all) if (newest === null || newestFirst(r, newest) > 0) newest = r;
    const result = formulaResult(def, byCode);
    if (result.kind === 'none' || newest === null) continue;
    out.push({
      id: derivedId(def.id, shift ?? newest.shiftCode, date),
      kpiId: def.id,
      plantId,
      lineId: def.lineId,
      shiftCode: shift ?? newest.shiftCode,
      productionDate: date,
      value: result.value,
      recordedAt: new Date(serverMs(newest)).toISOString(),
      clockOffsetMs: 0,
      supersedes: '',
      ...(result.kind === 'implausible' ? { implausible: result.problem } : {}),
    });
  }
  return out;
}

/** Derived readings carry ids no device makes (a ULID never starts with '='), so nothing mistakes them for records. */
export function derivedId(kpiId: string, shiftCode: string, date: ProductionDate): string {
  return `=${kpiId}|${shiftCode}|${date}`;
}

export function isDerived(r: Pick<BoardReading, 'id'>): boolean {
  return r.id.startsWith('=');
}
