/**
 * The device's clock corrected by the offset the session holds (measured by
 * the sync client, server minus device). The rule itself is the domain's
 * correctedNow; this only reads the store.
 */
import { correctedNow, type Clock } from '../domain/time/clock.ts';
import type { SessionStore } from './session-store.ts';

/** Now on the server's timeline, with the session's current offset: what a record a person makes is stamped with. */
export function sessionCorrectedNow(clock: Clock, session: SessionStore): number {
  return correctedNow(clock.now(), session.getState().clockOffsetMs);
}
