/**
 * The app's sync, put together: enrollment, the per-collection
 * replications, the live stream, the pending count, refused records, the
 * clock offset and the status store the UI reads. This file only wires the
 * parts in src/sync/client/ together and holds the life cycle; each part says
 * why it is on its own:
 *
 *   enrollment-switch.ts   which state the enrollment record puts the client in
 *   replication-runner.ts  the per-collection replications and the live stream of one run
 *   clock-follower.ts      the clock offset against the enrolled server
 *   problems-shown.ts      the problem the status line shows
 *   pending-counts.ts      the unsent work per collection
 *   send-refused-again.ts  "send refused entries again"
 *   retention-purge.ts     when the device purges what its kind no longer keeps ([C-D3])
 *
 * The rules are numbered in sync-server/SPEC.md, "The client" ([C-L1]...).
 *
 * Life cycle ([C-L1]):
 *   app start  -> the clock offset last measured against the enrolled server, until a new one is.
 *                 start(): enrolled? replicate. Revoked? show it, keep counting unsent work.
 *   enrollment -> enroll(url, code): remember the device, replicate.
 *   401        -> stop every replication, forget the token, keep all data and unsent work.
 *   re-enroll  -> same server and plant: same replication identifier, so RxDB resumes
 *                 from its checkpoints and pushes the work that waited.
 */
import type { CollectionName } from '../domain/records/collections.ts';
import { DEVICE_RETRY, type RandomSource } from '../domain/retry/backoff.ts';
import { correctedNow } from '../domain/time/clock.ts';
import { API_ROUTES, APP_VERSION_HEADER, WAITING_HEADER, type PersonSessionAnswer, type PersonSessionRequest } from '../domain/wire/protocol.ts';
import { createApiClient, SyncHttpError, type ApiClient } from './api-client.ts';
import { clockFollower } from './client/clock-follower.ts';
import { enrollmentSwitch } from './client/enrollment-switch.ts';
import { pendingCounts } from './client/pending-counts.ts';
import { problemsShown } from './client/problems-shown.ts';
import { replicationRunner, type ReplicationRunner } from './client/replication-runner.ts';
import { restoreFollower } from './client/restore-follower.ts';
import { retentionPurge } from './client/retention-purge.ts';
import type { PurgeResult } from '../db/retention/purge-outside-window.ts';
import { sendAllRefusedAgain } from './client/send-refused-again.ts';
import { browserConnectivity, type Connectivity } from './connectivity.ts';
import * as enrollment from './enrollment.ts';
import type { Enrollment } from './enrollment.ts';
import { lastSyncKeeper } from './last-sync.ts';
import { realTimers, type Timers } from './live-stream.ts';
import { rejectionLog, type RejectedRecord } from './rejections.ts';
import type { CollectionReplication, SyncDatabase } from './replication.ts';
import { publishRefused, syncStatusStore, type ServerPinCheck, type SyncStatusStore } from './status.ts';
import { openSyncStore } from './sync-store.ts';
import { fetchTransport, type SyncTransport } from './transport.ts';

export { followClockOffset } from './client/clock-follower.ts';

/**
 * [O4] What the device tells the server of itself on every request (push and pull among them):
 * the app version it runs and the entries waiting to leave it (the status line's count, [C-O1]),
 * so IT sees on the health page which tablets lag behind or hold unsent work.
 */
export function deviceReport(appVersion: string, waiting: number): Record<string, string> {
  return { ...(appVersion ? { [APP_VERSION_HEADER]: appVersion } : {}), [WAITING_HEADER]: String(waiting) };
}

export interface SyncClientOptions {
  db: SyncDatabase;
  transport?: SyncTransport;
  connectivity?: Connectivity;
  /** Device clock in ms. */
  now?: () => number;
  timers?: Timers;
  status?: SyncStatusStore;
  /**
   * The shortest wait before trying a failed request or stream again, and the longest
   * ([C-B1]; DEVICE_RETRY in src/domain/retry/backoff.ts says where 5 s and 2 minutes come from).
   */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Draws the retry jitter ([C-B2]): Math.random by default, a seeded prng in tests. */
  random?: RandomSource;
  /**
   * The person signed in on the device ('' when nobody is), asked at each push: pushes of
   * mutable records name them in X-Tierboard-Person (sync-server/API.md, "Acting person"). Default: nobody.
   */
  actingPerson?: () => string;
  /** Reported to the server with every request, for IT's health page ([O4]); '' sends none. */
  appVersion?: string;
  /**
   * The purge's timer ([C-D3], every 6 hours): apart from `timers`, whose every pending wait the
   * stream tests fire and count. Default: the real ones.
   */
  purgeTimers?: Timers;
}

export interface SyncClient {
  /** At app start: reads the saved enrollment and replicates when enrolled. */
  start(): Promise<void>;
  /** Enrolls with a code (typed or from `#enroll=`) and starts replicating. Throws SyncHttpError. */
  enroll(serverUrl: string, code: string, deviceName?: string): Promise<Enrollment>;
  currentEnrollment(): Promise<Enrollment | null>;
  /** Stops syncing and drops the token, keeping all data and unsent work. */
  forgetToken(reason?: string): Promise<void>;
  rejections(): Promise<RejectedRecord[]>;
  /**
   * Sends refused records again; those accepted leave the list. Does not throw: a failed request
   * leaves its collection's records in the list and shows in the status (`retry_failed`).
   */
  retryRejected(): Promise<void>;
  /**
   * A person gives a refused entry up: it leaves the badge's count and the list to send again, and
   * stays logged (and left out of every value) as discarded by them.
   */
  discardRejected(collection: CollectionName, id: string, by: string): Promise<void>;
  /** Resolves when every collection is in sync (for tests and "sync now" feedback). */
  awaitInSync(): Promise<void>;
  /**
   * Resolves once every collection has finished its first pull since replication started, so the
   * plant's lines, shift pattern, KPIs and roster are on the device (first start after enrolling).
   * Waits while this tab is not the replicating one.
   */
  awaitInitialPull(): Promise<void>;
  /** Recounts pending local changes now. */
  refreshPending(): Promise<void>;
  /** Purges now what the enrolled device's kind no longer keeps ([C-D1]); null when not enrolled. Also run at start and every 6 hours. */
  purgeOutsideWindow(): Promise<PurgeResult | null>;
  /** Device time corrected to the server's clock. */
  correctedNow(): number;
  /** The running RxDB replication per collection (empty when not replicating), for diagnostics. */
  replications(): ReadonlyMap<CollectionName, CollectionReplication>;
  readonly status: SyncStatusStore;
  /** Stops everything this client opened (not the database). */
  stop(): Promise<void>;
}

export async function createSyncClient(opts: SyncClientOptions): Promise<SyncClient> {
  const db = opts.db;
  const transport = opts.transport ?? fetchTransport();
  const connectivity = opts.connectivity ?? browserConnectivity();
  const now = opts.now ?? (() => Date.now());
  const status = opts.status ?? syncStatusStore;
  const actingPerson = opts.actingPerson ?? (() => '');

  const store = await openSyncStore(db);
  const rejections = rejectionLog(store);
  let stopped = false;

  const clock = clockFollower(store, status, now);
  const lastSync = lastSyncKeeper(store, status);
  const problems = problemsShown(status, connectivity, now);
  const counts = pendingCounts(db, status, () => stopped);

  function apiFor(serverUrl: string): ApiClient {
    return createApiClient(serverUrl, transport, {
      now,
      connectivity,
      onClockSample: (sample) => clock.sample(serverUrl, sample),
      onSuccess: (atMs) => {
        lastSync.succeeded(serverUrl, atMs);
        problems.over('link');
      },
      reportHeaders: () => deviceReport(opts.appVersion ?? '', status.getState().pending),
      onDatabase: (id) => restore.seen(serverUrl, id),
    });
  }

  // [T2] A PIN only the server can check (the device holds no hash of this person): a person
  // session is opened and its answer is all that is used; the session itself is not kept.
  async function checkPinOnServer(personId: string, pin: string): Promise<ServerPinCheck> {
    const e = await enrollment.currentEnrollment(store);
    if (!e || !e.token) return { ok: false, kind: 'offline', message: '' };
    const request: PersonSessionRequest = { personId, pin };
    try {
      await apiFor(e.serverUrl).post<PersonSessionAnswer>(API_ROUTES.personSessions, request, e.token);
      return { ok: true };
    } catch (err) {
      if (!(err instanceof SyncHttpError) || err.isNetwork) return { ok: false, kind: 'offline', message: '' };
      if (err.isAuth) sw.revoked(err);
      const kind = err.code === 'wrong_pin' ? 'wrong' : err.code === 'person_locked' ? 'locked' : 'refused';
      return { ok: false, kind, message: err.serverMessage };
    }
  }

  // [C-O8] The server restored from a backup: send again what this device wrote, pull from 0.
  const restore = restoreFollower({
    store,
    db,
    rejections,
    now,
    actingPerson,
    apiFor,
    reSync: () => {
      for (const state of runner.states().values()) state.reSync();
    },
  });

  // The runner and the switch call each other (a 401 inside a run switches to "revoked"),
  // hence the late binding of the runner.
  const sw = enrollmentSwitch({ store, status, clock, counts, problems, runner: () => runner });
  // Corrected time: a tablet whose clock runs a year ahead must not purge a year of readings.
  const purge = retentionPurge({ db, timers: opts.purgeTimers ?? realTimers, now: () => correctedNow(now(), status.getState().clockOffsetMs), enrollment: () => enrollment.currentEnrollment(store) });
  const runner: ReplicationRunner = replicationRunner({
    db,
    transport,
    timers: opts.timers ?? realTimers,
    now,
    retry: { baseMs: opts.retryBaseMs ?? DEVICE_RETRY.baseMs, capMs: opts.retryMaxMs ?? DEVICE_RETRY.capMs },
    random: opts.random ?? Math.random,
    actingPerson,
    rejections,
    status,
    problems,
    counts,
    apiFor,
    onAuthFailure: (err) => sw.revoked(err),
    pullFromStart: (c) => restore.pullFromStart(c),
    pulledFromStart: (c) => restore.pulledFromStart(c),
  });

  const unsubscribeConnectivity = connectivity.subscribe((online) => {
    status.setState({ online });
    if (online) runner.networkBack();
  });
  status.setState({ online: connectivity.isOnline() });
  await publishRefused(status, rejections);
  // App start: the clock offset last measured against the enrolled server, until a new one is ([C-K2]),
  // and the last sync with it, so the badge says when that was even before (or without) a new one ([C-O5]).
  const enrolledAtStart = await enrollment.currentEnrollment(store);
  await clock.useClockOf(enrolledAtStart);
  await lastSync.restore(enrolledAtStart);

  // Another tab enrolled, re-enrolled or was revoked: follow it ([C-L4]).
  const enrollmentSub = store.changes$.subscribe((key) => {
    if (key === 'enrollment') void enrollment.currentEnrollment(store).then(sw.apply);
    // Refusals logged or discarded in another tab.
    if (key === 'rejections') void publishRefused(status, rejections);
  });

  async function discardRejected(collection: CollectionName, id: string, by: string): Promise<void> {
    await rejections.discard(collection, id, by, now());
    await publishRefused(status, rejections);
  }
  status.setState({ discardRefused: discardRejected, checkPinOnServer });

  return {
    status,
    async start() {
      await sw.apply(await enrollment.currentEnrollment(store));
      // Not awaited: the floor works while old records leave.
      void purge.start().catch(() => undefined);
    },
    async enroll(serverUrl, code, deviceName) {
      const e = await enrollment.enroll(store, apiFor(serverUrl), code, now(), deviceName);
      await sw.apply(e);
      return e;
    },
    currentEnrollment: () => enrollment.currentEnrollment(store),
    async forgetToken(reason = 'device_revoked') {
      await sw.apply(await enrollment.forgetToken(store, reason));
    },
    rejections: () => rejections.list(),
    retryRejected: () =>
      sendAllRefusedAgain({ store, rejections, status, problems, now, actingPerson, apiFor, onAuthFailure: (err) => sw.revoked(err) }),
    discardRejected,
    async awaitInSync() {
      await sw.settled();
      await restore.settled();
      await runner.started();
      await runner.current()?.awaitInSync();
      await counts.refresh();
    },
    async awaitInitialPull() {
      await sw.settled();
      await runner.started();
      await runner.current()?.awaitInitialReplication();
    },
    refreshPending: () => counts.refresh(),
    purgeOutsideWindow: () => purge.runNow(),
    correctedNow: () => correctedNow(now(), status.getState().clockOffsetMs),
    replications: () => runner.states(),
    async stop() {
      await sw.close();
      stopped = true;
      purge.stop();
      unsubscribeConnectivity();
      enrollmentSub.unsubscribe();
      if (status.getState().discardRefused === discardRejected) status.setState({ discardRefused: null });
      if (status.getState().checkPinOnServer === checkPinOnServer) status.setState({ checkPinOnServer: null });
      await runner.stop();
      await counts.close();
      await store.close();
    },
  };
}
