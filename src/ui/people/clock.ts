import type { SessionStore } from '../../state/session-store.ts';

/** Device wall-clock time in ms; passed in so tests control time (same shape as the reading screen's Clock). */
export interface Clock {
  now(): number;
}

export const deviceClock: Clock = { now: () => Date.now() };

/**
 * The tablet's clock corrected by the session's measured offset (server minus
 * device): the time every record a person makes is stamped with, so that a
 * tablet whose clock runs ahead does not sort its steps before others'.
 */
export function correctedNow(clock: Clock, session: SessionStore): number {
  return Math.round(clock.now() + session.getState().clockOffsetMs);
}
