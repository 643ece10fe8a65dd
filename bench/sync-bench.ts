/**
 * `npm run bench:sync`: the sync server's figures from issue #3, each beside its baseline in the same run.
 *
 * - push throughput: 50,000 readings from 20 devices at once over HTTP, on SQLite and on PostgreSQL, against a
 *   plain batched insert of the same rows into the same engine;
 * - the peer: PouchDB clients replicating the same readings to a PouchDB server (express-pouchdb, in-memory
 *   adapter, its own process like ours);
 * - reconnect storm: 100 devices reconnect at once, each with 500 unsent readings and 20,000 behind;
 * - live latency: a reading pushed by one tablet until it arrives on another's live stream.
 *
 * Batch sizes are the real client's (src/sync/replication.ts). Progress goes to stderr; the last line on stdout
 * is one JSON object. Knobs: BENCH_RECORDS, BENCH_REPEATS, BENCH_POUCH_REPEATS, BENCH_STORM_DEVICES,
 * BENCH_CPU_PROF=<dir> (servers write V8 CPU profiles there), DATABASE_URL (PostgreSQL, `test` database by default).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PULL_BATCH, PUSH_BATCH } from '../src/sync/replication.ts';
import { DeviceClient } from './sync/device-client.ts';
import { liveLatency } from './sync/live-latency.ts';
import { pouchReplicate, startPouchServer, type PouchServer } from './sync/pouch-replication.ts';
import { currentRssMB, resetPeak, sampleMemory } from './sync/process-memory.ts';
import { pushAll, readingsFor } from './sync/push-throughput.ts';
import { openRawPostgres, openRawSqlite, type RawTarget } from './sync/raw-insert.ts';
import { makeReadings } from './sync/readings.ts';
import { reconnectStorm } from './sync/reconnect-storm.ts';
import { enrollDevices, prepareStore, startBenchServer, type BenchServer, type StoreTarget } from './sync/tierboard-server.ts';
import { median, percentile, round } from './stats.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 50_000);
const DEVICES = 20;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const POUCH_REPEATS = Number(process.env.BENCH_POUCH_REPEATS ?? 3);
const STORM_DEVICES = Number(process.env.BENCH_STORM_DEVICES ?? 100);
const STORM_UNSENT = 500;
const STORM_BEHIND = 20_000;
const LATENCY_WRITES = 200;
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LINE = 'line-bochum-pr1';
/** The whole bench aims at ~5 minutes; past 12 something hangs: clean up and fail rather than run forever. */
const WATCHDOG_MS = 12 * 60_000;

const log = (msg: string): void => {
  process.stderr.write(`[bench:sync ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

// Everything that must go at the end, newest first.
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    await fn?.().catch((err: unknown) => log(`cleanup failed: ${String(err)}`));
  }
}

const cpuProfArgs = (name: string): string[] =>
  process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}.cpuprofile`] : [];

async function tierboardServer(target: StoreTarget, codes: number, profile: string): Promise<{ server: BenchServer; clients: DeviceClient[] }> {
  const enrollmentCodes = await prepareStore(target, codes, LINE);
  const server = await startBenchServer(target, cpuProfArgs(profile));
  cleanups.push(() => server.stop());
  const devices = await enrollDevices(server.url, enrollmentCodes);
  return { server, clients: devices.map((d) => new DeviceClient(server.url, d)) };
}

interface EngineFigures {
  pushPerSec: number;
  rawPerSec: number;
  pushRuns: number[];
  rawRuns: number[];
}

/** Push and raw insert in alternating order, REPEATS times each, fresh ids every run. */
async function pushVersusRaw(clients: DeviceClient[], raw: RawTarget, engine: string): Promise<EngineFigures> {
  const pushRuns: number[] = [];
  const rawRuns: number[] = [];
  for (let run = 0; run < REPEATS; run++) {
    const perDevice = readingsFor(clients, run, RECORDS);
    const rows = makeReadings(`raw${run}`, RECORDS, 'bench-import');
    const doRaw = async (): Promise<void> => {
      const seconds = await raw.insert(rows, PUSH_BATCH);
      rawRuns.push(RECORDS / seconds);
      log(`${engine} raw insert run ${run + 1}: ${Math.round(RECORDS / seconds)} rows/s`);
    };
    const doPush = async (): Promise<void> => {
      const r = await pushAll(clients, perDevice, PUSH_BATCH);
      pushRuns.push(r.perSec);
      log(`${engine} push run ${run + 1}: ${Math.round(r.perSec)} records/s (${round(r.seconds)} s)`);
    };
    if (run % 2 === 0) {
      await doPush();
      await doRaw();
    } else {
      await doRaw();
      await doPush();
    }
  }
  return { pushPerSec: median(pushRuns), rawPerSec: median(rawRuns), pushRuns, rawRuns };
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`watchdog: still running after ${WATCHDOG_MS / 60_000} min, cleaning up and failing`);
    void cleanUp().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'tierboard-sync-bench-'));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  log(`batch sizes from src/sync/replication.ts: push ${PUSH_BATCH}, pull ${PULL_BATCH}; ${RECORDS} records, ${REPEATS} runs`);

  // ---------------------------------------------------------------- SQLite: push vs raw, then live latency
  log('SQLite: preparing store, starting server, enrolling devices');
  const sqliteTarget: StoreTarget = { databaseUrl: '', sqlitePath: join(tmp, 'push.sqlite') };
  const sqlite = await tierboardServer(sqliteTarget, DEVICES + 2, 'sqlite-push');
  const pushers = sqlite.clients.slice(0, DEVICES);
  const rawSqlite = openRawSqlite(join(tmp, 'raw.sqlite'));
  cleanups.push(() => rawSqlite.close());
  const sqliteFigures = await pushVersusRaw(pushers, rawSqlite, 'SQLite');

  const [writer, reader] = sqlite.clients.slice(DEVICES);
  if (!writer || !reader) throw new Error('latency devices missing');
  log(`live latency: ${LATENCY_WRITES} writes, 20 ms apart`);
  const latencies = await liveLatency({ writer, reader, writes: LATENCY_WRITES, warmup: 10, spacingMs: 20, prefix: 'live' });
  log(`live latency p50 ${round(percentile(latencies, 50))} ms, p95 ${round(percentile(latencies, 95))} ms`);
  await sqlite.server.stop();

  // ---------------------------------------------------------------- PostgreSQL: a fresh database, dropped at the end
  const dbName = `tierboard_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    log(`dropped database ${dbName}`);
  });
  const benchUrl = new URL(PG_URL);
  benchUrl.pathname = `/${dbName}`;
  log(`PostgreSQL: database ${dbName}, preparing store, starting server, enrolling devices`);
  const pgServer = await tierboardServer({ databaseUrl: benchUrl.toString(), sqlitePath: join(tmp, 'unused.sqlite') }, DEVICES, 'postgres-push');
  const rawPg = await openRawPostgres(benchUrl.toString(), 'raw_insert');
  cleanups.push(() => rawPg.close());
  const pgFigures = await pushVersusRaw(pgServer.clients, rawPg, 'PostgreSQL');
  await pgServer.server.stop();

  // ---------------------------------------------------------------- PouchDB peer
  log(`PouchDB: server child process, ${DEVICES} clients replicating at once, batch_size ${PUSH_BATCH}`);
  const pouchServer: PouchServer = await startPouchServer();
  cleanups.push(() => pouchServer.stop());
  const pouchRuns: number[] = [];
  for (let run = 0; run < POUCH_REPEATS; run++) {
    const perDevice = readingsFor(pushers, run, RECORDS);
    const r = await pouchReplicate(pouchServer.url, `bench${run}`, perDevice, PUSH_BATCH);
    pouchRuns.push(r.perSec);
    log(`PouchDB run ${run + 1}: ${Math.round(r.perSec)} records/s (${round(r.seconds)} s)`);
  }
  await pouchServer.stop();

  // ---------------------------------------------------------------- reconnect storm on a fresh SQLite server
  const preloaders = 10;
  log(`storm: ${STORM_DEVICES} devices, ${STORM_UNSENT} unsent each, ${STORM_BEHIND} behind; preparing a fresh server`);
  const storm = await tierboardServer({ databaseUrl: '', sqlitePath: join(tmp, 'storm.sqlite') }, preloaders + STORM_DEVICES, 'sqlite-storm');
  const preload = readingsFor(storm.clients.slice(0, preloaders), 90, STORM_BEHIND);
  await pushAll(storm.clients.slice(0, preloaders), preload, PUSH_BATCH);
  const stormClients = storm.clients.slice(preloaders);
  const unsent = stormClients.map((c, i) => makeReadings(`storm-d${String(i).padStart(3, '0')}`, STORM_UNSENT, c.device.deviceId));
  const rssBeforeMB = currentRssMB(storm.server.pid);
  const peakReset = resetPeak(storm.server.pid);
  const sampler = sampleMemory(storm.server.pid);
  log(`storm: preloaded ${STORM_BEHIND}; server RSS ${round(rssBeforeMB, 1)} MB (peak reset: ${peakReset}); reconnecting all at once`);
  const stormResult = await reconnectStorm({
    devices: stormClients,
    unsent,
    preloadedIds: preload.flat().map((r) => r.id),
    pushBatch: PUSH_BATCH,
    pullBatch: PULL_BATCH,
    timeoutMs: 180_000,
  });
  const memory = sampler.stop();
  log(
    `storm: converged in ${round(stormResult.seconds)} s (median device ${round(median(stormResult.deviceSeconds))} s), ` +
      `peak RSS ${round(memory.peakMB, 1)} MB, ${stormResult.requests.pulls} pulls, ${stormResult.requests.pushes} pushes, ${stormResult.requests.streamEvents} stream events`,
  );
  await storm.server.stop();

  const pouchPerSec = median(pouchRuns);
  const result = {
    records: RECORDS,
    devices: DEVICES,
    pushBatch: PUSH_BATCH,
    pullBatch: PULL_BATCH,
    repeats: REPEATS,
    pushPerSecSqlite: Math.round(sqliteFigures.pushPerSec),
    rawInsertPerSecSqlite: Math.round(sqliteFigures.rawPerSec),
    pushRatioSqlite: round(sqliteFigures.pushPerSec / sqliteFigures.rawPerSec, 3),
    pushPerSecPostgres: Math.round(pgFigures.pushPerSec),
    rawInsertPerSecPostgres: Math.round(pgFigures.rawPerSec),
    pushRatioPostgres: round(pgFigures.pushPerSec / pgFigures.rawPerSec, 3),
    pouchPerSec: Math.round(pouchPerSec),
    vsPouchRatio: round(sqliteFigures.pushPerSec / pouchPerSec, 2),
    pouchServer: 'child process (express-pouchdb on pouchdb-adapter-memory)',
    pouchClients: DEVICES,
    stormDevices: STORM_DEVICES,
    stormConvergeSeconds: round(stormResult.seconds, 1),
    stormMedianDeviceSeconds: round(median(stormResult.deviceSeconds), 1),
    stormPeakRssMB: round(memory.peakMB, 1),
    stormRssBeforeMB: round(rssBeforeMB, 1),
    liveLatencyP50Ms: round(percentile(latencies, 50), 1),
    liveLatencyP95Ms: round(percentile(latencies, 95), 1),
    runs: {
      pushPerSecSqlite: sqliteFigures.pushRuns.map(Math.round),
      rawInsertPerSecSqlite: sqliteFigures.rawRuns.map(Math.round),
      pushPerSecPostgres: pgFigures.pushRuns.map(Math.round),
      rawInsertPerSecPostgres: pgFigures.rawRuns.map(Math.round),
      pouchPerSec: pouchRuns.map(Math.round),
    },
    benchSeconds: Math.round((performance.now() - started) / 1000),
  };
  await cleanUp();
  clearTimeout(watchdog);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main().catch(async (err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await cleanUp();
  process.exit(1);
});
