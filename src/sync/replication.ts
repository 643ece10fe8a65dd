/**
 * One RxDB replication per collection in COLLECTIONS, over the HTTP
 * contract (sync-server/API.md, "Replication"): checkpointed pull, push with assumed master state
 * and returned conflicts, and a shared live stream (src/sync/live-stream.ts).
 *
 * - Leadership: one tab per browser replicates (RxDB leader election); the
 *   others read the same IndexedDB and see the results.
 * - Retries: RxDB retries a failed request after `retryTime`; each collection
 *   draws it from its own backoff (src/domain/retry/backoff.ts: growing, capped,
 *   jittered so a floor of tablets does not retry in lockstep) and starts over
 *   on success, and RxDB skips the wait when the browser reports it is back online.
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
import { COLLECTIONS, collectionInfo, type CollectionName } from '../domain/records/collections.ts';
import type { DeviceKind } from '../domain/people/people-types.ts';
import { createBackoff, type BackoffPolicy, type RandomSource } from '../domain/retry/backoff.ts';
import { BODY_LIMIT_BYTES, PHOTO_BATCH, PULL_BATCH, PUSH_BATCH } from '../domain/wire/limits.ts';
import { API_ROUTES, apiPath, STAMPS_HEADER, type Checkpoint, type PullAnswer, type PushAnswer, type PushRow, type RowRefusal } from '../domain/wire/protocol.ts';
import { actingPersonHeaders } from './acting-person.ts';
import { SyncHttpError, type ApiClient } from './api-client.ts';
import type { LiveStream } from './live-stream.ts';
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

/** Collections whose records may carry a photo: pushed and pulled PHOTO_BATCH at a time (limits.ts says why). */
const PHOTO_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['escalations']);

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
  /** A failed request, and whether it was a push (unsent work that cannot leave) or a pull. */
  onError(err: unknown, from: 'push' | 'pull'): void;
  /** The server answered a push (some rows may be refused): pushes go through again. */
  onPushed(): void;
  onRejected(records: RejectedRecord[]): void;
  /** The wait before RxDB tries a failed request again ([C-R1]). */
  retry: BackoffPolicy;
  /** Draws the jitter: Math.random in the app, a seeded prng in tests. */
  random: RandomSource;
  /** [C-O8] After a restore of the server: whether a collection's next pull starts at 0, and that it did. */
  pullFromStart?(collection: CollectionName): boolean;
  pulledFromStart?(collection: CollectionName): void;
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

/** Rows per push of a collection (sync-server/API.md, "Our client"): the normal push and "send again" alike. */
export function pushBatchSize(collection: CollectionName): number {
  return PHOTO_COLLECTIONS.has(collection) ? PHOTO_BATCH : PUSH_BATCH;
}

/** Documents asked for per pull of a collection (sync-server/API.md, "Our client"). */
export function pullBatchSize(collection: CollectionName): number {
  return PHOTO_COLLECTIONS.has(collection) ? PHOTO_BATCH : PULL_BATCH;
}

/** Asks the server for stamps rather than whole records in a push answer (sync-server/API.md, "Push"; SPEC [P12]). */
export const TAKES_STAMPS = { [STAMPS_HEADER]: '1' } as const;

/** Where one collection's pushes go, and as whom; both asked at each request. */
export interface PushRoute {
  api: ApiClient;
  collection: CollectionName;
  /** Throws when the device has no token. */
  token(): string;
  actingPerson(): string;
}

/**
 * Kept with a row the server takes in no batch at all (a 413 for the row alone). The server's own
 * words say "send fewer records at a time", which one record cannot do.
 */
export const TOO_LARGE_MESSAGE = `This entry is larger than the server accepts in one request (${BODY_LIMIT_BYTES / 1024 / 1024} MB), so it cannot be sent as it is.`;

/**
 * Sends one batch to the collection's push route. On a 413 (over 4 MB or 500 rows) the batch is
 * halved until it fits. Rows that will never be accepted as sent (one row still too large, or a
 * whole push refused `read_only_device`) come back in `rejected`, to be kept visible rather than
 * retried forever. Any other failure throws; halves sent before it may be stored, and sending
 * them again does no harm (an unchanged record is accepted as sent, SPEC [S4]).
 */
export async function pushBatch(route: PushRoute, rows: PushRow[]): Promise<PushAnswer> {
  const { api, collection } = route;
  try {
    const headers = { ...TAKES_STAMPS, ...actingPersonHeaders(collection, route.actingPerson()) };
    return await api.post<PushAnswer>(apiPath(API_ROUTES.push, { collection }), { rows }, route.token(), headers);
  } catch (err) {
    if (!(err instanceof SyncHttpError)) throw err;
    if (err.status === 413 && rows.length > 1) {
      const mid = rows.length >> 1;
      const first = await pushBatch(route, rows.slice(0, mid));
      const second = await pushBatch(route, rows.slice(mid));
      return {
        conflicts: [...first.conflicts, ...second.conflicts],
        stamped: [...(first.stamped ?? []), ...(second.stamped ?? [])],
        rejected: [...first.rejected, ...second.rejected],
      };
    }
    if (err.status !== 413 && err.code !== 'read_only_device') throw err;
    const message = err.status === 413 ? TOO_LARGE_MESSAGE : err.serverMessage;
    return { conflicts: [], rejected: rows.map((r) => ({ id: String(r.newDocumentState.id), error: err.code, message })) };
  }
}

/**
 * The server's records for RxDB to adopt as the masters: `conflicts` as they came, and each
 * stamped record as the document sent with the server's `receivedAt` ([P12]), which is what
 * the server stored.
 */
export function mastersOf(sent: readonly Doc[], answer: PushAnswer): Doc[] {
  if (!answer.stamped?.length) return answer.conflicts;
  const byId = new Map(sent.map((d) => [String(d.id), d]));
  const stamped = answer.stamped.flatMap(([id, receivedAt]) => {
    const doc = byId.get(id);
    return doc ? [{ ...doc, receivedAt }] : [];
  });
  return [...answer.conflicts, ...stamped];
}

/** The refusal log's entries for a push answer's `rejected`, each with the document as it was sent. */
function refusedRecords(collection: CollectionName, sent: readonly Doc[], rejected: readonly RowRefusal[], atMs: number): RejectedRecord[] {
  const byId = new Map(sent.map((d) => [String(d.id), d]));
  return rejected.map((r) => ({ collection, id: r.id, error: r.error, message: r.message, document: { ...(byId.get(r.id) ?? { id: r.id }) }, atMs }));
}

/**
 * "Send again" for one collection's refused records (sync-server/API.md, "Our client"): in the
 * normal push's batch sizes, halving on a 413 like it, each record as new (`assumedMasterState:
 * null`) under the person signed in now. Each batch's answer is settled in the log before the next
 * batch goes: accepted records leave it, refused ones stay with the newest reason. Throws the first
 * failed request; the batches before it stay settled, the rest stay in the log untouched.
 */
export async function sendRefusedAgain(route: PushRoute, log: RejectionLog, records: readonly RejectedRecord[], now: () => number): Promise<void> {
  const size = pushBatchSize(route.collection);
  for (let i = 0; i < records.length; i += size) {
    const batch = records.slice(i, i + size);
    const sent = batch.map((r) => r.document);
    const answer = await pushBatch(route, sent.map((d) => ({ newDocumentState: d, assumedMasterState: null })));
    const still = refusedRecords(route.collection, sent, answer.rejected, now());
    const stillIds = new Set(still.map((r) => r.id));
    await log.remove(route.collection, batch.filter((r) => !stillIds.has(r.id)).map((r) => r.id));
    if (still.length > 0) await log.add(still);
  }
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
    // One per collection: a collection that keeps failing (a refused schema) must not slow the others.
    const backoff = createBackoff(o.retry, o.random);
    const succeeded = () => {
      backoff.reset();
      if (state) state.retryTime = o.retry.baseMs;
    };
    const failed = (err: unknown, from: 'push' | 'pull') => {
      if (err instanceof SyncHttpError && err.isAuth) o.onAuthFailure(err);
      else o.onError(err, from);
      // Set before the handler throws: RxDB reads it for the wait that follows this failure.
      if (state) state.retryTime = backoff.next();
    };

    const route: PushRoute = { api: o.api, collection: name, token: authToken, actingPerson: () => o.actingPerson() };
    const immutable = collectionInfo(name)?.immutable === true;
    const pushRows = async (all: RxReplicationWriteToMasterRow<Doc>[]): Promise<WithDeleted<Doc>[]> => {
      // [C-D2] The device deletes immutable records only to purge what it no longer keeps
      // (src/db/retention/purge-outside-window.ts): the server keeps them, so that is not sent.
      const rows = immutable ? all.filter((r) => !r.newDocumentState._deleted) : all;
      if (rows.length === 0) return [];
      const sent = rows.map((r) => r.newDocumentState);
      const answer = await pushBatch(route, rows.map((r) => ({ newDocumentState: r.newDocumentState, assumedMasterState: r.assumedMasterState ?? null })));
      if (answer.rejected.length > 0) {
        const records = refusedRecords(name, sent, answer.rejected, o.now());
        await o.rejections.add(records);
        o.onRejected(records);
      }
      return mastersOf(sent, answer) as WithDeleted<Doc>[];
    };

    state = replicateRxCollection<Doc, Checkpoint>({
      replicationIdentifier: o.identifier,
      collection: collection as RxCollection<Doc>,
      deletedField: '_deleted',
      live: true,
      retryTime: o.retry.baseMs,
      waitForLeadership: true,
      // We start after leadership and enrollment ourselves (see start()).
      autoStart: false,
      // Pausing hidden non-leader tabs is moot (only the leader runs) and its
      // visibility handler would start a replication in a non-leader tab.
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: pullBatchSize(name),
        stream$: o.stream.for(name),
        handler: async (checkpoint, batchSize) => {
          try {
            // RxDB takes any page shorter than batchSize for "caught up"; a page the server cut
            // for size is not, so pull on from its checkpoint until the batch is full or done.
            let documents: WithDeleted<Doc>[] = [];
            // [C-O8] The server was restored: its positions are handed out again, start at 0 once.
            const fromStart = o.pullFromStart?.(name) ?? false;
            let at = fromStart ? undefined : checkpoint;
            for (;;) {
              const cp = at ? String(at.position) : '';
              const res = await o.api.get<PullAnswer<WithDeleted<Doc>>>(`${apiPath(API_ROUTES.pull, { collection: name })}?checkpoint=${cp}&limit=${batchSize - documents.length}`, authToken());
              documents = documents.concat(res.documents);
              at = res.checkpoint ?? at;
              if (res.more !== true || res.documents.length === 0 || documents.length >= batchSize) break;
            }
            succeeded();
            if (fromStart) o.pulledFromStart?.(name);
            return { documents, checkpoint: at };
          } catch (err) {
            failed(err, 'pull');
            throw err;
          }
        },
      },
      // Wall screens only read, but for the actions noted on them (the server answers 403
      // read_only_device to anything else they push).
      push: pushesFrom(o.kind, name)
        ? {
            batchSize: pushBatchSize(name),
            handler: async (rows) => {
              try {
                const conflicts = await pushRows(rows);
                succeeded();
                o.onPushed();
                return conflicts;
              } catch (err) {
                failed(err, 'push');
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
