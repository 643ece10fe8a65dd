/**
 * From definitions and the shift's readings to what each KPI row shows: the shift's value (typed,
 * or computed from its inputs), the newest earlier value, and the status of the figure shown.
 * The shift's values come from the board's own code (shiftSlotValues), so the tablet and the wall
 * screen show one number for the shift; a computed value that is implausible shows as such.
 */
import { SQDCP, type KpiDefinition, type KpiReading } from '../../domain/kpi/kpi-types.ts';
import { figureStatus } from '../../domain/kpi/kpi-figure.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';
import type { shiftSlotValues, SlotValue } from '../../domain/board/shift-slot-values.ts';

/** The board's own slot computation, handed in: the reading screen loads it after its first frame. */
export type SlotValuesOf = typeof shiftSlotValues;
import type { KpiRowView } from './kpi-board.tsx';
import { latestReadingPerKpi } from '../../db/latest-reading.ts';

export function kpiRows(
  defs: readonly KpiDefinition[],
  shift: Pick<ShiftInstance, 'plantId' | 'lineId' | 'shiftCode' | 'productionDate'> | null,
  shiftReadings: readonly KpiReading[],
  /** The line's readings of the same production date in other shifts (a daily input counts all day). */
  sameDay: readonly KpiReading[],
  earlier: ReadonlyMap<string, number>,
  /** Null until loaded: computed KPIs then wait a moment ("computed when its inputs are recorded"). */
  slotValuesOf: SlotValuesOf | null,
): KpiRowView[] {
  const current = latestReadingPerKpi(shiftReadings);
  const slots = shift && slotValuesOf ? slotValuesOf(defs, [...sameDay, ...shiftReadings], shift) : new Map<string, SlotValue>();
  const ordered = [...defs].sort((a, b) => SQDCP.indexOf(a.category) - SQDCP.indexOf(b.category) || a.code.localeCompare(b.code));
  return ordered.map((def) => {
    const typed = current.get(def.id);
    const slot = def.formula !== null ? slots.get(def.id) : undefined;
    const shiftValue = def.formula !== null ? (slot?.value ?? null) : (typed?.value ?? null);
    const implausible = slot?.implausible ?? null;
    // An earlier computed value is not carried: computed KPIs have no readings of their own.
    const earlierValue = def.formula !== null ? null : (earlier.get(def.id) ?? null);
    return {
      def,
      shiftValue,
      earlierValue,
      implausible,
      status: implausible ? 'none' : figureStatus(def, shiftValue ?? earlierValue),
      recorded: def.formula !== null ? shiftValue !== null : Boolean(typed),
    };
  });
}
