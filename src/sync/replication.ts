/**
 * One RxDB replication per collection in COLLECTIONS, over the HTTP
 * contract (sync-server/API.md, "Replication"): checkpointed pull, push with assumed master state
 * and returned conflicts, and a shared live stream (src/sync/live-stream.ts).
 *
 * - Leadership: one tab per browser replicates (RxDB leader election); the
 *   others read the same IndexedDB and see the results.
 * - Retries: RxDB retries a failed request after `retryTime`; we double it
 *   per failure up to a cap and reset it on success (backoff), and RxDB
 *   skips the wait when the browser reports it is back online.
 * - Refused rows (`rejected`) are treated as handled for RxDB (so the batch
 *   does not loop forever) and kept in the rejections log instead.
 * - 401 means the device was revoked: we report it and the caller stops
 *   every replication; local data and unsent work stay in IndexedDB.
 * - A wall screen pulls everything and pushes only the improvement actions
 *   noted on it in a tier meeting (SPEC [P4], `pushesFrom`).
 */
import { addRxPlugin, type RxCollection, type RxDatabase, type RxReplicationWriteToMasterRow, type WithDeleted } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTIONS, type CollectionName } from '../domain/collections.ts';
import type { DeviceKind } from '../domain/types.ts';
import { actingPersonHeaders } from './acting-person.ts';
import { SyncHttpError, type ApiClient } from './api-client.ts';
import type { Checkpoint, LiveStream } from './live-stream.ts';
import type { RejectedRecord, RejectionLog } from './rejections.ts';

addRxPlugin(RxDBLeaderElectionPlugin);

type Doc = Record<string, unknown>;
export type CollectionReplication = RxReplicationState<Doc, Checkpoint>;

/**
 * Any RxDB database holding (some of) the collections in COLLECTIONS: the
 * app's TierboardDatabase, or a small test database. Only the members sync
 * uses, so databases with different collection maps all fit.
 */
export type SyncDatabase = Pick<RxDatabase, 'name' | 'storage' | 'token' | 'multiInstance' | 'password' | 'waitForLeadership'> & {
  readonly collections: object;
};

/** The contract's default page; big enough that a shift's readings arrive in one request. */
export const PULL_BATCH = 200;
/** Under the contract's 500-row cap, small enough to retry cheaply on a flaky link. */
export const PUSH_BATCH = 100;
/** Escalations may carry a photo of up to PHOTO_MAX (400 kB): 8 stay under the 4 MB body cap. */
const PUSH_BATCH_BY_COLLECTION: Partial<Record<CollectionName, number>> = { escalations: 8 };

export interface ReplicationOptions {
  db: SyncDatabase;
  api: ApiClient;
  /** Identifies server + plant: the same value resumes checkpoints and unsent work. */
  identifier: string;
  kind: DeviceKind;
  token(): string | null;
  /** The person signed in on the device ('' when nobody is), named on pushes of mutable records. */
  actingPerson(): string;
  stream: LiveStream;
  rejections: RejectionLog;
  now(): number;
  onAuthFailure(err: SyncHttpError): void;
  onError(err: unknown): void;
  onRejected(records: RejectedRecord[]): void;
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface Replications {
  readonly states: ReadonlyMap<CollectionName, CollectionReplication>;
  /** Waits for leadership in this browser, then starts every collection. */
  start(): Promise<void>;
  cancel(): Promise<void>;
  /** The network is back: reconnect the live stream without waiting out its backoff. */
  networkBack(): void;
  /** Resolves when every collection has pushed and pulled what it knows of. */
  awaitInSync(): Promise<void>;
  /** Resolves when every collection has finished its first pull (the plant's data is on the device). */
  awaitInitialReplication(): Promise<void>;
}

/**
 * Whether a device of this kind pushes the collection (SPEC [P4]): a wall screen only shows the
 * board, except the improvement actions a supervisor notes on it in a tier meeting; every other
 * device pushes every collection. The sync client counts waiting work of these collections only.
 */
export function pushesFrom(kind: DeviceKind, collection: CollectionName): boolean {
  return kind !== 'wall_screen' || collection === 'improvement_actions';
}

export function replicationIdentifier(serverUrl: string, plantId: string): string {
  return `tierboard-v1|${serverUrl}|${plantId}`;
}

export function collectionsOf(db: SyncDatabase): [CollectionName, RxCollection][] {
  const all = db.collections as Record<string, RxCollection | undefined>;
  const found: [CollectionName, RxCollection][] = [];
  for (const c of COLLECTIONS) {
    const col = all[c.name];
    if (col) found.push([c.name, col]);
  }
  return found;
}

interface PushResponse {
  conflicts: Doc[];
  rejected: { id: string; error: string; message: string }[];
}

interface PullResponse {
  documents: WithDeleted<Doc>[];
  checkpoint: Checkpoint | null;
}

export function createReplications(o: ReplicationOptions): Replications {
  const states = new Map<CollectionName, CollectionReplication>();
  let cancelled = false;

  const authToken = (): string => {
    const t = o.token();
    if (!t) throw new SyncHttpError(401, 'missing_token', '');
    return t;
  };

  for (const [name, collection] of collectionsOf(o.db)) {
    let state: CollectionReplication | null = null;
    const succeeded = () => {
      if (state) state.retryTime = o.retryBaseMs;
    };
    const failed = (err: unknown) => {
      if (err instanceof SyncHttpError && err.isAuth) o.onAuthFailure(err);
      else o.onError(err);
      if (state) state.retryTime = Math.min((state.retryTime ?? o.retryBaseMs) * 2, o.retryMaxMs);
    };

    const pushRows = async (rows: RxReplicationWriteToMasterRow<Doc>[]): Promise<WithDeleted<Doc>[]> => {
      const body = {
        rows: rows.map((r) => ({ newDocumentState: r.newDocumentState, assumedMasterState: r.assumedMasterState ?? null })),
      };
      let res: PushResponse;
      try {
        res = await o.api.post<PushResponse>(`/api/replication/${name}/push`, body, authToken(), actingPersonHeaders(name, o.actingPerson()));
      } catch (err) {
        if (err instanceof SyncHttpError && err.status === 413 && rows.length > 1) {
          // Too big for the server's body cap: halve until it fits.
          const mid = rows.length >> 1;
          return [...(await pushRows(rows.slice(0, mid))), ...(await pushRows(rows.slice(mid)))];
        }
        if (err instanceof SyncHttpError && (err.status === 413 || err.code === 'read_only_device')) {
          // Will never be accepted as sent: keep the rows visible rather than retrying forever.
          res = { conflicts: [], rejected: rows.map((r) => ({ id: String(r.newDocumentState.id), error: err.code, message: err.serverMessage })) };
        } else {
          throw err;
        }
      }
      if (res.rejected.length > 0) {
        const byId = new Map(rows.map((r) => [String(r.newDocumentState.id), r.newDocumentState]));
        const atMs = o.now();
        const records: RejectedRecord[] = res.rejected.map((r) => ({
          collection: name,
          id: r.id,
          error: r.error,
          message: r.message,
          document: { ...(byId.get(r.id) ?? { id: r.id }) },
          atMs,
        }));
        await o.rejections.add(records);
        o.onRejected(records);
      }
      return res.conflicts as WithDeleted<Doc>[];
    };

    state = replicateRxCollection<Doc, Checkpoint>({
      replicationIdentifier: o.identifier,
      collection: collection as RxCollection<Doc>,
      deletedField: '_deleted',
      live: true,
      retryTime: o.retryBaseMs,
      waitForLeadership: true,
      // We start after leadership and enrollment ourselves (see start()).
      autoStart: false,
      // Pausing hidden non-leader tabs is moot (only the leader runs) and its
      // visibility handler would start a replication in a non-leader tab.
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: PULL_BATCH,
        stream$: o.stream.for(name),
        handler: async (checkpoint, batchSize) => {
          const cp = checkpoint ? String(checkpoint.position) : '';
          try {
            const res = await o.api.get<PullResponse>(`/api/replication/${name}/pull?checkpoint=${cp}&limit=${batchSize}`, authToken());
            succeeded();
            return { documents: res.documents, checkpoint: res.checkpoint ?? checkpoint };
          } catch (err) {
            failed(err);
            throw err;
          }
        },
      },
      // Wall screens only read, but for the actions noted on them (the server answers 403
      // read_only_device to anything else they push).
      push: pushesFrom(o.kind, name)
        ? {
            batchSize: PUSH_BATCH_BY_COLLECTION[name] ?? PUSH_BATCH,
            handler: async (rows) => {
              try {
                const conflicts = await pushRows(rows);
                succeeded();
                return conflicts;
              } catch (err) {
                failed(err);
                throw err;
              }
            },
          }
        : undefined,
    });
    states.set(name, state);
  }

  return {
    states,
    async start() {
      if (o.db.multiInstance) await o.db.waitForLeadership();
      if (cancelled) return;
      await Promise.all([...states.values()].map((s) => s.start()));
      // After start() each replication listens to its stream$, so the stream's first
      // RESYNC reaches all of them (anything earlier is covered by the initial pull).
      if (!cancelled) o.stream.start();
    },
    async cancel() {
      cancelled = true;
      o.stream.stop();
      await Promise.all([...states.values()].map((s) => s.cancel()));
    },
    networkBack() {
      if (!cancelled) o.stream.reconnectNow();
    },
    async awaitInSync() {
      await Promise.all([...states.values()].map((s) => s.awaitInSync()));
    },
    async awaitInitialReplication() {
      await Promise.all([...states.values()].map((s) => s.awaitInitialReplication()));
    },
  };
}
