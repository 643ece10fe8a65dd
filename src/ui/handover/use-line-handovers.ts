/**
 * Hooks shared by the handover screen and the start-screen banner: the shift
 * instance now (re-worked out every half minute, from the server-corrected
 * time), and the line's recent check-ins, live.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { shiftInstanceAt, shiftInstanceKey } from '../../domain/shift/shift-calendar.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { ShiftInstance, ShiftPattern } from '../../domain/shift/shift-types.ts';
import type { SessionStore } from '../../state/session-store.ts';
import { useStore } from '../../state/use-store.ts';
import { correctedNow, type Clock } from '../../domain/time/clock.ts';
import type { HandoverData } from '../../db/handover/handover-data.ts';
import { lookbackFrom } from './handover-draft.ts';

// Shifts change on the minute; half a minute keeps the screen honest without busy re-rendering.
const TICK_MS = 30_000;

/**
 * Now, as the server counts it (correctedNow: the device clock plus the session's measured offset),
 * the same time signedAt is stamped with. A shift worked out from the raw device clock would, on a
 * tablet running ahead, record the early shift's handover as the late shift's, and the late shift's
 * banner would then take it for its own. Re-read every half minute and when a sync measures a new offset.
 */
export function useCorrectedNow(clock: Clock, session: SessionStore): number {
  const offset = useStore(session, (s) => s.clockOffsetMs);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return useMemo(() => correctedNow(clock.now(), offset), [clock, offset, tick]);
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
