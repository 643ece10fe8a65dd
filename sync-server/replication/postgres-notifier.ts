/**
 * Live fan-out across server processes on one PostgreSQL database ([P11]):
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
 *   Feed positions are given in commit order ([S1]), so what a notice points
 *   at is committed and nothing before it is skipped.
 * - After each of its own changes a process also reads the feed on (at most
 *   one read per collection in flight): so its own changes are not kept in
 *   memory until the next notice, and a change whose notice was lost (the
 *   LISTEN connection dropped) still arrives with the next change.
 * - The LISTEN connection reconnects by itself (doubling waits up to 10 s)
 *   and reads every collection's feed on when it is back.
 *
 * Streams treat every event as a prompt to pull from their checkpoint
 * (src/sync), so an event that arrives late or twice costs a pull, never a
 * missed or doubled record.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { CollectionName } from '../../src/domain/collections.ts';
import type { Store, StoredRecord } from '../store/store.ts';
import type { ChangeNotice, ChangeNotifier } from './live-hub.ts';

/** How many changes one feed read hands on. */
const READ_BATCH = 500;
const RECONNECT_MAX_MS = 10_000;

export interface PostgresNotifierOptions {
  connectionString: string;
  /** The store's schema: the channel is per schema, so two Tierboards on one server do not hear each other. */
  schema?: string;
  store: Pick<Store, 'changesSince' | 'headPosition'>;
  /** Where problems go (a lost LISTEN connection); console.warn by default. */
  warn?: (message: string, err: unknown) => void;
}

interface Notice {
  /** The process that stored the change. */
  o: string;
  c: CollectionName;
  p: number;
}

export interface PostgresNotifier extends ChangeNotifier {
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
  let retryMs = 250;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

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

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: options.connectionString });
    client.on('notification', onNotification);
    client.on('error', (err) => {
      warn('live fan-out: the LISTEN connection failed; reconnecting', err);
      void client.end().catch(() => undefined);
      if (listener === client) {
        listener = null;
        scheduleReconnect();
      }
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    listener = client;
    retryMs = 250;
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      listen().then(
        // Notices sent while it was away are lost: read every collection that has been seen on.
        () => {
          for (const c of new Set([...seen.keys(), ...ownBeyond.keys()])) prompt(c);
        },
        (err: unknown) => {
          warn('live fan-out: reconnecting LISTEN failed', err);
          retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
          scheduleReconnect();
        },
      );
    }, retryMs);
  }

  await listen();
  // Changes stored before LISTEN was in place belong to before this process: streams connecting now start with RESYNC.
  start = Math.max(start, await options.store.headPosition());

  return {
    publish(notice) {
      deliver(notice);
      const last = notice.records[notice.records.length - 1];
      if (!last) return;
      let own = ownBeyond.get(notice.collection);
      if (!own) ownBeyond.set(notice.collection, (own = new Set()));
      // A read already past a position (a concurrent push of this process published late) handed it on.
      const past = seen.get(notice.collection) ?? start;
      for (const r of notice.records) if (r.position > past) own.add(r.position);
      const payload: Notice = { o: origin, c: notice.collection, p: last.position };
      listener
        ?.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(payload)])
        .catch((err: unknown) => warn('live fan-out: NOTIFY failed (other processes catch up with the next change)', err));
      prompt(notice.collection);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await Promise.allSettled([...reading.values()]);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
    },
  };
}
