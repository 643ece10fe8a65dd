/**
 * `npm run bench:sync`: the sync server's promised figures, each beside its baseline in the same run.
 *
 * - push throughput: 50,000 readings from 20 devices at once over HTTP, on SQLite and on PostgreSQL, against a
 *   plain batched insert of the same rows into the same engine;
 * - the peer: PouchDB clients replicating the same readings to a PouchDB server (express-pouchdb, in-memory
 *   adapter, its own process like ours), run in the same rounds as the SQLite pushes (REPEATS each);
 * - reconnect storm: 100 devices reconnect at once, each with 500 unsent readings and 20,000 behind;
 * - live latency: a reading pushed by one tablet until it arrives on another's live stream.
 *
 * Every push, raw-insert and PouchDB figure is the median of REPEATS counted rounds after WARMUP_ROUNDS
 * uncounted ones, the same for every side.
 *
 * Batch sizes are the real client's (src/sync/replication.ts). Progress goes to stderr; the last line on stdout
 * is one JSON object. Knobs: BENCH_RECORDS, BENCH_REPEATS, BENCH_WARMUP_ROUNDS, BENCH_STORM_DEVICES, BENCH_STORM_TIMEOUT_S,
 * BENCH_CPU_PROF=<dir> (servers write V8 CPU profiles there), DATABASE_URL (PostgreSQL, `test` database by default).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PULL_BATCH, PUSH_BATCH } from '../src/domain/wire/limits.ts';
import { DeviceClient } from './sync/device-client.ts';
import { liveLatency } from './sync/live-latency.ts';
import { pouchReplicate, startPouchServer, type PouchServer } from './sync/pouch-replication.ts';
import { cpuSeconds, currentRssMB, ownCpuSeconds, resetPeak, runQueueWaitSeconds, sampleMemory } from './sync/process-usage.ts';
import { pushAll, readingsFor } from './sync/push-throughput.ts';
import { openRawPostgres, openRawSqlite, type RawTarget } from './sync/raw-insert.ts';
import { makeReadings } from './sync/readings.ts';
import { reconnectStorm, stormReadings } from './sync/reconnect-storm.ts';
import { enrollDevices, prepareStore, startBenchServer, storedReadings, type BenchServer, type StoreTarget } from './sync/tierboard-server.ts';
import { median, percentile, round } from './stats.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 50_000);
/** Twenty tablets pushing at once: a plant's lines (the header's scenario). */
const DEVICES = 20;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
/**
 * Rounds run first and not counted, for every side alike (push, raw insert, PouchDB): the first 50,000
 * of a freshly started process measure V8's compiler and the engines' caches warming up as much as the
 * steady state (one run here: push 64,501 then 71,214 and 88,689/s; PouchDB 7,242, 7,256, 7,778/s).
 * The warm-up figures are reported beside the counted ones.
 */
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 1);
const STORM_DEVICES = Number(process.env.BENCH_STORM_DEVICES ?? 100);
/** The header's storm, a worst case: more unsent readings per device than a shift offline leaves, and far behind the feed. */
const STORM_UNSENT = 500;
const STORM_BEHIND = 20_000;
/** Three times the 60 s target: a storm still running then has missed it by far, and the bench must end. */
const STORM_TIMEOUT_MS = Number(process.env.BENCH_STORM_TIMEOUT_S ?? 180) * 1000;
/** Enough writes for a stable 95th percentile of the live latency. */
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

/**
 * One directory per server, not --cpu-prof-name: the server runs under tsx, whose loader has a thread of
 * its own, and every thread writes its profile on exit; under one name the loader's overwrote the server's.
 */
const cpuProfArgs = (name: string): string[] =>
  process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, name)}`] : [];

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
  /** The warm-up rounds' figures, not counted. */
  warmup: { push: number[]; raw: number[] };
  /** Median server CPU seconds per push run. */
  serverCpu: number;
  /** Median share of a push run's wall time the server's JavaScript thread waited for a CPU. */
  serverWaitShare: number;
  /** Median CPU seconds of the server's JavaScript thread alone per push run. */
  serverMainThreadCpu: number;
}

/**
 * Push and raw insert (and, for SQLite, the PouchDB peer: `alsoEachRun`), REPEATS times each, fresh ids
 * every run, in an order rotated by the run so that none always runs first. The machine is shared: taking
 * each ratio's two sides in the same rounds keeps a burst of others' load from landing on one side only.
 */
const runName = (run: number): string => (run < WARMUP_ROUNDS ? `warm-up ${run + 1}` : `run ${run - WARMUP_ROUNDS + 1}`);

async function pushVersusRaw(
  clients: DeviceClient[],
  serverPid: number,
  target: StoreTarget,
  raw: RawTarget,
  engine: string,
  alsoEachRun?: (run: number) => Promise<void>,
): Promise<EngineFigures> {
  const pushRuns: number[] = [];
  const serverCpu: number[] = [];
  const serverWaitShare: number[] = [];
  const serverMainThreadCpu: number[] = [];
  const rawRuns: number[] = [];
  const warmup = { push: [] as number[], raw: [] as number[] };
  for (let run = 0; run < WARMUP_ROUNDS + REPEATS; run++) {
    const counted = run >= WARMUP_ROUNDS;
    const perDevice = readingsFor(clients, run, RECORDS);
    const rows = makeReadings(`raw${run}`, RECORDS, 'bench-import');
    const doRaw = async (): Promise<void> => {
      const seconds = await raw.insert(rows, PUSH_BATCH);
      (counted ? rawRuns : warmup.raw).push(RECORDS / seconds);
      log(`${engine} raw insert ${runName(run)}: ${Math.round(RECORDS / seconds)} rows/s`);
    };
    const doPush = async (): Promise<void> => {
      const r = await pushAll(clients, perDevice, PUSH_BATCH, serverPid);
      // Untimed: every reading the devices were answered 200 for is in the store.
      const stored = await storedReadings(target, `r${run}-`);
      if (stored !== RECORDS) throw new Error(`${engine} push run ${run + 1}: ${stored} of ${RECORDS} readings stored`);
      if (counted) {
        pushRuns.push(r.perSec);
        serverCpu.push(r.serverCpu);
        serverWaitShare.push(r.serverCpuWait / r.seconds);
        serverMainThreadCpu.push(r.serverMainThreadCpu);
      } else warmup.push.push(r.perSec);
      log(
        `${engine} push ${runName(run)}: ${Math.round(r.perSec)} records/s (${round(r.seconds)} s; server CPU ${round(r.serverCpu)} s, ` +
          `its JavaScript thread ${round(r.serverMainThreadCpu)} s, ` +
          `server waited for a CPU ${round(r.serverCpuWait)} s, devices CPU ${round(r.devicesCpu)} s)`,
      );
    };
    const steps = [doPush, doRaw, ...(alsoEachRun ? [() => alsoEachRun(run)] : [])];
    for (let k = 0; k < steps.length; k++) await (steps[(run + k) % steps.length] as () => Promise<void>)();
  }
  return {
    pushPerSec: median(pushRuns),
    rawPerSec: median(rawRuns),
    pushRuns,
    rawRuns,
    warmup,
    serverCpu: median(serverCpu),
    serverWaitShare: median(serverWaitShare),
    serverMainThreadCpu: median(serverMainThreadCpu),
  };
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`watchdog: still running after ${WATCHDOG_MS / 60_000} min, cleaning up and failing`);
    void cleanUp().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const tmp = mkdtempSync(join(tmpdir(), 'tierboard-sync-bench-'));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  log(`batch sizes from src/domain/wire/limits.ts: push ${PUSH_BATCH}, pull ${PULL_BATCH}; ${RECORDS} records, ${REPEATS} runs`);

  // ---------------------------------------------------------------- SQLite: push vs raw, then live latency
  log('SQLite: preparing store, starting server, enrolling devices');
  const sqliteTarget: StoreTarget = { databaseUrl: '', sqlitePath: join(tmp, 'push.sqlite') };
  const sqlite = await tierboardServer(sqliteTarget, DEVICES + 2, 'sqlite-push');
  const pushers = sqlite.clients.slice(0, DEVICES);
  const rawSqlite = openRawSqlite(join(tmp, 'raw.sqlite'));
  cleanups.push(() => rawSqlite.close());
  // The PouchDB peer runs in the same rounds as the SQLite pushes (vsPouchRatio compares the two).
  log(`PouchDB: server child process, ${DEVICES} clients replicating at once, batch_size ${PUSH_BATCH}, in the SQLite rounds`);
  const pouchServer: PouchServer = await startPouchServer();
  cleanups.push(() => pouchServer.stop());
  const pouchRuns: number[] = [];
  const pouchWarmup: number[] = [];
  const pouchServerCpu: number[] = [];
  const pouchClientsCpu: number[] = [];
  const pouchRun = async (run: number): Promise<void> => {
    const perDevice = readingsFor(pushers, run, RECORDS);
    const r = await pouchReplicate(pouchServer, `bench${run}`, perDevice, PUSH_BATCH);
    if (run >= WARMUP_ROUNDS) {
      pouchRuns.push(r.perSec);
      pouchServerCpu.push(r.serverCpu);
      pouchClientsCpu.push(r.devicesCpu);
    } else pouchWarmup.push(r.perSec);
    log(`PouchDB ${runName(run)}: ${Math.round(r.perSec)} records/s (${round(r.seconds)} s; server CPU ${round(r.serverCpu)} s, clients CPU ${round(r.devicesCpu)} s)`);
  };
  const sqliteFigures = await pushVersusRaw(pushers, sqlite.server.pid, sqliteTarget, rawSqlite, 'SQLite', pouchRun);
  await pouchServer.stop();

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
  const pgTarget: StoreTarget = { databaseUrl: benchUrl.toString(), sqlitePath: join(tmp, 'unused.sqlite') };
  const pgServer = await tierboardServer(pgTarget, DEVICES, 'postgres-push');
  const rawPg = await openRawPostgres(benchUrl.toString(), 'raw_insert');
  cleanups.push(() => rawPg.close());
  const pgFigures = await pushVersusRaw(pgServer.clients, pgServer.server.pid, pgTarget, rawPg, 'PostgreSQL');
  await pgServer.server.stop();

  // ---------------------------------------------------------------- reconnect storm on a fresh SQLite server
  const preloaders = 10;
  log(`storm: ${STORM_DEVICES} devices, ${STORM_UNSENT} unsent each, ${STORM_BEHIND} behind; preparing a fresh server`);
  const storm = await tierboardServer({ databaseUrl: '', sqlitePath: join(tmp, 'storm.sqlite') }, preloaders + STORM_DEVICES, 'sqlite-storm');
  const stormClients = storm.clients.slice(preloaders);
  const readings = stormReadings(storm.clients.slice(0, preloaders), stormClients, STORM_BEHIND, STORM_UNSENT);
  await pushAll(storm.clients.slice(0, preloaders), readings.preload, PUSH_BATCH, storm.server.pid);
  const rssBeforeMB = currentRssMB(storm.server.pid);
  const peakReset = resetPeak(storm.server.pid);
  const sampler = sampleMemory(storm.server.pid);
  const serverCpu0 = cpuSeconds(storm.server.pid);
  const clientCpu0 = ownCpuSeconds();
  const serverWait0 = runQueueWaitSeconds(storm.server.pid);
  log(`storm: preloaded ${STORM_BEHIND}; server RSS ${round(rssBeforeMB, 1)} MB (peak reset: ${peakReset}); reconnecting all at once`);
  const stormResult = await reconnectStorm({
    devices: stormClients,
    readings,
    pushBatch: PUSH_BATCH,
    pullBatch: PULL_BATCH,
    timeoutMs: STORM_TIMEOUT_MS,
  });
  const memory = sampler.stop();
  const stormServerCpu = cpuSeconds(storm.server.pid) - serverCpu0;
  const stormClientCpu = ownCpuSeconds() - clientCpu0;
  const stormServerWait = runQueueWaitSeconds(storm.server.pid) - serverWait0;
  const converged = stormResult.deviceSeconds.length;
  log(
    (stormResult.seconds !== null
      ? `storm: converged in ${round(stormResult.seconds)} s (median device ${round(median(stormResult.deviceSeconds))} s), `
      : `storm: only ${converged} of ${STORM_DEVICES} devices converged within ${round(stormResult.ranSeconds)} s, `) +
      `peak RSS ${round(memory.peakMB, 1)} MB, server CPU ${round(stormServerCpu, 1)} s (waited for a CPU ${round(stormServerWait, 1)} s), devices CPU ${round(stormClientCpu, 1)} s, ${stormResult.requests.pulls} pulls, ${stormResult.requests.pushes} pushes, ${stormResult.requests.streamEvents} stream events`,
  );
  await storm.server.stop();

  const pouchPerSec = median(pouchRuns);
  const result = {
    records: RECORDS,
    devices: DEVICES,
    pushBatch: PUSH_BATCH,
    pullBatch: PULL_BATCH,
    repeats: REPEATS,
    warmupRounds: WARMUP_ROUNDS,
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
    // null: not every device converged within the storm's timeout; stormConvergedDevices says how many did.
    stormConvergeSeconds: stormResult.seconds === null ? null : round(stormResult.seconds, 1),
    stormConvergedDevices: converged,
    stormMedianDeviceSeconds: converged > STORM_DEVICES / 2 ? round(median(stormResult.deviceSeconds), 1) : null,
    stormPeakRssMB: round(memory.peakMB, 1),
    // CPU seconds during the storm: the server's, and the simulated devices' (this process), which share its 2 cores.
    stormServerCpuSeconds: round(stormServerCpu, 1),
    stormDevicesCpuSeconds: round(stormClientCpu, 1),
    stormRssBeforeMB: round(rssBeforeMB, 1),
    liveLatencyP50Ms: round(percentile(latencies, 50), 1),
    liveLatencyP95Ms: round(percentile(latencies, 95), 1),
    // Server CPU seconds to take in the records (median run): less sensitive than wall time to others sharing the machine.
    serverCpuSeconds: {
      pushSqlite: round(sqliteFigures.serverCpu, 1),
      pushPostgres: round(pgFigures.serverCpu, 1),
      pouchServer: round(median(pouchServerCpu), 1),
      pouchClients: round(median(pouchClientsCpu), 1),
    },
    // Of the push figures above, the server's JavaScript thread alone (the event loop: HTTP, checks, SQLite statements).
    serverMainThreadCpuSeconds: { pushSqlite: round(sqliteFigures.serverMainThreadCpu, 2), pushPostgres: round(pgFigures.serverMainThreadCpu, 2) },
    runs: {
      pushPerSecSqlite: sqliteFigures.pushRuns.map(Math.round),
      rawInsertPerSecSqlite: sqliteFigures.rawRuns.map(Math.round),
      pushPerSecPostgres: pgFigures.pushRuns.map(Math.round),
      rawInsertPerSecPostgres: pgFigures.rawRuns.map(Math.round),
      pouchPerSec: pouchRuns.map(Math.round),
    },
    warmupRuns: {
      pushPerSecSqlite: sqliteFigures.warmup.push.map(Math.round),
      rawInsertPerSecSqlite: sqliteFigures.warmup.raw.map(Math.round),
      pushPerSecPostgres: pgFigures.warmup.push.map(Math.round),
      rawInsertPerSecPostgres: pgFigures.warmup.raw.map(Math.round),
      pouchPerSec: pouchWarmup.map(Math.round),
    },
    benchSeconds: Math.round((performance.now() - started) / 1000),
    // The machine is shared: a 1-minute load average well above 2 (cores) means every figure above is depressed.
    loadAverage: { atStart: round(loadAtStart, 1), atEnd: round(loadavg()[0] ?? 0, 1) },
    // Share of the wall time the server's JavaScript thread was ready to run but waited for a CPU (other work on the machine).
    serverWaitingForCpuShare: {
      pushSqlite: round(sqliteFigures.serverWaitShare, 2),
      pushPostgres: round(pgFigures.serverWaitShare, 2),
      storm: round(stormServerWait / stormResult.ranSeconds, 2),
    },
  };
  await cleanUp();
  clearTimeout(watchdog);
  // Exit explicitly: a timed-out storm may leave requests whose sockets would otherwise keep Node waiting.
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
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
