/**
 * [P13] Live streams across server processes on one PostgreSQL database: two
 * stores and two notifiers on one schema stand for two server processes
 * (each has its own connections, as processes would), and in the last test
 * two whole servers over real HTTP. The notifiers' timers are hand-driven: no
 * test here waits on the clock, only on PostgreSQL answering.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoDataset } from '../../src/demo/demo-data.ts';
import { admin, enroll, push, reading, row, sseReader, T0, testConfig, TEST_DATABASE_URL, type TestServer } from '../http/testing/test-support.ts';
import { loadDataset } from '../seed-demo.ts';
import { buildServer } from '../server.ts';
import { openPostgresStore } from '../store/postgres-store.ts';
import type { Store, StoredRecord } from '../store/store.ts';
import type { ChangeNotice } from './live-hub.ts';
import { openPostgresNotifier, type PostgresNotifier, type PostgresNotifierOptions } from './postgres-notifier.ts';
import { createPrng } from '../../src/domain/records/prng.ts';
import { LISTEN_RECONNECT, waitsOf } from '../../src/domain/retry/backoff.ts';
import { manualTimers, type ManualTimers } from '../testing/manual-timers.ts';

interface Process {
  store: Store;
  notifier: PostgresNotifier;
  heard: StoredRecord[];
  /** The notifier's reconnect wait, checks and check timeouts: they fire when the test says so. */
  timers: ManualTimers;
}

/** Each process's reconnect jitter comes from this seed: its waits are known in advance. */
const JITTER_SEED = 'postgres-notifier';

let schema = '';
const processes: Process[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function startProcess(options: Partial<PostgresNotifierOptions> = {}): Promise<Process> {
  const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
  const timers = manualTimers();
  const notifier = await openPostgresNotifier({ connectionString: TEST_DATABASE_URL, schema, store, timers, random: createPrng(JITTER_SEED).next, ...options });
  const p: Process = { store, notifier, heard: [], timers };
  notifier.subscribe((n: ChangeNotice) => p.heard.push(...n.records));
  processes.push(p);
  return p;
}

/** Stores a reading the way a push does; `announce`: false is a NOTIFY that never arrived. */
async function store(p: Process, announce = true): Promise<StoredRecord> {
  const doc = reading();
  const [outcome] = await p.store.applyWrites('kpi_readings', [{ id: doc.id, newDocument: { ...doc }, assumedMasterRev: null }], new Date(T0).toISOString());
  if (outcome?.status !== 'written') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  if (announce) p.notifier.publish({ collection: 'kpi_readings', records: [outcome.record] });
  return outcome.record;
}

const idsHeard = (p: Process) => p.heard.map((r) => r.id);

/** A warn hook and a promise for the first warning that contains `text`. */
function warnedOf(text: string) {
  let heard: () => void = () => undefined;
  const warned = new Promise<void>((resolve) => (heard = resolve));
  return { warned, warn: (message: string) => (message.includes(text) ? heard() : undefined) };
}

/** The test database's URL with its host and port or parameters changed. */
function databaseUrl(change: (url: URL) => void): string {
  const url = new URL(TEST_DATABASE_URL);
  change(url);
  return url.toString();
}

/**
 * A TCP proxy to PostgreSQL that can stall the connections it holds: bytes
 * stop flowing both ways and nothing is closed, as when a NAT forgets a
 * connection. New connections pass as before.
 */
async function stallingProxy() {
  const target = new URL(TEST_DATABASE_URL);
  const pairs: [net.Socket, net.Socket][] = [];
  const server = net.createServer((device) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    device.pipe(upstream).pipe(device);
    device.on('error', () => upstream.destroy());
    upstream.on('error', () => device.destroy());
    pairs.push([device, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: databaseUrl((u) => {
      u.hostname = '127.0.0.1';
      u.port = String(port);
    }),
    stall() {
      for (const [device, upstream] of pairs) {
        device.unpipe(upstream);
        upstream.unpipe(device);
        device.pause();
        upstream.pause();
      }
    },
    async close() {
      for (const [device, upstream] of pairs) {
        device.destroy();
        upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

beforeEach(async () => {
  schema = `tb_notify_${randomBytes(6).toString('hex')}`;
  const first = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 2 });
  await first.migrate();
  await loadDataset(first, demoDataset(), new Date(T0).toISOString());
  await first.close();
});

afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  for (const p of processes.splice(0)) {
    await p.notifier.close();
    await p.store.close();
  }
  await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
});

describe('[P13] live fan-out across processes', () => {
  it('a change stored by one process reaches the other; the storing process hands it on once', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const stored = await store(a);
    expect(idsHeard(a)).toEqual([stored.id]);
    await vi.waitFor(() => expect(idsHeard(b)).toEqual([stored.id]));
    const back = await store(b);
    await vi.waitFor(() => expect(idsHeard(a)).toEqual([stored.id, back.id]));
    // Once both have read their feeds on past their own changes, nothing came twice.
    await Promise.all([a.notifier.idle(), b.notifier.idle()]);
    expect(idsHeard(a)).toEqual([stored.id, back.id]);
    expect(idsHeard(b)).toEqual([stored.id, back.id]);
  });

  it('a notice that never arrived is made up for by the next change', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const lost = await store(a, false);
    const next = await store(b);
    await vi.waitFor(() => expect(new Set(idsHeard(b))).toEqual(new Set([lost.id, next.id])));
    expect(idsHeard(b)).toHaveLength(2);
  });

  it('many changes from both sides at once: each process hears every change exactly once', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const written = await Promise.all(Array.from({ length: 40 }, (_, i) => store(i % 2 ? a : b)));
    const all = written.map((r) => r.id).sort();
    await vi.waitFor(() => expect([...idsHeard(a)].sort()).toEqual(all));
    await vi.waitFor(() => expect([...idsHeard(b)].sort()).toEqual(all));
  });

  it('after the LISTEN connection is back, a change to a collection this process never read, stored while it was away, is heard', async () => {
    const a = await startProcess();
    const name = `tb_listen_${randomBytes(6).toString('hex')}`;
    const { warned, warn } = warnedOf('LISTEN connection failed');
    const b = await startProcess({ connectionString: databaseUrl((u) => u.searchParams.set('application_name', name)), warn });
    await admin((c) => c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]));
    await warned;
    // B waits to reconnect, the first wait of the shared retry policy ([C-B1]) for its jitter.
    expect(b.timers.delays()).toEqual(waitsOf(LISTEN_RECONNECT, createPrng(JITTER_SEED).next, 1));
    // This change and its NOTIFY come while it is away; then its wait is over.
    const stored = await store(a);
    b.timers.fireAll();
    await vi.waitFor(() => expect(idsHeard(b)).toEqual([stored.id]), { timeout: 5000 });
    await b.notifier.idle();
    expect(idsHeard(b)).toEqual([stored.id]);
  });

  it('a LISTEN connection that stops answering its check is replaced, and fan-out goes on', async () => {
    const proxy = await stallingProxy();
    cleanups.push(() => proxy.close());
    const a = await startProcess();
    const { warned, warn } = warnedOf('did not answer its check');
    const name = `tb_listen_${randomBytes(6).toString('hex')}`;
    const url = new URL(proxy.url);
    url.searchParams.set('application_name', name);
    const b = await startProcess({ connectionString: url.toString(), checkEveryMs: 30_000, checkTimeoutMs: 10_000, warn });
    const stalledAt = await admin(async (c) => (await c.query<{ now: Date }>('SELECT now()')).rows[0]?.now);
    proxy.stall();
    const lost = await store(a); // its NOTIFY goes down the stalled connection
    // The check comes due and asks SELECT 1 down the stalled connection; no answer before its timeout.
    b.timers.fire(30_000);
    expect(b.timers.delays()).toContain(10_000);
    b.timers.fire(10_000);
    await warned;
    // Replaced after the reconnect wait (the checks of the dead connection are stopped).
    expect(b.timers.pending()).toBe(1);
    b.timers.fireAll();
    // The replacement is listening once it has run its LISTEN.
    await vi.waitFor(
      async () => {
        const { rows } = await admin((c) =>
          c.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND backend_start > $2 AND state = 'idle' AND query <> ''", [name, stalledAt]),
        );
        expect(rows).toHaveLength(1);
      },
      { timeout: 5000 },
    );
    const next = await store(a);
    await vi.waitFor(() => expect(new Set(idsHeard(b))).toEqual(new Set([lost.id, next.id])), { timeout: 5000 });
    expect(idsHeard(b)).toHaveLength(2);
  });

  it('over HTTP: a wall screen streaming from server B sees a reading a tablet pushed to server A', async () => {
    const servers: TestServer[] = [];
    for (let i = 0; i < 2; i++) {
      const p = await startProcess();
      const clock = { now: T0 };
      const timers = manualTimers();
      const app = await buildServer(testConfig(), { store: p.store, notifier: p.notifier, clock: () => clock.now, timers, logLevel: 'error' });
      servers.push({ app, store: p.store, clock, timers, close: () => app.close() });
      cleanups.push(() => app.close());
    }
    const [serverA, serverB] = servers as [TestServer, TestServer];
    const tablet = await enroll(serverA, 'tablet');
    const wall = await enroll(serverB, 'wall_screen');
    const url = await serverB.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/api/replication/stream`, { headers: wall.auth });
    const events = sseReader(res.body as ReadableStream<Uint8Array>);
    expect(await events.next()).toBe('RESYNC');
    const r = reading();
    expect((await push(serverA, tablet, 'kpi_readings', [row(r)])).statusCode).toBe(200);
    const event = (await events.next()) as { collection: string; documents: { id: string }[] };
    expect(event.collection).toBe('kpi_readings');
    expect(event.documents.map((d) => d.id)).toEqual([r.id]);
    await events.cancel();
  });
});
