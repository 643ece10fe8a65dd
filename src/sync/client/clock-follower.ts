/**
 * The sync client's clock offset ([C-K1]..[C-K3]): the median of X-Server-Time samples against
 * the enrolled server, shown in the status and kept on the device for the next start.
 *
 * Why a module of its own: the offset is what stamps a reading's shift and a handover's time on a
 * tablet whose clock is wrong, and it has its own rules (one server at a time, what is kept, how
 * often) that nothing else in the client needs to know.
 */
import type { Enrollment } from '../enrollment.ts';
import { createClockOffsetTracker, loadClockOffset, saveClockOffset } from '../clock-offset.ts';
import type { SyncStatusState, SyncStatusStore } from '../status.ts';
import type { SyncStore } from '../sync-store.ts';

/**
 * A steady offset is written again this often, so its measuredAtMs says it still held. A minute:
 * the shift board reads it at start only, and a write per request (every live-stream pull) would
 * be an IndexedDB write per change on the floor for nothing.
 */
const CLOCK_SAVE_EVERY_MS = 60_000;

export interface ClockFollower {
  /** One X-Server-Time sample from a request to `serverUrl` (ms the server is ahead). */
  sample(serverUrl: string, sampleMs: number): void;
  /** The device is now enrolled at `e`'s server (or none): show the offset last kept for it. */
  useClockOf(e: Enrollment | null): Promise<void>;
}

export function clockFollower(store: SyncStore, status: SyncStatusStore, now: () => number): ClockFollower {
  let clock = createClockOffsetTracker();
  /** The server the offset shown was measured against ('' before any). */
  let clockServer = '';
  /** What was last kept on the device, to write only when it says something new. */
  let lastSaved: { offsetMs: number; atMs: number } | null = null;

  /** Starts a fresh median for `serverUrl`: another server's clock says nothing about this one's. */
  function measureAgainst(serverUrl: string): void {
    clock = createClockOffsetTracker();
    clockServer = serverUrl;
    lastSaved = null;
  }

  return {
    /**
     * Samples of another server are not mixed in: after enrolling elsewhere the old median would
     * outvote the new server for 9 requests. Each new offset is kept on the device (a minute apart
     * at most while it stays the same) for the next start.
     */
    sample(serverUrl, sampleMs) {
      if (serverUrl !== clockServer) measureAgainst(serverUrl);
      const offsetMs = clock.add(sampleMs);
      status.setState({ clockOffsetMs: offsetMs, clockOffsetMeasured: true });
      const atMs = now();
      if (lastSaved && lastSaved.offsetMs === offsetMs && atMs - lastSaved.atMs < CLOCK_SAVE_EVERY_MS) return;
      lastSaved = { offsetMs, atMs };
      // Not awaited: a sample arrives inside a request; a write lost while closing costs only this one.
      saveClockOffset(store, { offsetMs, measuredAtMs: atMs, serverUrl }).catch(() => undefined);
    },

    /**
     * Enrolled at another server than the offset shown was measured against (app start, or another
     * tab re-enrolled): show the offset last kept for that server, 0 when none. The first fresh
     * sample then replaces it, as any sample does.
     */
    async useClockOf(e) {
      if (!e || e.serverUrl === clockServer) return;
      measureAgainst(e.serverUrl);
      const saved = await loadClockOffset(store, e.serverUrl);
      // A sample may have come in meanwhile; it is fresher than what was kept.
      if (clock.sampleCount() === 0 && clockServer === e.serverUrl) status.setState({ clockOffsetMs: saved?.offsetMs ?? 0, clockOffsetMeasured: saved !== null });
    },
  };
}

/**
 * Keeps the session's clock offset in step with the measured one (the session store is owned
 * elsewhere), and whether the corrected clock can be trusted to stamp tier steps ([A13]): an
 * enrolled device only once its offset to the server is measured; a device with no server (demo
 * data kept on the tablet) has only its own clock, which is then the one that counts.
 */
export function followClockOffset(status: SyncStatusStore, setClockOffset: (ms: number, trusted: boolean) => void): () => void {
  const trusted = (s: SyncStatusState) => s.auth !== 'enrolled' || s.clockOffsetMeasured;
  setClockOffset(status.getState().clockOffsetMs, trusted(status.getState()));
  return status.subscribe((s, prev) => {
    if (s.clockOffsetMs !== prev.clockOffsetMs || trusted(s) !== trusted(prev)) setClockOffset(s.clockOffsetMs, trusted(s));
  });
}
