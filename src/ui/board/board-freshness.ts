/**
 * When did this screen last hear from the sync server? The sync status says
 * when a request last succeeded (lastSyncAtMs), but an idle plant sends no
 * requests: the live stream stays open and only its heartbeat flows, which
 * does not move lastSyncAtMs. So the board also counts every second in which
 * replication runs with the stream up and no problem on the link as contact.
 * A push problem (a refused action, a push that failed) is not one: changes
 * still arrive, and on a wall screen, which pushes only the actions noted on
 * it, such a problem could stay shown for hours while the board is current.
 */
import { boardFreshness, type BoardFreshness } from '../../domain/board/staleness.ts';
import type { SyncStatusState } from '../../sync/status.ts';

export function linkHealthy(s: Pick<SyncStatusState, 'auth' | 'running' | 'online' | 'linkError' | 'lastSyncAtMs'>): boolean {
  return s.auth === 'enrolled' && s.running && s.online && s.lastSyncAtMs !== null && (s.linkError === null || s.linkError.kind === 'refused');
}

export interface ContactTracker {
  /** Called once per board tick; returns the freshness to show. */
  observe(status: SyncStatusState, nowMs: number, staleAfterMs: number): BoardFreshness;
}

/** `startedAtMs`: the board's start; a server never reached counts as stale only after staleAfterMs from it. */
export function contactTracker(startedAtMs: number): ContactTracker {
  let lastHealthyMs: number | null = null;
  return {
    observe(status, nowMs, staleAfterMs) {
      if (linkHealthy(status)) lastHealthyMs = nowMs;
      const candidates = [status.lastSyncAtMs, lastHealthyMs].filter((x): x is number => x !== null);
      if (candidates.length === 0) return { stale: nowMs - startedAtMs > staleAfterMs, since: null, forMs: 0 };
      return boardFreshness(Math.max(...candidates), nowMs, staleAfterMs);
    },
  };
}
