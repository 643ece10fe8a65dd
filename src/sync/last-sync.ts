/**
 * When the device last synced, kept on the device so that the badge still
 * says it after a reload without a network ("Synced 3 h ago"), not "Not synced
 * yet": a lead deciding whether the board at the line can be trusted needs
 * the first, and the second reads as if the tablet had never been connected.
 *
 * Kept in the sync client's own store beside the clock offset (clock-offset.ts),
 * with the server it was reached at: a sync with another server says nothing
 * about this one.
 */
import type { Enrollment } from './enrollment.ts';
import type { SyncStatusStore } from './status.ts';
import type { SyncStore } from './sync-store.ts';

export interface SavedLastSync {
  /** Device ms of the last request the server answered with success. */
  atMs: number;
  serverUrl: string;
}

const SAVED_KEY = 'last-sync';

/**
 * A success is written at most this often while successes keep coming. A minute: the badge
 * says "min ago", and every live-stream pull is a success, so a write for each would be an
 * IndexedDB write per change on the floor. After a reload the time shown is at most this much
 * older than the true last sync, never newer.
 */
export const LAST_SYNC_SAVE_EVERY_MS = 60_000;

export interface LastSyncKeeper {
  /** A request to `serverUrl` succeeded at device time `atMs`: shown at once, kept on the device. */
  succeeded(serverUrl: string, atMs: number): void;
  /** At start, enrolled at `e`'s server (or none): shows the last sync kept for it, if none yet in this run. */
  restore(e: Enrollment | null): Promise<void>;
}

export function lastSyncKeeper(store: SyncStore, status: SyncStatusStore): LastSyncKeeper {
  let lastSaved: SavedLastSync | null = null;
  return {
    succeeded(serverUrl, atMs) {
      status.setState({ lastSyncAtMs: atMs });
      const recent = lastSaved && lastSaved.serverUrl === serverUrl && atMs >= lastSaved.atMs && atMs - lastSaved.atMs < LAST_SYNC_SAVE_EVERY_MS;
      if (recent) return;
      lastSaved = { atMs, serverUrl };
      // Not awaited: a success arrives inside a request; a write lost while closing costs only this one.
      store.set(SAVED_KEY, lastSaved).catch(() => undefined);
    },
    async restore(e) {
      if (!e) return;
      const saved = await store.get<SavedLastSync>(SAVED_KEY);
      if (!saved || saved.serverUrl !== e.serverUrl || !Number.isFinite(saved.atMs)) return;
      // A request may have succeeded meanwhile; it is newer than what was kept.
      if (status.getState().lastSyncAtMs === null) status.setState({ lastSyncAtMs: saved.atMs });
    },
  };
}
