/**
 * The app's sync, put together: enrollment, the per-collection
 * replications, the live stream, the pending count, refused records, the
 * clock offset and the status store the UI reads.
 *
 * Life cycle:
 *   app start  -> the clock offset last measured against the enrolled server, until a new one is.
 *                 start(): enrolled? replicate. Revoked? show it, keep counting unsent work.
 *   enrollment -> enroll(url, code): remember the device, replicate.
 *   401        -> stop every replication, forget the token, keep all data and unsent work.
 *   re-enroll  -> same server and plant: same replication identifier, so RxDB resumes
 *                 from its checkpoints and pushes the work that waited.
 */
import type { CollectionName } from '../domain/records/collections.ts';
import { createApiClient, SyncHttpError, type ApiClient } from './api-client.ts';
import { createClockOffsetTracker, loadClockOffset, saveClockOffset } from './clock-offset.ts';
import { correctedNow } from '../domain/time/clock.ts';
import { browserConnectivity, type Connectivity } from './connectivity.ts';
import * as enrollment from './enrollment.ts';
import type { Enrollment } from './enrollment.ts';
import { createLiveStream, realTimers, type Timers } from './live-stream.ts';
import { openPendingCounter, type PendingCounter } from './pending-count.ts';
import { rejectionLog, type RejectedRecord } from './rejections.ts';
import {
  collectionsOf,
  createReplications,
  pushesFrom,
  replicationIdentifier,
  sendRefusedAgain,
  type CollectionReplication,
  type Replications,
  type SyncDatabase,
} from './replication.ts';
import { setPending, syncStatusStore, type SyncError, type SyncStatusStore } from './status.ts';
import { openSyncStore, type SyncStore } from './sync-store.ts';
import { fetchTransport, type SyncTransport } from './transport.ts';

export interface SyncClientOptions {
  db: SyncDatabase;
  transport?: SyncTransport;
  connectivity?: Connectivity;
  /** Device clock in ms. */
  now?: () => number;
  timers?: Timers;
  status?: SyncStatusStore;
  /**
   * First retry delay after a failed request (RxDB's default, 5 s), doubled per
   * failure up to retryMaxMs. 2 minutes: a WAN outage of hours costs 30 tries
   * per hour per collection, and the browser's "online" event skips the wait.
   */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * The person signed in on the device ('' when nobody is), asked at each push: pushes of
   * mutable records name them in X-Tierboard-Person (sync-server/API.md, "Acting person"). Default: nobody.
   */
  actingPerson?: () => string;
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
  /** Device time corrected to the server's clock. */
  correctedNow(): number;
  /** The running RxDB replication per collection (empty when not replicating), for diagnostics. */
  replications(): ReadonlyMap<CollectionName, CollectionReplication>;
  readonly status: SyncStatusStore;
  /** Stops everything this client opened (not the database). */
  stop(): Promise<void>;
}

/** A steady offset is written again this often, so its measuredAtMs says it still held. */
const CLOCK_SAVE_EVERY_MS = 60_000;

export async function createSyncClient(opts: SyncClientOptions): Promise<SyncClient> {
  const db = opts.db;
  const transport = opts.transport ?? fetchTransport();
  const connectivity = opts.connectivity ?? browserConnectivity();
  const now = opts.now ?? (() => Date.now());
  const timers = opts.timers ?? realTimers;
  const status = opts.status ?? syncStatusStore;
  const retryBaseMs = opts.retryBaseMs ?? 5_000;
  const retryMaxMs = opts.retryMaxMs ?? 120_000;
  const actingPerson = opts.actingPerson ?? (() => '');

  const store: SyncStore = await openSyncStore(db);
  const rejections = rejectionLog(store);
  let clock = createClockOffsetTracker();
  let replications: Replications | null = null;
  /** Token the running replications use; '' when none run. */
  let activeToken = '';
  /** The running replications' start (waits for leadership in this browser). */
  let started: Promise<void> = Promise.resolve();
  let applyQueue: Promise<void> = Promise.resolve();
  /** `key`: the replication identifier and device kind the counters were opened for ('' when none). */
  let counters: { key: string; byName: Map<CollectionName, PendingCounter>; unsubscribe: () => void } | null = null;
  let revoking: Promise<void> | null = null;
  let stopped = false;

  const unsubscribeConnectivity = connectivity.subscribe((online) => {
    status.setState({ online });
    if (online) replications?.networkBack();
  });
  status.setState({ online: connectivity.isOnline(), rejected: await rejections.count() });

  // ---------------------------------------------------------------- clock offset

  /** The server the offset shown was measured against ('' before any). */
  let clockServer = '';
  /** What was last kept on the device, to write only when it says something new. */
  let lastSaved: { offsetMs: number; atMs: number } | null = null;

  /**
   * A sample from `serverUrl`. Samples of another server are not mixed in: after enrolling
   * elsewhere the old median would outvote the new server for 9 requests. Each new offset is kept
   * on the device (a minute apart at most while it stays the same) for the next start.
   */
  function clockSample(serverUrl: string, sampleMs: number): void {
    if (serverUrl !== clockServer) measureAgainst(serverUrl);
    const offsetMs = clock.add(sampleMs);
    status.setState({ clockOffsetMs: offsetMs });
    const atMs = now();
    if (lastSaved && lastSaved.offsetMs === offsetMs && atMs - lastSaved.atMs < CLOCK_SAVE_EVERY_MS) return;
    lastSaved = { offsetMs, atMs };
    // Not awaited: a sample arrives inside a request; a write lost while closing costs only this one.
    saveClockOffset(store, { offsetMs, measuredAtMs: atMs, serverUrl }).catch(() => undefined);
  }

  /**
   * Enrolled at another server than the offset shown was measured against (app start, or another
   * tab re-enrolled): show the offset last kept for that server, 0 when none. The first fresh
   * sample then replaces it, as any sample does.
   */
  /** Starts a fresh median for `serverUrl`: another server's clock says nothing about this one's. */
  function measureAgainst(serverUrl: string): void {
    clock = createClockOffsetTracker();
    clockServer = serverUrl;
    lastSaved = null;
  }

  async function useClockOf(e: Enrollment | null): Promise<void> {
    if (!e || e.serverUrl === clockServer) return;
    measureAgainst(e.serverUrl);
    const saved = await loadClockOffset(store, e.serverUrl);
    // A sample may have come in meanwhile; it is fresher than what was kept.
    if (clock.sampleCount() === 0 && clockServer === e.serverUrl) status.setState({ clockOffsetMs: saved?.offsetMs ?? 0 });
  }
  await useClockOf(await enrollment.currentEnrollment(store));

  // ---------------------------------------------------------------- problems shown

  /**
   * The problem the status line shows comes from pushes or from the rest (pulls, the stream,
   * enrollment), kept apart: any answered request ends a problem of the rest, but only a push the
   * server answered ends a push problem. Pushes carry the unsent work, so "Synced just now" from a
   * pull must not hide that it cannot leave. The newer of the two is shown.
   */
  type ProblemSource = 'push' | 'link';
  const problems: Record<ProblemSource, { error: SyncError; seq: number } | null> = { push: null, link: null };
  let problemSeq = 0;

  function showProblems(): void {
    const { push, link } = problems;
    const newest = push && link ? (push.seq > link.seq ? push : link) : (push ?? link);
    status.setState({ lastError: newest?.error ?? null, linkError: link?.error ?? null });
  }

  function report(kind: SyncError['kind'], message = '', from: ProblemSource = 'link'): void {
    problems[from] = { error: { kind, message, atMs: now() }, seq: ++problemSeq };
    showProblems();
  }

  /** `onlyKind`: end the problem only if it is of this kind ("send again" ends only its own). */
  function problemOver(from: ProblemSource, onlyKind?: SyncError['kind']): void {
    const p = problems[from];
    if (!p || (onlyKind && p.error.kind !== onlyKind)) return;
    problems[from] = null;
    showProblems();
  }

  function apiFor(serverUrl: string): ApiClient {
    return createApiClient(serverUrl, transport, {
      now,
      connectivity,
      onClockSample: (sample) => clockSample(serverUrl, sample),
      onSuccess: (atMs) => {
        status.setState({ lastSyncAtMs: atMs });
        problemOver('link');
      },
    });
  }

  function describe(err: unknown, from: ProblemSource = 'link'): void {
    const e = err as Partial<SyncHttpError> | null;
    if (e && typeof e.status === 'number') {
      if (e.status === 0) report(connectivity.isBrowserOnline() ? 'server_unreachable' : 'offline', '', from);
      else if (e.status >= 500) report('server_error', e.serverMessage ?? '', from);
      else report('refused', e.serverMessage ?? '', from);
    } else {
      report('stream_lost', '', from);
    }
  }

  // ---------------------------------------------------------------- pending count

  const recount = new Map<CollectionName, Promise<void>>();
  const dirty = new Set<CollectionName>();
  function scheduleCount(name: CollectionName, counter: PendingCounter): Promise<void> {
    // Coalesce bursts (a pull of 200 documents) into one count at a time plus one after.
    if (recount.has(name)) {
      dirty.add(name);
      return recount.get(name) as Promise<void>;
    }
    const run = (async () => {
      do {
        dirty.delete(name);
        try {
          setPending(status, name, await counter.count());
        } catch {
          // storage closing (db closed under us): the count is only a display
        }
      } while (dirty.has(name) && !stopped);
      recount.delete(name);
    })();
    recount.set(name, run);
    return run;
  }

  /** Counts waiting work of the collections this device pushes (a wall screen: its noted actions only). */
  async function useCounters(e: Enrollment | null): Promise<void> {
    const identifier = e ? replicationIdentifier(e.serverUrl, e.plantId) : '';
    const key = e ? `${identifier}|${e.kind}` : '';
    if (counters?.key === key) return;
    if (counters) {
      counters.unsubscribe();
      await Promise.all([...counters.byName.values()].map((c) => c.close()));
      counters = null;
    }
    status.setState({ pendingByCollection: {}, pending: 0 });
    if (!e) return;
    const byName = new Map<CollectionName, PendingCounter>();
    for (const [name, collection] of collectionsOf(db)) {
      if (pushesFrom(e.kind, name)) byName.set(name, await openPendingCounter(collection, identifier));
    }
    const subs = [...byName].map(([name, c]) => c.changed$.subscribe(() => void scheduleCount(name, c)));
    counters = { key, byName, unsubscribe: () => subs.forEach((s) => s.unsubscribe()) };
    await refreshPending();
  }

  async function refreshPending(): Promise<void> {
    if (!counters) return;
    await Promise.all([...counters.byName].map(([name, c]) => scheduleCount(name, c)));
  }

  /**
   * Counts a collection again each time its replication goes idle. A push the server accepts as
   * sent writes only RxDB's bookkeeping (through the replication's own handle of the meta instance;
   * the counter's handle did not hear of it), nothing on the device: without this the count stayed
   * at 1 after a noted action was sent, until something else changed (found by the wall-screen
   * tests). Pushes answered with a conflict (a stamped reading, a merged master) write the
   * device's copy, which the counter does hear.
   */
  function recountWhenIdle(r: Replications): () => void {
    const subs = [...r.states].map(([name, state]) =>
      state.active$.subscribe((active) => {
        const counter = counters?.byName.get(name);
        if (!active && counter) void scheduleCount(name, counter);
      }),
    );
    return () => subs.forEach((sub) => sub.unsubscribe());
  }
  let stopRecounting: () => void = () => undefined;

  // ---------------------------------------------------------------- replication

  async function stopReplication(): Promise<void> {
    const r = replications;
    replications = null;
    activeToken = '';
    started = Promise.resolve();
    status.setState({ running: false });
    // Its pushes are over; the next replication's pushes report for themselves.
    problemOver('push');
    stopRecounting();
    stopRecounting = () => undefined;
    if (r) await r.cancel();
  }

  function onAuthFailure(err: SyncHttpError): void {
    // Called from inside RxDB's push/pull loop: never await the cancel there.
    if (revoking) return;
    revoking = (async () => {
      const e = await enrollment.forgetToken(store, err.code);
      await apply(e);
      report('refused', err.serverMessage);
    })().finally(() => {
      revoking = null;
    });
  }

  function startReplication(e: Enrollment): void {
    const api = apiFor(e.serverUrl);
    let token = e.token;
    const stream = createLiveStream({
      api,
      transport,
      token: () => token || null,
      timers,
      now,
      onAuthFailure,
      onTrouble: describe,
      onOpen: () => undefined,
      // Same reasoning as retryBaseMs: quick first retry, capped so hours-long outages stay quiet.
      baseDelayMs: retryBaseMs,
      maxDelayMs: retryMaxMs,
    });
    const r = createReplications({
      db,
      api,
      identifier: replicationIdentifier(e.serverUrl, e.plantId),
      kind: e.kind,
      token: () => token || null,
      actingPerson,
      stream,
      rejections,
      now,
      onAuthFailure: (err) => {
        token = '';
        onAuthFailure(err);
      },
      onError: (err, from) => describe(err, from === 'push' ? 'push' : 'link'),
      onPushed: () => problemOver('push'),
      onRejected: () => void rejections.count().then((rejected) => status.setState({ rejected })),
      retryBaseMs,
      retryMaxMs,
    });
    replications = r;
    stopRecounting = recountWhenIdle(r);
    activeToken = e.token;
    // Not awaited by callers: in a tab that is not the leader this waits until
    // the leading tab closes, and enrollment must not hang on that.
    started = r.start().then(
      () => {
        if (replications === r) status.setState({ running: true });
      },
      (err: unknown) => describe(err),
    );
  }

  /**
   * Brings replication in line with an enrollment record: the one this tab
   * just wrote, or one another tab wrote (re-enrolled, revoked). Serialised,
   * so a revoke and a re-enroll never interleave.
   */
  function apply(e: Enrollment | null): Promise<void> {
    const run = async () => {
      if (stopped) return;
      await useClockOf(e);
      if (!e) {
        await stopReplication();
        status.setState({ auth: 'not_enrolled', plantLabel: '' });
        await useCounters(null);
        return;
      }
      if (e.token === '') {
        await stopReplication();
        status.setState({ auth: 'revoked', plantLabel: e.plantId });
        await useCounters(e);
        return;
      }
      status.setState({ auth: 'enrolled', plantLabel: e.plantId });
      if (replications && activeToken === e.token) return;
      await stopReplication();
      await useCounters(e);
      startReplication(e);
    };
    const next = applyQueue.then(run, run);
    applyQueue = next.catch(() => undefined);
    return next;
  }

  // ---------------------------------------------------------------- send refused records again

  /**
   * "Send refused entries again": each collection on its own, so one that fails (a 500, no network)
   * leaves only its own records in the list. The refused count is read again whatever happened.
   */
  async function sendAllRefusedAgain(): Promise<void> {
    const failures: unknown[] = [];
    let tried = false;
    try {
      const e = await enrollment.currentEnrollment(store);
      if (!enrollment.isActive(e)) return;
      const api = apiFor(e.serverUrl);
      for (const [collection, records] of byCollection(await rejections.list())) {
        tried = true;
        try {
          await sendRefusedAgain({ api, collection, token: () => e.token, actingPerson }, rejections, records, now);
        } catch (err) {
          failures.push(err);
        }
      }
    } finally {
      status.setState({ rejected: await rejections.count() });
    }
    const revoked = failures.find((err): err is SyncHttpError => err instanceof SyncHttpError && err.isAuth);
    if (revoked) onAuthFailure(revoked);
    else if (failures.length > 0) report('retry_failed', '', 'push');
    else if (tried) problemOver('push', 'retry_failed');
  }

  const enrollmentSub = store.changes$.subscribe((key) => {
    if (key === 'enrollment') void enrollment.currentEnrollment(store).then(apply);
  });

  const client: SyncClient = {
    status,
    async start() {
      await apply(await enrollment.currentEnrollment(store));
    },
    async enroll(serverUrl, code, deviceName) {
      const e = await enrollment.enroll(store, apiFor(serverUrl), code, now(), deviceName);
      await apply(e);
      return e;
    },
    currentEnrollment: () => enrollment.currentEnrollment(store),
    async forgetToken(reason = 'device_revoked') {
      await apply(await enrollment.forgetToken(store, reason));
    },
    rejections: () => rejections.list(),
    retryRejected: () => sendAllRefusedAgain(),
    async awaitInSync() {
      await applyQueue;
      await started;
      if (replications) await replications.awaitInSync();
      await refreshPending();
    },
    async awaitInitialPull() {
      await applyQueue;
      await started;
      if (replications) await replications.awaitInitialReplication();
    },
    refreshPending,
    correctedNow: () => correctedNow(now(), status.getState().clockOffsetMs),
    replications: () => replications?.states ?? new Map(),
    async stop() {
      if (revoking) await revoking;
      await applyQueue;
      stopped = true;
      unsubscribeConnectivity();
      enrollmentSub.unsubscribe();
      await stopReplication();
      await Promise.all([...recount.values()]);
      await useCounters(null);
      await store.close();
    },
  };
  return client;
}

/** Keeps the session's clock offset in step with the measured one (the session store is owned elsewhere). */
export function followClockOffset(status: SyncStatusStore, setClockOffset: (ms: number) => void): () => void {
  setClockOffset(status.getState().clockOffsetMs);
  return status.subscribe((s, prev) => {
    if (s.clockOffsetMs !== prev.clockOffsetMs) setClockOffset(s.clockOffsetMs);
  });
}

function byCollection(items: readonly RejectedRecord[]): Map<CollectionName, RejectedRecord[]> {
  const groups = new Map<CollectionName, RejectedRecord[]>();
  for (const r of items) groups.set(r.collection, [...(groups.get(r.collection) ?? []), r]);
  return groups;
}
