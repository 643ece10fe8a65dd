/**
 * The formula input keys the demo uses, in one place so they can follow
 * src/domain/kpi-formulas.ts (FORMULA_INPUTS) when it settles.
 */
import type { KpiFormula } from '../domain/types.ts';

export const DEMO_FORMULA_INPUT_KEYS = {
  oee: ['availability', 'performance', 'quality'],
  first_pass_yield: ['goodUnits', 'producedUnits'],
  on_time_delivery: ['ordersOnTime', 'ordersDue'],
  recordable_incident_rate: ['recordableIncidents', 'hoursWorked'],
} as const satisfies Partial<Record<KpiFormula, readonly string[]>>;

/** Planned production minutes in a shift: shift length less paid breaks (30 min in 8 h, 60 min in 12 h). */
export function plannedMinutesFor(shiftMinutes: number): number {
  return shiftMinutes >= 720 ? shiftMinutes - 60 : shiftMinutes - 30;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
