/**
 * Computed KPIs: pure formulas over numbers the floor records.
 *
 * Every formula returns `number | null`. null means "no value": an input is
 * missing, negative or not finite, a denominator is zero, or the inputs are
 * impossible (more good parts than parts made). Never NaN, never Infinity.
 *
 * Clamping: none. An impossible input gives null rather than a clamped number,
 * because a clamped 100 % on the board hides a data-entry error the shift lead
 * should see. The one value that may legitimately leave its 0..1 range is
 * performance: above 1 means the ideal cycle time in the master data is slower
 * than the line really runs (ISO 22400-2 notes the same). It is returned as is,
 * so the board shows OEE > 100 % and someone fixes the cycle time.
 *
 * The named functions return fractions (0.85); `evaluateFormula` returns the
 * number on the scale KPI definitions use (FORMULA_UNITS: 85 for 85 %).
 *
 * Time inputs may use any unit (minutes, seconds) as long as all of them,
 * including the ideal cycle time per piece, use the same one.
 */
import type { KpiFormula } from './kpi-types.ts';

export interface TimeModel {
  /** ISO 22400 POT: the time the line is scheduled to be available (shift length). */
  plannedOperationTime: number;
  /** PDOT: breaks, planned maintenance, no-order time. */
  plannedDowntime: number;
  /** ADOT: breakdowns, changeovers over plan, waiting for material. */
  unplannedDowntime: number;
}
export interface OeeInputs extends TimeModel {
  /** Ideal (nameplate) time for one piece, in the same unit as the times. */
  idealCycleTime: number;
  producedQuantity: number;
  goodQuantity: number;
}

/** A usable input: a finite, non-negative number. */
function ok(...xs: (number | undefined)[]): boolean {
  return xs.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
}

/** Division that answers null instead of NaN or Infinity. */
function ratio(numerator: number, denominator: number): number | null {
  if (!ok(numerator, denominator) || denominator === 0) return null;
  const r = numerator / denominator;
  return Number.isFinite(r) ? r : null;
}

/** PBT = POT - PDOT. Null if planned downtime exceeds the planned operation time. */
export function plannedBusyTime(t: TimeModel): number | null {
  if (!ok(t.plannedOperationTime, t.plannedDowntime) || t.plannedDowntime > t.plannedOperationTime) return null;
  return t.plannedOperationTime - t.plannedDowntime;
}

/** APT = PBT - ADOT. Null if unplanned downtime exceeds the planned busy time. */
export function actualProductionTime(t: TimeModel): number | null {
  const pbt = plannedBusyTime(t);
  if (pbt === null || !ok(t.unplannedDowntime) || t.unplannedDowntime > pbt) return null;
  return pbt - t.unplannedDowntime;
}

/** Availability = APT / PBT. */
export function availability(t: TimeModel): number | null {
  const pbt = plannedBusyTime(t);
  const apt = actualProductionTime(t);
  return pbt === null || apt === null ? null : ratio(apt, pbt);
}

/** Performance (ISO 22400 "effectiveness") = ideal cycle time x produced quantity / APT. Not clamped, see above. */
export function performance(t: TimeModel & Pick<OeeInputs, 'idealCycleTime' | 'producedQuantity'>): number | null {
  const apt = actualProductionTime(t);
  if (apt === null || !ok(t.idealCycleTime, t.producedQuantity)) return null;
  return ratio(t.idealCycleTime * t.producedQuantity, apt);
}

/** Quality rate = good quantity / produced quantity. */
export function qualityRate(q: Pick<OeeInputs, 'goodQuantity' | 'producedQuantity'>): number | null {
  if (!ok(q.goodQuantity, q.producedQuantity) || q.goodQuantity > q.producedQuantity) return null;
  return ratio(q.goodQuantity, q.producedQuantity);
}

/**
 * OEE = availability x performance x quality, computed in its equivalent form
 * ideal cycle time x good quantity / PBT. The two agree wherever A, P and Q
 * exist; this form also answers for a shift that was down the whole time
 * (no parts: P and Q have no value, but OEE is plainly 0).
 */
export function oee(i: OeeInputs): number | null {
  const pbt = plannedBusyTime(i);
  const apt = actualProductionTime(i);
  if (pbt === null || apt === null || !ok(i.idealCycleTime, i.producedQuantity, i.goodQuantity)) return null;
  if (i.goodQuantity > i.producedQuantity) return null;
  if (apt === 0 && i.producedQuantity > 0) return null; // parts made in no time: impossible input
  return ratio(i.idealCycleTime * i.goodQuantity, pbt);
}

/** First pass yield = units good the first time (no rework) / units entering the process. */
export function firstPassYield(goodFirstTime: number, unitsEntering: number): number | null {
  if (!ok(goodFirstTime, unitsEntering) || goodFirstTime > unitsEntering) return null;
  return ratio(goodFirstTime, unitsEntering);
}

/** Scrap rate = scrapped units / produced units. */
export function scrapRate(scrapQuantity: number, producedQuantity: number): number | null {
  if (!ok(scrapQuantity, producedQuantity) || scrapQuantity > producedQuantity) return null;
  return ratio(scrapQuantity, producedQuantity);
}

/** On-time delivery = orders shipped on time / orders shipped. */
export function onTimeDelivery(onTimeOrders: number, ordersShipped: number): number | null {
  if (!ok(onTimeOrders, ordersShipped) || onTimeOrders > ordersShipped) return null;
  return ratio(onTimeOrders, ordersShipped);
}

/**
 * OSHA's normalisation: 200,000 hours = 100 full-time workers x 40 h x 50 weeks,
 * so a rate reads as "cases per 100 workers per year".
 */
export const OSHA_HOURS_BASE = 200_000;

/** Total recordable incident rate = recordable cases x 200,000 / hours worked. */
export function recordableIncidentRate(recordableCases: number, hoursWorked: number): number | null {
  if (!ok(recordableCases, hoursWorked)) return null;
  return ratio(recordableCases * OSHA_HOURS_BASE, hoursWorked);
}

/** DART rate (days away, restricted or transferred) = DART cases x 200,000 / hours worked. */
export function dartRate(dartCases: number, hoursWorked: number): number | null {
  if (!ok(dartCases, hoursWorked)) return null;
  return ratio(dartCases * OSHA_HOURS_BASE, hoursWorked);
}

const TIME_INPUTS = ['plannedOperationTime', 'plannedDowntime', 'unplannedDowntime'] as const;

/** Input names each formula reads; a KPI definition's `formulaInputs` maps them to KPI codes. */
export const FORMULA_INPUTS: Record<KpiFormula, readonly string[]> = {
  oee: [...TIME_INPUTS, 'idealCycleTime', 'producedQuantity', 'goodQuantity'],
  availability: [...TIME_INPUTS],
  performance: [...TIME_INPUTS, 'idealCycleTime', 'producedQuantity'],
  quality_rate: ['goodQuantity', 'producedQuantity'],
  first_pass_yield: ['goodFirstTime', 'unitsEntering'],
  scrap_rate: ['scrapQuantity', 'producedQuantity'],
  on_time_delivery: ['onTimeOrders', 'ordersShipped'],
  recordable_incident_rate: ['recordableCases', 'hoursWorked'],
  dart_rate: ['dartCases', 'hoursWorked'],
};

/** The scale `evaluateFormula` answers on. */
export const FORMULA_UNITS: Record<KpiFormula, '%' | 'per 200,000 h'> = {
  oee: '%',
  availability: '%',
  performance: '%',
  quality_rate: '%',
  first_pass_yield: '%',
  scrap_rate: '%',
  on_time_delivery: '%',
  recordable_incident_rate: 'per 200,000 h',
  dart_rate: 'per 200,000 h',
};

/** Evaluate a formula by name over named inputs (see FORMULA_INPUTS), on the FORMULA_UNITS scale. */
export function evaluateFormula(formula: KpiFormula, inputs: Record<string, number | undefined>): number | null {
  const need = FORMULA_INPUTS[formula];
  if (!need) return null;
  if (!need.every((name) => ok(inputs[name]))) return null;
  const n = (name: string): number => inputs[name] as number;
  const t: TimeModel = {
    plannedOperationTime: n('plannedOperationTime'),
    plannedDowntime: n('plannedDowntime'),
    unplannedDowntime: n('unplannedDowntime'),
  };
  const percent = (x: number | null): number | null => (x === null ? null : x * 100);
  switch (formula) {
    case 'oee':
      return percent(oee({ ...t, idealCycleTime: n('idealCycleTime'), producedQuantity: n('producedQuantity'), goodQuantity: n('goodQuantity') }));
    case 'availability':
      return percent(availability(t));
    case 'performance':
      return percent(performance({ ...t, idealCycleTime: n('idealCycleTime'), producedQuantity: n('producedQuantity') }));
    case 'quality_rate':
      return percent(qualityRate({ goodQuantity: n('goodQuantity'), producedQuantity: n('producedQuantity') }));
    case 'first_pass_yield':
      return percent(firstPassYield(n('goodFirstTime'), n('unitsEntering')));
    case 'scrap_rate':
      return percent(scrapRate(n('scrapQuantity'), n('producedQuantity')));
    case 'on_time_delivery':
      return percent(onTimeDelivery(n('onTimeOrders'), n('ordersShipped')));
    case 'recordable_incident_rate':
      return recordableIncidentRate(n('recordableCases'), n('hoursWorked'));
    case 'dart_rate':
      return dartRate(n('dartCases'), n('hoursWorked'));
  }
}
