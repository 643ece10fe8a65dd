/**
 * Hooks shared by the handover screen and the start-screen banner: the shift
 * instance now (re-worked out every half minute, from the server-corrected
 * time), and the line's recent check-ins, live.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { shiftInstanceAt, shiftInstanceKey } from '../../domain/shift/shift-calendar.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { ShiftInstance, ShiftPattern } from '../../domain/shift/shift-types.ts';
import type { SessionStore } from '../../state/session-store.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import type { Clock } from '../../domain/time/clock.ts';
import type { HandoverData, RefusedHandover } from '../../db/handover/handover-data.ts';
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
  const [now, setNow] = useState(() => readNow(clock, session));
  useEffect(() => {
    const reread = () => setNow(readNow(clock, session));
    const timer = setInterval(reread, TICK_MS);
    const stop = session.subscribe((s, before) => {
      if (s.clockOffsetMs !== before.clockOffsetMs) reread();
    });
    // A sync may have measured a new offset between the first render and this subscription.
    setNow((shown) => (shown.offset === session.getState().clockOffsetMs ? shown : readNow(clock, session)));
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [clock, session]);
  return now.at;
}

/** The corrected time and the offset it was corrected by (so a new offset is noticed). */
function readNow(clock: Clock, session: SessionStore): { at: number; offset: number } {
  return { at: sessionCorrectedNow(clock, session), offset: session.getState().clockOffsetMs };
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
  // The instance worked out in the render where the key last changed, kept while the key stays.
  const latest = useRef(candidate);
  latest.current = candidate;
  return useMemo(() => (key === '' ? null : latest.current), [key]);
}

/** The line's check-ins from the look-back window before `shift` on; null while loading. */
export function useLineHandovers(data: HandoverData, shift: ShiftInstance | null): HandoverCheckIn[] | null {
  const [checkIns, setCheckIns] = useState<HandoverCheckIn[] | null>(null);
  useEffect(() => {
    if (!shift) {
      setCheckIns([]);
      return;
    }
    return data.watchLineHandovers(shift.plantId, shift.lineId, lookbackFrom(shift), setCheckIns);
    // `shift` is one object per shift instance (useShiftAt), so this watches once per shift.
  }, [data, shift]);
  return checkIns;
}

/** The line's check-ins the server refused, from the look-back window before `shift` on ([C-O6]). */
export function useRefusedHandovers(data: HandoverData, shift: ShiftInstance | null): RefusedHandover[] {
  const [refused, setRefused] = useState<RefusedHandover[]>([]);
  useEffect(() => {
    setRefused([]);
    if (!shift || !data.watchRefusedHandovers) return;
    return data.watchRefusedHandovers(shift.plantId, shift.lineId, lookbackFrom(shift), setRefused);
    // `shift` is one object per shift instance (useShiftAt), so this watches once per shift.
  }, [data, shift]);
  return refused;
}
