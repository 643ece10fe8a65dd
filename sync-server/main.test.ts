/**
 * [P13] `main.ts` as it starts a fresh demo on PostgreSQL: its own process on
 * its own empty database, enrolled and streamed to over real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { admin, reading, row, sseReader, TEST_DATABASE_URL } from './http/testing/test-support.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess | null = null;
let database = '';

/** Starts `tsx sync-server/main.ts` and waits for its console lines up to the codes' expiry. */
async function startMain(databaseUrl: string, demo: '1' | null = '1', until = 'Codes work once'): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', TIERBOARD_PUBLIC_URL: '' };
  if (demo) env.TIERBOARD_DEMO = demo;
  else delete env.TIERBOARD_DEMO;
  const proc = spawn(`${repo}node_modules/.bin/tsx`, ['sync-server/main.ts'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(until)) resolve(out);
    });
    proc.once('exit', (code) => reject(new Error(`main.ts exited (${code}): ${out}${err}`)));
  });
}

async function enroll(url: string, code: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'main under test' }) });
  if (res.status !== 200) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/** Every document the stream hands on until it has been quiet for `quietMs`. */
async function documentsUntilQuiet(events: ReturnType<typeof sseReader>, quietMs: number): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const quiet = new Promise<'quiet'>((resolve) => setTimeout(() => resolve('quiet'), quietMs));
    const event = await Promise.race([events.next(), quiet]);
    if (event === 'quiet') return ids;
    ids.push(...(event as { documents: { id: string }[] }).documents.map((d) => d.id));
  }
}

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  child = null;
  if (database) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  database = '';
});

describe('[P13] main.ts on PostgreSQL', () => {
  it('a fresh demo start does not hand the unpublished seed to every stream with the first pushed change', async () => {
    database = `tb_main_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    const databaseUrl = new URL(TEST_DATABASE_URL);
    databaseUrl.pathname = `/${database}`;
    const out = await startMain(databaseUrl.toString());
    expect(out).toContain('Demo data: loaded the demo enterprise');
    const url = /server: (http:\/\/\S+)/.exec(out)?.[1] ?? '';
    const tablet = /Enroll a line tablet \(plant (\S+), line (\S+)\): code (\S+)/.exec(out);
    const wall = /Enroll a wall screen \(plant \S+\): code (\S+)/.exec(out);
    if (!url || !tablet || !wall) throw new Error(`unexpected console: ${out}`);
    const [, plantId, lineId, tabletCode] = tablet as unknown as [string, string, string, string];
    const tabletAuth = await enroll(url, tabletCode);
    const wallAuth = await enroll(url, wall[1] ?? '');

    const res = await fetch(`${url}/api/replication/stream`, { headers: wallAuth });
    const events = sseReader(res.body as ReadableStream<Uint8Array>);
    expect(await events.next()).toBe('RESYNC');
    const now = new Date();
    const r = reading({ plantId, lineId, kpiId: `kpi-${lineId.replace(/^line-/, '')}-oee`, recordedAt: now.toISOString(), productionDate: now.toISOString().slice(0, 10) });
    const pushed = await fetch(`${url}/api/replication/kpi_readings/push`, {
      method: 'POST',
      headers: { ...tabletAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [row(r)] }),
    });
    expect(pushed.status, await pushed.text()).toBe(200);
    // The seed's week of readings came before the stream connected: its RESYNC pull has them, the stream must not.
    expect(await documentsUntilQuiet(events, 1500)).toEqual([r.id]);
    await events.cancel();
  }, 60_000);
});

describe('[E9] main.ts without the demo flag', () => {
  it('[E9] an empty PostgreSQL database stays empty, and the log says the demo is off', async () => {
    database = `tb_main_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    const databaseUrl = new URL(TEST_DATABASE_URL);
    databaseUrl.pathname = `/${database}`;
    const out = await startMain(databaseUrl.toString(), null, 'Demo data:');
    expect(out).toMatch(/Demo data: off/);
    expect(out).not.toContain('Enroll a line tablet');
    const url = /server: (http:\/\/\S+)/.exec(out)?.[1] ?? '';
    // No demo code enrolls anything: nothing was made.
    const res = await fetch(`${url}/api/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'ACDE-FGHJ-KMNP-QRTW-XY34' }) });
    expect(res.status).toBe(404);
    const client = new pg.Client({ connectionString: databaseUrl.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT ((SELECT count(*) FROM records) + (SELECT count(*) FROM enrollment_codes))::text AS n');
      expect(rows[0]?.n).toBe('0');
    } finally {
      await client.end();
    }
  }, 60_000);
});
