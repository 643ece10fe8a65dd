/**
 * Small numeric helpers the demo KPI definitions and readings share.
 * Formula input names come from src/domain/kpi/kpi-formulas.ts (FORMULA_INPUTS).
 */

/** Planned downtime in a shift (breaks): 30 min in 8 h, 60 min in 12 h, the usual paid-break allowance. */
export function plannedDowntimeFor(shiftMinutes: number): number {
  return shiftMinutes >= 720 ? 60 : 30;
}

/** Planned busy time: shift length less planned downtime. */
export function plannedBusyMinutes(shiftMinutes: number): number {
  return shiftMinutes - plannedDowntimeFor(shiftMinutes);
}

/** Ideal cycle time in minutes, the unit every time input of the OEE formula shares. */
export function idealCycleMinutes(idealCycleSeconds: number): number {
  return round(idealCycleSeconds / 60, 4);
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
