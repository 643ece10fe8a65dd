/**
 * The figure people see, and its status: rounded once, by the KPI's declared precision
 * (`decimals`), and judged on that rounded value. A quality of 84.96 % with one decimal reads
 * 85.0 % and is on a target of 85: a screen that showed "85.0 %" in amber would contradict itself.
 * Value and target are shown with the same precision (figureDecimals), so an ideal cycle time of
 * 0.0667 is never set beside a target printed as 0.07.
 */
import { kpiStatus, type KpiStatus, type ThresholdDef } from './kpi-status.ts';
import type { KpiDefinition } from './kpi-types.ts';

export type FigureDef = ThresholdDef & Pick<KpiDefinition, 'decimals'>;

/** `value` rounded half away from zero to `decimals` places (so 84.95 -> 85.0 and -84.95 -> -85.0). */
export function roundTo(value: number, decimals: number): number {
  const places = Math.max(0, Math.min(6, Math.trunc(decimals)));
  const scale = 10 ** places;
  // The epsilon corrects binary representation: 1.005 is stored as 1.00499999..., and is meant as 1.005.
  const scaled = Math.abs(value) * scale * (1 + Number.EPSILON);
  return (Math.sign(value) * Math.round(scaled)) / scale;
}

/** The value as shown: rounded to the KPI's precision; null stays null. */
export function figureValue(def: Pick<KpiDefinition, 'decimals'>, value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : roundTo(value, def.decimals);
}

/** The status of the value as shown (see the file comment). */
export function figureStatus(def: FigureDef, value: number | null): KpiStatus {
  return kpiStatus(def, figureValue(def, value));
}

/** How many decimals both the value and the target are printed with: the KPI's own. */
export function figureDecimals(def: Pick<KpiDefinition, 'decimals'>): number {
  return Math.max(0, Math.min(6, Math.trunc(def.decimals)));
}
