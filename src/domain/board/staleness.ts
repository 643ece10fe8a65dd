/**
 * "Server not reached since 14:32": the board's honesty notice.
 *
 * A wall screen keeps showing the last data it has when the network drops
 * (that is the point of offline-first), but it must not pass old numbers off as
 * live. After the plant-set time without any contact with the sync server, the
 * board says so and since when.
 */
import { plantLocalDate } from '../shift/shift-calendar.ts';
import { TZDateMini } from '@date-fns/tz';

export interface BoardFreshness {
  stale: boolean;
  /** Last contact (ms since epoch), or null when the server was never reached. */
  since: number | null;
  /** How long ago that was, in ms (0 when never reached: there is no "ago"). */
  forMs: number;
}

/**
 * `lastServerContactMs` is the time of the last successful exchange with the
 * server (pull, push or live-stream heartbeat), null if there never was one.
 * Contact exactly `staleAfterMs` ago is still fresh; a board that never reached
 * the server is stale from the start. A contact time in the future (device clock
 * stepped back) counts as just now rather than raising a false alarm.
 */
export function boardFreshness(lastServerContactMs: number | null, nowMs: number, staleAfterMs: number): BoardFreshness {
  if (lastServerContactMs === null || !Number.isFinite(lastServerContactMs)) return { stale: true, since: null, forMs: 0 };
  const forMs = Math.max(0, nowMs - lastServerContactMs);
  return { stale: forMs > staleAfterMs, since: lastServerContactMs, forMs };
}

/**
 * The "since" for the notice in the plant's time zone: `14:32` when it is the
 * same calendar day on the plant's wall, `2026-03-07 14:32` otherwise, so an outage over
 * the weekend is not mistaken for one since this afternoon.
 */
export function staleSinceLabel(sinceMs: number, nowMs: number, timeZone: string): string {
  const t = new TZDateMini(sinceMs, timeZone);
  const hhmm = `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
  const day = plantLocalDate(timeZone, new Date(sinceMs));
  return day === plantLocalDate(timeZone, new Date(nowMs)) ? hhmm : `${day} ${hhmm}`;
}
