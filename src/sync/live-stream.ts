/**
 * One Server-Sent Events connection for all collections
 * (GET /api/replication/stream), split by `collection` into one RxDB pull
 * stream per collection. On every (re)open the server first sends "RESYNC";
 * we pass it to every collection so each pulls from its checkpoint and
 * re-runs its push: whatever changed while the link was down is fetched,
 * not trusted to the stream.
 *
 * A change event is passed on as a RESYNC of its collection too, never as
 * documents with a checkpoint: RxDB holds stream items back while a push
 * runs, and can drop a queued RESYNC behind a document event, so an event's
 * checkpoint could be applied before the catch-up pull and the changes made
 * while this device was offline would be skipped for good (the convergence
 * test found it: a checkpoint jumping from 422 to 469). A pull from the
 * device's own checkpoint costs one more request on the LAN and is always
 * complete.
 *
 * A dropped stream reconnects with backoff (src/domain/retry/backoff.ts, jittered so a
 * floor of tablets does not reconnect in lockstep). Timers are passed in so tests
 * decide when the reconnect happens. A stream that had been open a while and
 * then ended reconnects at once instead, without a word to the status line:
 * the server ends healthy streams on purpose (a device too far behind, [P9];
 * a restart), and "live updates paused" for five seconds would be a false
 * alarm on every screen. If that reconnect fails, it is trouble as usual.
 *
 * A stream can also die without ending: the server's host drops off the
 * network and no reset ever reaches the tablet. The server pings every 15 s,
 * so a stream silent for three pings is given up as lost and opened again.
 */
import { Subject, type Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { CollectionName } from '../domain/records/collections.ts';
import { createBackoff, type BackoffPolicy, type RandomSource } from '../domain/retry/backoff.ts';
import type { Timers } from '../domain/time/timers.ts';
import { HEARTBEAT_MS } from '../domain/wire/limits.ts';
import { API_ROUTES, RESYNC, type Checkpoint, type StreamEvent } from '../domain/wire/protocol.ts';
import { errorFromResponse, type ApiClient, type SyncHttpError } from './api-client.ts';
import type { StreamHandle, SyncTransport } from './transport.ts';

export type { Timers };

/** Indirect on purpose: direct references would bypass test fakes installed after import. */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type PullStreamItem = RxReplicationPullStreamItem<Record<string, unknown>, Checkpoint>;

export interface LiveStreamOptions {
  api: ApiClient;
  transport: SyncTransport;
  token(): string | null;
  timers: Timers;
  now(): number;
  /** 401 on the stream: the device was revoked. */
  onAuthFailure(err: SyncHttpError): void;
  /** Any other failure, for the status line. */
  onTrouble(err: unknown): void;
  onOpen(): void;
  /** The wait before reconnecting a stream that failed ([C-B1]). */
  retry: BackoffPolicy;
  /** Draws the jitter: Math.random in the app, a seeded prng in tests. */
  random: RandomSource;
}

/**
 * How long a stream must have stayed open for its end to count as the server's
 * doing rather than a failure. Shorter-lived ones back off, so a proxy that cuts
 * every stream right after it opens cannot make a device hammer the server.
 */
export const HEALTHY_STREAM_MS = 10_000;

/** Three missed heartbeats (the server pings every HEARTBEAT_MS, 15 s). */
export const STREAM_SILENCE_MS = 3 * HEARTBEAT_MS;

export interface LiveStream {
  /** The pull stream$ for one collection. */
  for(collection: CollectionName): Observable<PullStreamItem>;
  start(): void;
  stop(): void;
  /** The network is back: skip the remaining backoff wait. */
  reconnectNow(): void;
  isOpen(): boolean;
}

/** A change event as it may arrive: checked field by field before use (a proxy may send anything). */
type StreamMessage = Partial<Record<keyof Exclude<StreamEvent, typeof RESYNC>, unknown>>;

export function createLiveStream(o: LiveStreamOptions): LiveStream {
  const subjects = new Map<CollectionName, Subject<PullStreamItem>>();
  let handle: StreamHandle | null = null;
  let reconnectTimer: unknown = null;
  const backoff = createBackoff(o.retry, o.random);
  let running = false;
  let open = false;
  /** o.now() when the current stream opened. */
  let openedAtMs = 0;
  let silenceTimer: unknown = null;

  const subject = (name: CollectionName) => {
    let s = subjects.get(name);
    if (!s) {
      s = new Subject<PullStreamItem>();
      subjects.set(name, s);
    }
    return s;
  };

  function onMessage(data: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // not ours; a proxy's noise must not stop the floor
    }
    if (parsed === RESYNC) {
      subjects.forEach((s) => s.next('RESYNC'));
      return;
    }
    const msg = parsed as StreamMessage;
    if (typeof msg.collection !== 'string' || !Array.isArray(msg.documents)) return;
    const s = subjects.get(msg.collection as CollectionName);
    s?.next('RESYNC');
  }

  /** (Re)starts the wait for the next sign of life on the open stream. */
  function heardFromServer(): void {
    stopListening();
    silenceTimer = o.timers.setTimeout(() => {
      silenceTimer = null;
      if (!open) return;
      open = false;
      handle?.close();
      handle = null;
      o.onTrouble(new Error('the live stream went silent'));
      connect();
    }, STREAM_SILENCE_MS);
  }

  function stopListening(): void {
    if (silenceTimer !== null) o.timers.clearTimeout(silenceTimer);
    silenceTimer = null;
  }

  function scheduleReconnect(): void {
    if (!running || reconnectTimer !== null) return;
    // Why a growing wait up to a cap: a plant WAN can stay down for hours; reconnecting
    // every few seconds would drain tablets and flood the server when it returns.
    reconnectTimer = o.timers.setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, backoff.next());
  }

  function connect(): void {
    if (!running) return;
    const token = o.token();
    if (!token) return;
    const sendMs = o.now();
    handle = o.transport.openStream(o.api.url(API_ROUTES.stream), { authorization: `Bearer ${token}` }, {
      onOpen(response) {
        o.api.observe(sendMs, response);
        open = true;
        openedAtMs = o.now();
        heardFromServer();
        o.onOpen();
      },
      onMessage,
      onActivity: heardFromServer,
      onClose(error, response) {
        const wasHealthy = open && o.now() - openedAtMs >= HEALTHY_STREAM_MS;
        open = false;
        handle = null;
        stopListening();
        // The backoff is reset only by a stream that lasted: one that a proxy cuts
        // right after it opens keeps growing the wait like any other failure.
        if (wasHealthy && !response) {
          backoff.reset();
          connect();
          return;
        }
        if (response) {
          o.api.observe(sendMs, response);
          const err = errorFromResponse(response);
          if (err.isAuth) {
            running = false;
            o.onAuthFailure(err);
            return;
          }
          o.onTrouble(err);
        } else {
          o.onTrouble(error);
        }
        scheduleReconnect();
      },
    });
  }

  return {
    for: (name) => subject(name).asObservable(),
    start() {
      if (running) return;
      running = true;
      backoff.reset();
      connect();
    },
    stop() {
      running = false;
      open = false;
      stopListening();
      if (reconnectTimer !== null) o.timers.clearTimeout(reconnectTimer);
      reconnectTimer = null;
      handle?.close();
      handle = null;
    },
    reconnectNow() {
      if (!running || reconnectTimer === null) return;
      o.timers.clearTimeout(reconnectTimer);
      reconnectTimer = null;
      backoff.reset();
      connect();
    },
    isOpen: () => open,
  };
}
