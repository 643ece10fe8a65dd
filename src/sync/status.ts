/**
 * What the floor sees of sync, in one small zustand vanilla store: online
 * or not, how much local work waits for the server, when the last sync
 * succeeded, the last problem in plain words, the device's enrollment state,
 * refused records, and the measured clock offset.
 *
 * The sync client writes it; the UI (SyncBadge, RevokedNotice) and the
 * session (clock offset for new readings) read it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CollectionName } from '../domain/records/collections.ts';
import { isOpen, type RejectedRecord, type RejectionLog } from './rejections.ts';
import { browserStorage, type KeyValueStorage } from '../state/key-value-storage.ts';

export type AuthState = 'not_enrolled' | 'enrolled' | 'revoked';

/** A problem kind the UI turns into plain words (src/ui/sync/sync-messages.ts). */
export type SyncProblem =
  | 'offline'
  | 'server_unreachable'
  | 'server_error'
  | 'refused'
  | 'stream_lost'
  /** "Send refused entries again" did not get through; the records stay in the list. */
  | 'retry_failed';

export interface SyncError {
  kind: SyncProblem;
  /** Server's plain-words message when it sent one; '' otherwise. */
  message: string;
  atMs: number;
}

export interface SyncStatusState {
  online: boolean;
  /** Replication is running in this tab (this tab is the leader and the device is enrolled). */
  running: boolean;
  /** Documents written locally and not yet acknowledged by the server, per collection. */
  pendingByCollection: Partial<Record<CollectionName, number>>;
  /** Sum of pendingByCollection. */
  pending: number;
  /** Device ms of the last request the server answered with success; null before the first. */
  lastSyncAtMs: number | null;
  /**
   * The problem shown. One from a push stays until a push is answered again, even while pulls and
   * the stream succeed (src/sync/client/problems-shown.ts).
   */
  lastError: SyncError | null;
  /**
   * The problem of the link alone (pulls, the stream, enrollment), push problems left out: whether
   * changes still arrive. A wall screen judges its board's freshness by it (board-freshness.ts).
   */
  linkError: SyncError | null;
  auth: AuthState;
  /** Plant name or id shown in the revoked message. */
  plantLabel: string;
  /** Records the server refused, kept locally and not discarded (src/sync/rejections.ts): the badge's count. */
  rejected: number;
  /**
   * Every refused record the device keeps, discarded ones included (without the document: the record
   * itself is in the local database). The screen where one was made shows it as refused; the data
   * layer leaves all of them out of every value (src/db/refused-records.ts).
   */
  refused: readonly RefusedEntry[];
  /** Gives a refused entry up, as the person chose (set by the sync client; null while none runs). */
  discardRefused: ((collection: CollectionName, id: string, by: string) => Promise<void>) | null;
  /**
   * [T2] [T3] Checks a PIN on the server, for a person whose hash this device does not hold (a wall
   * screen holds none): set by the sync client of an enrolled device; null while none runs.
   */
  checkPinOnServer: ((personId: string, pin: string) => Promise<ServerPinCheck>) | null;
  /** Server minus device, ms (median of recent samples). */
  clockOffsetMs: number;
  /**
   * The offset was measured against the enrolled server (now, or on an earlier start and kept):
   * until then an enrolled device's corrected time is only its own clock, which may run hours off.
   */
  clockOffsetMeasured: boolean;
}

export type RefusedEntry = Omit<RejectedRecord, 'document'>;

export type SyncStatusStore = StoreApi<SyncStatusState>;

export function initialSyncStatus(): SyncStatusState {
  return {
    online: true,
    running: false,
    pendingByCollection: {},
    pending: 0,
    lastSyncAtMs: null,
    lastError: null,
    linkError: null,
    auth: 'not_enrolled',
    plantLabel: '',
    rejected: 0,
    refused: [],
    discardRefused: null,
    checkPinOnServer: null,
    clockOffsetMs: 0,
    clockOffsetMeasured: false,
  };
}

const REFUSED_COPY_KEY = 'tierboard-refused';

/**
 * `copy`: where a copy of the refused list is kept (localStorage in the app). The log itself is in
 * IndexedDB and read by the sync client, which loads after the first screen; without the copy a
 * reload would show a refused reading as the value (and the board count it) until then.
 */
export function createSyncStatusStore(copy?: KeyValueStorage): SyncStatusStore {
  const initial = initialSyncStatus();
  if (copy) {
    try {
      const saved: unknown = JSON.parse(copy.getItem(REFUSED_COPY_KEY) ?? 'null');
      if (Array.isArray(saved)) {
        initial.refused = saved as RefusedEntry[];
        initial.rejected = initial.refused.filter((r) => r.discardedAtMs === undefined).length;
      }
    } catch {
      // A copy that does not parse is ignored: the sync client publishes the log itself soon after.
    }
  }
  const store = createStore<SyncStatusState>()(() => initial);
  if (copy) {
    store.subscribe((s, before) => {
      if (s.refused === before.refused) return;
      try {
        copy.setItem(REFUSED_COPY_KEY, JSON.stringify(s.refused));
      } catch {
        // A full or blocked localStorage: the log in IndexedDB is still the record.
      }
    });
  }
  return store;
}

/** The app's one status store. Tests make their own with createSyncStatusStore(). */
export const syncStatusStore: SyncStatusStore = createSyncStatusStore(typeof localStorage === 'undefined' ? undefined : browserStorage());

export function setPending(store: SyncStatusStore, collection: CollectionName, count: number): void {
  const s = store.getState();
  if (s.pendingByCollection[collection] === count) return;
  const pendingByCollection = { ...s.pendingByCollection, [collection]: count };
  const pending = Object.values(pendingByCollection).reduce<number>((a, b) => a + (b ?? 0), 0);
  store.setState({ pendingByCollection, pending });
}

/** Shows the rejection log as it now is: the badge's count (open entries) and every refused record, without documents. */
export async function publishRefused(store: SyncStatusStore, log: Pick<RejectionLog, 'all'>): Promise<void> {
  const all = await log.all();
  const refused: RefusedEntry[] = all.map(({ document: _document, ...entry }) => entry);
  store.setState({ rejected: all.filter(isOpen).length, refused });
}

/** What the server said of a PIN ([T2]): `message` is the server's plain words, '' offline. */
export type ServerPinCheck = { ok: true } | { ok: false; kind: 'wrong' | 'locked' | 'offline' | 'refused'; message: string };
