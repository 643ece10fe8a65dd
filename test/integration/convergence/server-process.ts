/**
 * The real sync server as a child process (`node --import tsx sync-server/main.ts`), on a
 * fixed port over a data home that outlives it, so the convergence test can
 * SIGKILL it at any moment and start it again on the same data and URL.
 *
 * A data home is a SQLite file in a temp folder, or a fresh PostgreSQL
 * database (`tb_conv_<random>`): the server takes no schema setting, and a
 * database of its own keeps parallel test files apart just as well.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { demoDataset } from '../../../src/demo/demo-data.ts';
import { issueEnrollmentCode } from '../../../sync-server/auth/enrollment.ts';
import { loadDataset } from '../../../sync-server/seed-demo.ts';
import { openStore } from '../../../sync-server/store/open-store.ts';
import type { Store } from '../../../sync-server/store/store.ts';

export type EngineName = 'sqlite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface DataHome {
  engine: EngineName;
  /** Environment for the server process that points it at this data. */
  env: Record<string, string>;
  openStore(): Promise<Store>;
  destroy(): Promise<void>;
}

export async function createDataHome(engine: EngineName): Promise<DataHome> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tierboard-convergence-'));
    const sqlitePath = join(dir, 'server.sqlite');
    return {
      engine,
      env: { SQLITE_PATH: sqlitePath, DATABASE_URL: '' },
      openStore: () => openStore({ sqlitePath }),
      destroy: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `tb_conv_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL);
  const adminUrl = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    engine,
    env: { DATABASE_URL: url.toString() },
    openStore: () => openStore({ url: url.toString() }),
    // FORCE: a SIGKILLed server may leave backends that PostgreSQL has not reaped yet.
    destroy: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export interface EnrollmentRequest {
  plantId: string;
  lineId: string;
}

/**
 * Loads the demo enterprise's structure, roster, definitions and OKRs (no
 * readings: every reading on the server is one a test device made) and issues
 * one tablet code per device. Done on the store directly, before the first
 * start, so the server runs with TIERBOARD_DEMO=0 and prints nothing to parse.
 */
export async function prepareData(home: DataHome, devices: readonly EnrollmentRequest[], nowMs: number): Promise<string[]> {
  const store = await home.openStore();
  try {
    await loadDataset(store, demoDataset(), new Date(nowMs).toISOString());
    const codes: string[] = [];
    for (const d of devices) {
      const issued = await issueEnrollmentCode(store, { plantId: d.plantId, kind: 'tablet', lineId: d.lineId, createdBy: 'convergence-test', origin: 'http://tierboard.test' }, nowMs);
      codes.push(issued.code);
    }
    return codes;
  } finally {
    await store.close();
  }
}

/**
 * A free port BELOW Linux's ephemeral range (32768-60999). The server must
 * come back on the same port after a SIGKILL, and while it is down the
 * devices keep connecting to it: with a port inside the ephemeral range a
 * connect to 127.0.0.1:<port> can be given <port> as its own source port and
 * connect to itself (TCP simultaneous open), and the restart then fails with
 * EADDRINUSE (seen in the first runs of this test).
 */
export async function freePort(rng: () => number = Math.random): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(rng() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** Starting tsx and opening the store takes 1-3 s here; 30 s means the server is broken, not slow. */
const START_TIMEOUT_MS = 30_000;

export class ServerProcess {
  readonly url: string;
  private child: ChildProcess | null = null;
  /** Exits we did not cause (a crash): a finding, reported at the end. */
  readonly unexpectedExits: string[] = [];
  private output = '';
  starts = 0;
  kills = 0;

  constructor(
    private readonly home: DataHome,
    private readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get up(): boolean {
    return this.child !== null;
  }

  /** The last lines the server printed, for failure reports. */
  tail(lines = 20): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  async start(): Promise<void> {
    if (this.child) return;
    this.starts++;
    // `node --import tsx`, not the tsx CLI: the CLI runs the server in a child process of its own,
    // so a SIGKILL would kill only the CLI and leave the server listening (seen: EADDRINUSE on restart).
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
      env: { ...process.env, ...this.home.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'error', TIERBOARD_DEMO: '0', DIST_DIR: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${printed}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        printed += text;
        this.output += text;
        if (/server: http:\/\//.test(printed)) {
          clearTimeout(timer);
          done();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`server exited at start (${code ?? signal}):\n${printed}`));
      });
    });
    child.removeAllListeners('exit');
    child.once('exit', (code, signal) => {
      if (this.child === child) {
        this.unexpectedExits.push(`server exited by itself (${code ?? signal}):\n${this.tail()}`);
        this.child = null;
      }
    });
    this.child = child;
  }

  /** SIGKILL: no shutdown hook runs, open transactions die with the process. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    this.kills++;
    await new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }
}
