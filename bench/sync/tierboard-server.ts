/**
 * The Tierboard sync server as the benchmark runs it: `sync-server/main.ts` in
 * its own Node process (as test/e2e/harness.ts startServer does), demo off,
 * over a store prepared beforehand with the demo enterprise's structure and
 * roster (readings are authorised against the roster) and one enrollment code
 * per simulated device.
 *
 * Unlike startServer we run `node --import tsx` rather than the tsx CLI: the
 * CLI forks a second Node process, and we need the server's own pid for its
 * RSS and for `--cpu-prof`.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { demoDataset } from '../../src/demo/demo-data.ts';
import { issueEnrollmentCode } from '../../sync-server/auth/enrollment.ts';
import { loadDataset } from '../../sync-server/seed-demo.ts';
import { openStore } from '../../sync-server/store/open-store.ts';
import { BENCH_ADMIN, BENCH_PLANT } from './readings.ts';

export interface StoreTarget {
  /** postgres:// URL, or '' for SQLite at sqlitePath. */
  databaseUrl: string;
  sqlitePath: string;
}

/** Loads the structure and roster into an empty store and returns `codes` fresh enrollment codes (line tablets). */
export async function prepareStore(target: StoreTarget, codes: number, lineId: string): Promise<string[]> {
  const store = await openStore({ url: target.databaseUrl, sqlitePath: target.sqlitePath });
  try {
    const now = Date.now();
    await loadDataset(store, demoDataset(), new Date(now).toISOString());
    const out: string[] = [];
    for (let i = 0; i < codes; i++) {
      const issued = await issueEnrollmentCode(store, { plantId: BENCH_PLANT, kind: 'tablet', lineId, createdBy: BENCH_ADMIN, origin: 'http://bench.invalid' }, now);
      out.push(issued.code);
    }
    return out;
  } finally {
    await store.close();
  }
}

export interface BenchServer {
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

export function startBenchServer(target: StoreTarget, nodeArgs: string[] = []): Promise<BenchServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'sync-server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TIERBOARD_DEMO: '0',
      // Every simulated tablet connects from 127.0.0.1: the storm's 100 devices hold a stream and
      // a pull each at once, so the per-address cap (200, SPEC [E4]) would be the bench's limit.
      TIERBOARD_CONNECTIONS_PER_ADDRESS: '10000',
      DATABASE_URL: target.databaseUrl,
      SQLITE_PATH: target.sqlitePath,
      DIST_DIR: '/nonexistent-bench-dist',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start in 30 s:\n${output}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /server: (http:\/\/\S+)/.exec(output);
      if (match?.[1] && child.pid !== undefined) {
        clearTimeout(timer);
        resolve({ url: match[1].replace('localhost', '127.0.0.1'), pid: child.pid, stop });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

export interface EnrolledDevice {
  deviceId: string;
  token: string;
}

/** Redeems each code over HTTP, the way a tablet does (POST /api/enroll). */
export async function enrollDevices(url: string, codes: readonly string[]): Promise<EnrolledDevice[]> {
  const out: EnrolledDevice[] = [];
  for (const [i, code] of codes.entries()) {
    const res = await fetch(`${url}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: `bench tablet ${i + 1}` }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 200) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as EnrolledDevice;
    out.push({ deviceId: body.deviceId, token: body.token });
  }
  return out;
}

/**
 * How many readings whose id starts with `idPrefix` the server's store holds, read
 * straight from its database after a run (outside the timed region): a push answered
 * 200 must have stored every row it carried, and the figure counts only stored rows.
 */
export async function storedReadings(target: StoreTarget, idPrefix: string): Promise<number> {
  const pattern = `${idPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const sql = "SELECT count(*) AS n FROM records WHERE collection = 'kpi_readings' AND id LIKE $1 ESCAPE '\\'";
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(sql, [pattern]);
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  }
  const db = new Database(target.sqlitePath, { readonly: true });
  try {
    return (db.prepare(sql.replace('$1', '?')).get(pattern) as { n: number }).n;
  } finally {
    db.close();
  }
}
