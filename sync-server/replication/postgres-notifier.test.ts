/**
 * [P13] Live streams across server processes on one PostgreSQL database: two
 * stores and two notifiers on one schema stand for two server processes
 * (each has its own connections, as processes would), and in the last test
 * two whole servers over real HTTP.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoDataset } from '../../src/demo/demo-data.ts';
import { enroll, push, reading, row, sseReader, T0, testConfig, TEST_DATABASE_URL, type TestServer } from '../http/test-support.ts';
import { loadDataset } from '../seed-demo.ts';
import { buildServer } from '../server.ts';
import { openPostgresStore } from '../store/postgres-store.ts';
import type { Store, StoredRecord } from '../store/store.ts';
import type { ChangeNotice } from './live-hub.ts';
import { openPostgresNotifier, type PostgresNotifier } from './postgres-notifier.ts';

interface Process {
  store: Store;
  notifier: PostgresNotifier;
  heard: StoredRecord[];
}

let schema = '';
const processes: Process[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function startProcess(): Promise<Process> {
  const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
  const notifier = await openPostgresNotifier({ connectionString: TEST_DATABASE_URL, schema, store });
  const p: Process = { store, notifier, heard: [] };
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
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
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
    // Both have read their feeds on past their own changes by now: nothing came twice.
    await new Promise((r) => setTimeout(r, 300));
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

  it('over HTTP: a wall screen streaming from server B sees a reading a tablet pushed to server A', async () => {
    const servers: TestServer[] = [];
    for (let i = 0; i < 2; i++) {
      const p = await startProcess();
      const clock = { now: T0 };
      const app = await buildServer(testConfig(), { store: p.store, notifier: p.notifier, clock: () => clock.now, logLevel: 'error' });
      servers.push({ app, store: p.store, clock, close: () => app.close() });
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
