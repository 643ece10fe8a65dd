/**
 * Hooks shared by the handover screen and the start-screen banner: the shift
 * instance now (re-worked out every half minute), and the line's recent
 * check-ins, live.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { shiftInstanceAt, shiftInstanceKey } from '../../domain/shift-calendar.ts';
import type { HandoverCheckIn, Line, Plant, ShiftInstance, ShiftPattern } from '../../domain/types.ts';
import type { Clock } from '../people/clock.ts';
import type { HandoverData } from './handover-data.ts';
import { lookbackFrom } from './handover-draft.ts';

// Shifts change on the minute; half a minute keeps the screen honest without busy re-rendering.
const TICK_MS = 30_000;

export function useNow(clock: Clock): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}

/** The shift instance at `nowMs`, one object per instance (effects keyed on it run once per shift); null if the pattern cannot say. */
export function useShiftAt(plant: Plant, pattern: ShiftPattern, line: Line, nowMs: number): ShiftInstance | null {
  const candidate = useMemo(() => {
    try {
      return shiftInstanceAt(plant, pattern, line.id, new Date(nowMs));
    } catch {
      return null;
    }
  }, [plant, pattern, line.id, nowMs]);
  const key = candidate ? shiftInstanceKey(candidate) : '';
  return useMemo(() => candidate, [key]);
}

/** The line's check-ins from the look-back window before `shift` on; null while loading. */
export function useLineHandovers(data: HandoverData, shift: ShiftInstance | null): HandoverCheckIn[] | null {
  const [checkIns, setCheckIns] = useState<HandoverCheckIn[] | null>(null);
  const key = shift ? shiftInstanceKey(shift) : '';
  useEffect(() => {
    if (!shift) {
      setCheckIns([]);
      return;
    }
    return data.watchLineHandovers(shift.plantId, shift.lineId, lookbackFrom(shift), setCheckIns);
  }, [data, key]);
  return checkIns;
}
