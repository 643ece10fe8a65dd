/**
 * Shared by the HTTP tests: a fresh store per test on either engine, the
 * demo roster as fixtures, a controllable clock and enrolled devices.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { demoDataset } from '../../../src/demo/demo-data.ts';
import type { DeviceKind } from '../../../src/domain/people/people-types.ts';
import type { EscalationEvent } from '../../../src/domain/escalation/escalation-types.ts';
import type { KpiReading } from '../../../src/domain/kpi/kpi-types.ts';
import { DEMO_PIN } from '../../../src/demo/demo-people.ts';
import { hashPin, parsePinHash } from '../../../src/domain/people/pin.ts';
import { TEST_PIN_ITERATIONS } from '../../../src/domain/people/testing/test-pins.ts';
import { issueEnrollmentCode } from '../../auth/enrollment.ts';
import { nodePbkdf2Derive } from '../../auth/pin-derive.ts';
import type { ServerConfig } from '../../config.ts';
import { loadDataset } from '../../seed-demo.ts';
import { buildServer, type ServerDeps } from '../../server.ts';
import { openPostgresStore } from '../../store/postgres-store.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { manualTimers, type ManualTimers } from '../../testing/manual-timers.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `run` on a connection of its own to the test server (drop a schema, end another backend). */
export async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  open(): Promise<{ store: Store; destroy(): Promise<void> }>;
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'tierboard-http-'));
    const store = await openSqliteStore(join(dir, 'test.sqlite'));
    await store.migrate();
    return {
      store,
      destroy: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresEngine: Engine = {
  name: 'postgres',
  async open() {
    // A schema per test: parallel test files never see each other's rows.
    const schema = `tb_http_${randomBytes(6).toString('hex')}`;
    const store = await openPostgresStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
    await store.migrate();
    return {
      store,
      destroy: async () => {
        await store.close();
        await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      },
    };
  },
};

export const T0 = Date.parse('2026-03-02T06:00:00.000Z');
export const BOCHUM = 'plant-bochum';
export const PEORIA = 'plant-peoria';
export const PR1 = 'line-bochum-pr1';
export const PEOPLE = {
  admin: 'person-bochum-sabine-hoffmann',
  operator: 'person-bochum-lukas-fischer',
  shiftLead: 'person-bochum-thomas-klein',
  supervisor: 'person-bochum-markus-wagner',
} as const;

export function testConfig(): ServerConfig {
  return { port: 0, host: '127.0.0.1', role: 'plant', databaseUrl: '', sqlitePath: '', distDir: '/nonexistent', demo: false, publicUrl: 'http://tierboard.test' };
}

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  clock: { now: number };
  /** The streams' heartbeats: they fire when the test says so (`fireAll`), never by the clock. */
  timers: ManualTimers;
  close(): Promise<void>;
}

/** A server over a fresh store holding the demo enterprise's structure and roster (no readings). */
export async function startTestServer(
  engine: Engine,
  options: Pick<ServerDeps, 'heartbeatMs' | 'streamBacklogBytes' | 'edgeLimits' | 'rateLimits' | 'logLevel' | 'logStream'> = {},
): Promise<TestServer> {
  const { store, destroy } = await engine.open();
  const clock = { now: T0 };
  const timers = manualTimers();
  await loadDataset(store, demoDataset(), new Date(T0).toISOString());
  const app = await buildServer(testConfig(), { store, clock: () => clock.now, timers, logLevel: 'error', pinIterations: TEST_PIN_ITERATIONS, ...options });
  await app.ready();
  return {
    app,
    store,
    clock,
    timers,
    close: async () => {
      await app.close();
      await destroy();
    },
  };
}

export interface Enrolled {
  deviceId: string;
  token: string;
  auth: { authorization: string };
}

/** Enroll a device the way a tablet does: a code made by the server, redeemed over HTTP. */
export async function enroll(s: TestServer, kind: DeviceKind, plantId = BOCHUM, lineId = PR1): Promise<Enrolled> {
  const issued = await issueEnrollmentCode(s.store, { plantId, kind, lineId, createdBy: 'test', origin: 'http://tierboard.test' }, s.clock.now);
  const res = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: issued.code, name: `${kind} under test` } });
  if (res.statusCode !== 200) throw new Error(`enroll failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ deviceId: string; token: string }>();
  return { deviceId: body.deviceId, token: body.token, auth: { authorization: `Bearer ${body.token}` } };
}

/**
 * [T2] A person session the server verified, as a header for admin routes and privileged pushes.
 * The demo's hashes cost 600,000 iterations each; the person's PIN is first stored again at the
 * tests' small count (straight into the store, as a roster import would), so signing in is cheap.
 */
export async function signInOnServer(s: TestServer, device: Enrolled, personId: string, pin = DEMO_PIN): Promise<Record<string, string>> {
  const [stored] = await s.store.getByIds('people', [personId]);
  if (stored && parsePinHash(String(stored.data.pinHash))?.iterations !== TEST_PIN_ITERATIONS) {
    const pinSalt = String(stored.data.pinSalt) || 'test-salt-0123456789abcdef';
    const pinHash = await hashPin(pin, pinSalt, nodePbkdf2Derive, TEST_PIN_ITERATIONS);
    await s.store.applyWrites('people', [{ id: personId, newDocument: { ...stored.data, pinHash, pinSalt }, assumedMasterRev: stored.rev }], new Date(s.clock.now).toISOString());
  }
  const res = await s.app.inject({ method: 'POST', url: '/api/person-sessions', headers: device.auth, payload: { personId, pin } });
  if (res.statusCode !== 201) throw new Error(`person session failed: ${res.statusCode} ${res.body}`);
  return { 'x-tierboard-person-session': res.json<{ token: string }>().token };
}

let seq = 0;
/** A distinct, valid record id for each call. */
export function nextId(prefix: string): string {
  seq += 1;
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}

export function reading(overrides: Partial<KpiReading> = {}): KpiReading {
  return {
    id: nextId('reading'),
    kpiId: 'kpi-bochum-pr1-oee',
    plantId: BOCHUM,
    lineId: PR1,
    shiftCode: 'A',
    productionDate: '2026-03-02',
    value: 71.5,
    personId: PEOPLE.operator,
    deviceId: 'tablet-under-test',
    recordedAt: '2026-03-02T05:58:00.000Z',
    clockOffsetMs: 0,
    note: '',
    supersedes: '',
    correctionReason: '',
    receivedAt: '',
    ...overrides,
  };
}

export function escalationEvent(overrides: Partial<EscalationEvent> = {}): EscalationEvent {
  return {
    id: nextId('event'),
    escalationId: 'escalation-1',
    plantId: BOCHUM,
    type: 'closed',
    at: '2026-03-02T05:59:00.000Z',
    personId: PEOPLE.operator,
    deviceId: 'tablet-under-test',
    tier: 0,
    toPersonId: '',
    comment: '',
    whys: [],
    rootCause: '',
    action: '',
    receivedAt: '',
    ...overrides,
  };
}

export function row(doc: object, assumed: object | null = null) {
  return { newDocumentState: { ...doc, _deleted: false }, assumedMasterState: assumed };
}

export async function push(s: TestServer, device: Enrolled, collection: string, rows: object[], headers: Record<string, string> = {}) {
  return s.app.inject({ method: 'POST', url: `/api/replication/${collection}/push`, headers: { ...device.auth, ...headers }, payload: { rows } });
}

export async function pullAll(s: TestServer, device: Enrolled, collection: string): Promise<Record<string, unknown>[]> {
  const docs: Record<string, unknown>[] = [];
  let checkpoint = '';
  for (;;) {
    const res = await s.app.inject({ method: 'GET', url: `/api/replication/${collection}/pull?checkpoint=${checkpoint}&limit=100`, headers: device.auth });
    if (res.statusCode !== 200) throw new Error(`pull failed: ${res.statusCode} ${res.body}`);
    const body = res.json<{ documents: Record<string, unknown>[]; checkpoint: { position: number } | null }>();
    docs.push(...body.documents);
    if (body.documents.length === 0 || !body.checkpoint) return docs;
    checkpoint = String(body.checkpoint.position);
  }
}

/** Reads `data:` events off an SSE body, one at a time. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  async function block(): Promise<string> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const found = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return found;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  }
  return {
    /** The next event's data, past any comment (`: ping`). */
    async next(): Promise<unknown> {
      for (;;) {
        const data = (await block()).split('\n').find((l) => l.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6));
      }
    },
    /** Resolves at the next `: ping` heartbeat; an event before it is a test failure. */
    async ping(): Promise<void> {
      const found = await block();
      if (found !== ': ping') throw new Error(`expected a heartbeat, got ${found}`);
    },
    cancel: () => reader.cancel(),
  };
}
