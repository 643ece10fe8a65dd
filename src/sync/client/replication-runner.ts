/**
 * Runs the per-collection replications and the live stream for one enrollment ([C-L1], [C-E1]):
 * started with a token, stopped on revocation or re-enrollment, one run at a time.
 *
 * Why a module of its own: this is where RxDB, the live stream and the retry policy meet; a
 * change to how one collection replicates (a batch size, a retry) belongs here and nowhere else.
 * Leadership: a run waits for this tab to lead the browser's tabs (RxDB leader election), so
 * only one tab per browser talks to the server; the others read the same IndexedDB.
 */
import type { CollectionName } from '../../domain/records/collections.ts';
import type { BackoffPolicy, RandomSource } from '../../domain/retry/backoff.ts';
import type { ApiClient, SyncHttpError } from '../api-client.ts';
import type { Enrollment } from '../enrollment.ts';
import { createLiveStream, type Timers } from '../live-stream.ts';
import type { RejectionLog } from '../rejections.ts';
import { createReplications, replicationIdentifier, type CollectionReplication, type Replications, type SyncDatabase } from '../replication.ts';
import { publishRefused, type SyncStatusStore } from '../status.ts';
import type { SyncTransport } from '../transport.ts';
import type { PendingCounts } from './pending-counts.ts';
import type { ProblemsShown } from './problems-shown.ts';

export interface RunnerDeps {
  db: SyncDatabase;
  transport: SyncTransport;
  timers: Timers;
  now(): number;
  retry: BackoffPolicy;
  random: RandomSource;
  actingPerson(): string;
  rejections: RejectionLog;
  status: SyncStatusStore;
  problems: ProblemsShown;
  counts: PendingCounts;
  apiFor(serverUrl: string): ApiClient;
  /** A 401 from inside a run: the device was revoked (never awaited there). */
  onAuthFailure(err: SyncHttpError): void;
  /** [C-O8] After a restore of the server (restore-follower.ts). */
  pullFromStart?(collection: CollectionName): boolean;
  pulledFromStart?(collection: CollectionName): void;
}

export interface ReplicationRunner {
  /** Starts a run for `e` (not awaited: in a tab that is not the leader it waits for leadership). */
  start(e: Enrollment): void;
  /** Stops the run, if any; data and unsent work stay on the device. */
  stop(): Promise<void>;
  /** Whether a run is going with this token (a re-applied enrollment keeps it). */
  runsWith(token: string): boolean;
  /** Resolves when the current run has started (or failed to); at once when none. */
  started(): Promise<void>;
  current(): Replications | null;
  /** The network is back: reconnect the live stream without waiting out its backoff. */
  networkBack(): void;
  states(): ReadonlyMap<CollectionName, CollectionReplication>;
}

export function replicationRunner(d: RunnerDeps): ReplicationRunner {
  let replications: Replications | null = null;
  /** Token the running replications use; '' when none run. */
  let activeToken = '';
  /** The running replications' start (waits for leadership in this browser). */
  let started: Promise<void> = Promise.resolve();
  let stopRecounting: () => void = () => undefined;

  return {
    start(e) {
      const api = d.apiFor(e.serverUrl);
      let token = e.token;
      const stream = createLiveStream({
        api,
        transport: d.transport,
        token: () => token || null,
        timers: d.timers,
        now: d.now,
        onAuthFailure: d.onAuthFailure,
        onTrouble: (err) => d.problems.describe(err),
        onOpen: () => undefined,
        // The same policy as the requests ([C-B1]): quick first retry, capped so hours-long outages stay quiet.
        retry: d.retry,
        random: d.random,
      });
      const r = createReplications({
        db: d.db,
        api,
        identifier: replicationIdentifier(e.serverUrl, e.plantId),
        kind: e.kind,
        token: () => token || null,
        actingPerson: d.actingPerson,
        stream,
        rejections: d.rejections,
        now: d.now,
        onAuthFailure: (err) => {
          token = '';
          d.onAuthFailure(err);
        },
        onError: (err, from) => d.problems.describe(err, from === 'push' ? 'push' : 'link'),
        onPushed: () => d.problems.over('push'),
        onRejected: () => void publishRefused(d.status, d.rejections),
        retry: d.retry,
        random: d.random,
        ...(d.pullFromStart ? { pullFromStart: d.pullFromStart } : {}),
        ...(d.pulledFromStart ? { pulledFromStart: d.pulledFromStart } : {}),
      });
      replications = r;
      stopRecounting = d.counts.recountWhenIdle(r);
      activeToken = e.token;
      // Not awaited by callers: in a tab that is not the leader this waits until
      // the leading tab closes, and enrollment must not hang on that.
      started = r.start().then(
        () => {
          if (replications === r) d.status.setState({ running: true });
        },
        (err: unknown) => d.problems.describe(err),
      );
    },

    async stop() {
      const r = replications;
      replications = null;
      activeToken = '';
      started = Promise.resolve();
      d.status.setState({ running: false });
      // Its pushes are over; the next replication's pushes report for themselves.
      d.problems.over('push');
      stopRecounting();
      stopRecounting = () => undefined;
      if (r) await r.cancel();
    },

    runsWith: (token) => replications !== null && activeToken === token,
    started: () => started,
    current: () => replications,
    networkBack: () => replications?.networkBack(),
    states: () => replications?.states ?? new Map(),
  };
}
