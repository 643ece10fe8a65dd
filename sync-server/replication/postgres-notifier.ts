/**
 * Live fan-out across server processes on one PostgreSQL database ([P13]):
 * several plant or enterprise servers behind a load balancer each hold their
 * own devices' live streams, and a change stored by one must reach the
 * streams of all.
 *
 * - A process that stored a change hands it to its own streams at once (the
 *   live latency of a single server) and sends a small NOTIFY: the
 *   collection and the change's feed position. NOTIFY payloads are capped at
 *   8,000 bytes, so the changes themselves never travel this way.
 * - Every other process, on that notice, reads the collection's change feed
 *   from where its streams last were and hands on what it had not handed on.
 *   Feed positions are given in commit order ([S3]), so what a notice points
 *   at is committed and nothing before it is skipped.
 * - After each of its own changes a process also reads the feed on (at most
 *   one read per collection in flight): so its own changes are not kept in
 *   memory until the next notice, and a change whose notice was lost (the
 *   LISTEN connection dropped) still arrives with the next change.
 * - The LISTEN connection reconnects by itself (the shared retry policy,
 *   src/domain/retry/backoff.ts: jittered waits from 250 ms up to 10 s, so
 *   the processes behind a load balancer do not all reconnect at once after a
 *   database failover) and reads every collection's feed on when it is back: notices sent while
 *   it was away are lost, for collections this process never read as well.
 * - A LISTEN connection can die without a reset (a NAT or failover drops it),
 *   and a process that only receives never writes on it: TCP keepalive is on
 *   and a `SELECT 1` every 30 s must answer within 10 s, or the connection
 *   counts as dropped and is replaced.
 *
 * Streams treat every event as a prompt to pull from their checkpoint
 * (src/sync), so an event that arrives late or twice costs a pull, never a
 * missed or doubled record.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { COLLECTION_NAMES, type CollectionName } from '../../src/domain/records/collections.ts';
import { createBackoff, LISTEN_RECONNECT, type RandomSource } from '../../src/domain/retry/backoff.ts';
import { every, serverTimers, type Timers } from '../server-timers.ts';
import type { Store, StoredRecord } from '../store/store.ts';
import type { ChangeNotice, ChangeNotifier } from './live-hub.ts';

/**
 * How many changes one feed read hands on: the contract's cap on rows per push and per pull page
 * (500, sync-server/API.md), so one read holds no more than one request's worth in memory.
 */
const READ_BATCH = 500;
/**
 * How often the LISTEN connection is asked whether it is still there, and how long it may take to
 * answer: a NAT or failover that drops it silently costs at most 40 s of fan-out, and 10 s is far
 * beyond a `SELECT 1` on a healthy database, even under load.
 */
const CHECK_EVERY_MS = 30_000;
const CHECK_TIMEOUT_MS = 10_000;
/** TCP keepalive probes start after this much silence on the LISTEN connection (as the check's timeout, for the same reason). */
const KEEPALIVE_AFTER_MS = 10_000;

export interface PostgresNotifierOptions {
  connectionString: string;
  /** The store's schema: the channel is per schema, so two Tierboards on one server do not hear each other. */
  schema?: string;
  store: Pick<Store, 'changesSince' | 'headPosition'>;
  /** Where problems go (a lost LISTEN connection); console.warn by default. */
  warn?: (message: string, err: unknown) => void;
  /** How often the LISTEN connection is checked (30 s); tests use a short one. */
  checkEveryMs?: number;
  /** How long a check may take before the connection counts as dropped (10 s, at most `checkEveryMs`). */
  checkTimeoutMs?: number;
  /** The reconnect wait, the checks and their timeouts run on these (real ones by default; tests drive them). */
  timers?: Timers;
  /** Draws the reconnect jitter: Math.random by default, a seeded prng in tests. */
  random?: RandomSource;
}

interface Notice {
  /** The process that stored the change. */
  o: string;
  c: CollectionName;
  p: number;
}

export interface PostgresNotifier extends ChangeNotifier {
  /**
   * Takes the feed head as it is now as where this process's streams begin.
   * For changes stored after the notifier opened that were never published
   * (the demo seed): streams that connect later get them with their RESYNC
   * pull, and without this the first notice for each collection would hand
   * all of them to every stream. Call it only while no stream can have
   * missed them (a freshly seeded, so far empty database has no devices).
   */
  beginAtHead(): Promise<void>;
  /** Resolves once no feed read is in flight (reads started meanwhile included): tests wait on this, not on the clock. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function openPostgresNotifier(options: PostgresNotifierOptions): Promise<PostgresNotifier> {
  const channel = `tierboard_changes_${(options.schema ?? 'public').replace(/[^a-zA-Z0-9_]/g, '_')}`.slice(0, 63);
  const origin = randomUUID();
  const warn = options.warn ?? ((message, err) => console.warn(message, err));
  const listeners = new Set<(notice: ChangeNotice) => void>();
  /** Per collection: the feed position up to which this process's streams have everything. */
  const seen = new Map<CollectionName, number>();
  /** Per collection: positions this process handed on itself, beyond `seen`. */
  const ownBeyond = new Map<CollectionName, Set<number>>();
  const reading = new Map<CollectionName, Promise<void>>();
  const again = new Set<CollectionName>();
  let start = await options.store.headPosition();
  let closed = false;
  let listener: pg.Client | null = null;
  const timers = options.timers ?? serverTimers;
  const reconnectWait = createBackoff(LISTEN_RECONNECT, options.random ?? Math.random);
  let retryTimer: unknown = null;
  const checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
  const checkTimeoutMs = Math.min(options.checkTimeoutMs ?? CHECK_TIMEOUT_MS, checkEveryMs);
  let stopCheckTimer: (() => void) | null = null;
  let checking = false;
  const ended = new WeakSet<pg.Client>();

  const deliver = (notice: ChangeNotice): void => {
    for (const l of [...listeners]) l(notice);
  };

  /** Hands on what the feed holds for `collection` beyond `seen` that this process did not hand on itself. */
  async function readOn(collection: CollectionName): Promise<void> {
    for (;;) {
      const since = seen.get(collection) ?? start;
      const batch = await options.store.changesSince(collection, since, READ_BATCH, { plantIds: 'all' });
      if (closed) return;
      const own = ownBeyond.get(collection);
      const fresh: StoredRecord[] = own ? batch.documents.filter((r) => !own.has(r.position)) : batch.documents;
      if (fresh.length > 0) deliver({ collection, records: fresh });
      seen.set(collection, batch.checkpoint.position);
      if (own) for (const p of own) if (p <= batch.checkpoint.position) own.delete(p);
      if (batch.documents.length < READ_BATCH) return;
    }
  }

  /** At most one read per collection in flight; a prompt during one makes it read once more. */
  function prompt(collection: CollectionName): void {
    if (closed) return;
    if (reading.has(collection)) {
      again.add(collection);
      return;
    }
    const run = readOn(collection)
      .catch((err: unknown) => warn('live fan-out: reading the change feed failed', err))
      .finally(() => {
        reading.delete(collection);
        if (again.delete(collection)) prompt(collection);
      });
    reading.set(collection, run);
  }

  function onNotification(msg: pg.Notification): void {
    if (msg.channel !== channel || !msg.payload) return;
    let notice: Notice;
    try {
      notice = JSON.parse(msg.payload) as Notice;
    } catch {
      return; // not ours
    }
    if (notice.o === origin || typeof notice.c !== 'string') return;
    if (notice.p > (seen.get(notice.c) ?? start)) prompt(notice.c);
  }

  /** Drops a LISTEN connection that failed (an error, or a check unanswered) and has it replaced. */
  function dropListener(client: pg.Client, why: string, err: unknown): void {
    endOnce(client);
    if (listener !== client) return; // not yet listening (listen() reports it), already dropped, or closing
    warn(`live fan-out: ${why}; reconnecting`, err);
    listener = null;
    stopChecks();
    scheduleReconnect();
  }

  /** end() destroys the socket when a query hangs on it (a stalled check), so a dead peer cannot hold it open; once, as its own failure comes back as an error. */
  function endOnce(client: pg.Client): void {
    if (ended.has(client)) return;
    ended.add(client);
    void client.end().catch(() => undefined);
  }

  /** `SELECT 1` answered within the timeout, or the connection counts as dropped: a silently dead one would stop fan-out without a word. */
  function checkListener(client: pg.Client): void {
    if (checking) return; // one at a time; a stalled one ends with its timeout
    checking = true;
    let timer: unknown = null;
    const timeout = new Promise<never>((_, reject) => {
      timer = timers.setTimeout(() => reject(new Error(`no answer to SELECT 1 within ${checkTimeoutMs} ms`)), checkTimeoutMs);
    });
    Promise.race([client.query('SELECT 1'), timeout])
      .catch((err: unknown) => dropListener(client, 'the LISTEN connection did not answer its check', err))
      .finally(() => {
        timers.clearTimeout(timer);
        checking = false;
      });
  }

  function stopChecks(): void {
    stopCheckTimer?.();
    stopCheckTimer = null;
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: options.connectionString, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_AFTER_MS });
    client.on('notification', onNotification);
    client.on('error', (err) => dropListener(client, 'the LISTEN connection failed', err));
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (err) {
      endOnce(client);
      throw err;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    reconnectWait.reset();
    stopCheckTimer = every(timers, checkEveryMs, () => checkListener(client));
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer !== null) return;
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      listen().then(
        // Notices sent while it was away are lost, for collections never read here as well: read every collection on.
        () => {
          for (const c of COLLECTION_NAMES) prompt(c);
        },
        (err: unknown) => {
          warn('live fan-out: reconnecting LISTEN failed', err);
          scheduleReconnect();
        },
      );
    }, reconnectWait.next());
  }

  await listen();
  // Changes stored before LISTEN was in place belong to before this process: streams connecting now start with RESYNC.
  start = Math.max(start, await options.store.headPosition());

  return {
    publish(notice) {
      const last = notice.records[notice.records.length - 1];
      if (!last) return;
      let own = ownBeyond.get(notice.collection);
      if (!own) ownBeyond.set(notice.collection, (own = new Set()));
      // A read already past a position handed it on: a push of this process commits, a read prompted
      // meanwhile (another process's notice) finds its records in the feed, then the push publishes.
      // Handing them on again would give every stream of this process the same change twice.
      const past = seen.get(notice.collection) ?? start;
      const fresh = notice.records.filter((r) => r.position > past);
      if (fresh.length > 0) deliver(fresh.length === notice.records.length ? notice : { collection: notice.collection, records: fresh });
      for (const r of fresh) own.add(r.position);
      const payload: Notice = { o: origin, c: notice.collection, p: last.position };
      listener
        ?.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(payload)])
        .catch((err: unknown) => warn('live fan-out: NOTIFY failed (other processes catch up with the next change)', err));
      prompt(notice.collection);
    },
    async beginAtHead() {
      const head = await options.store.headPosition();
      start = Math.max(start, head);
      for (const [c, p] of seen) seen.set(c, Math.max(p, head));
      for (const own of ownBeyond.values()) for (const p of own) if (p <= head) own.delete(p);
    },
    async idle() {
      while (reading.size > 0) await Promise.allSettled([...reading.values()]);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      closed = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      stopChecks();
      await Promise.allSettled([...reading.values()]);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
    },
  };
}
