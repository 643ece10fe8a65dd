/**
 * The values of one line's shift as the board shows them, for the tablet: the same index, the
 * same winners, the same derived readings for computed KPIs (formula-slots.ts), so the reading
 * screen and the wall screen show one number for the shift, to the digit. A daily input (the
 * ideal cycle time, entered once a day) counts from whichever shift of the day it was entered in,
 * so the tablet is handed the line's readings of the whole production date.
 */
import type { KpiDefinition, KpiReading } from '../kpi/kpi-types.ts';
import type { ImplausibleValue } from '../kpi/formula-results.ts';
import type { ShiftInstance } from '../shift/shift-types.ts';
import { buildBoardIndex, winnersOn } from './reading-index.ts';

export interface SlotValue {
  value: number;
  /** Set when a computed value is implausible: it then has no status and counts as no value. */
  implausible: ImplausibleValue | null;
}

/** KPI id -> its value in the shift's slot on its line; KPIs without one are absent. */
export function shiftSlotValues(
  defs: readonly KpiDefinition[],
  dayReadings: readonly KpiReading[],
  shift: Pick<ShiftInstance, 'plantId' | 'lineId' | 'shiftCode' | 'productionDate'>,
): Map<string, SlotValue> {
  const defsById = new Map(defs.map((d) => [d.id, d]));
  const date = shift.productionDate;
  const index = buildBoardIndex(dayReadings, defsById, shift.plantId, { from: date, to: date });
  const out = new Map<string, SlotValue>();
  for (const def of defs) {
    const winners = winnersOn(index, def.id, date).filter((w) => w.shiftCode === shift.shiftCode && (def.level !== 'line' || w.lineId === shift.lineId));
    // A daily computed KPI has one slot a day, in the shift of its newest input, whichever shift is shown.
    const slot = winners[0] ?? (def.formula !== null && def.frequency === 'daily' ? winnersOn(index, def.id, date)[0] : undefined);
    if (slot) out.set(def.id, { value: slot.value, implausible: slot.implausible ?? null });
  }
  return out;
}
