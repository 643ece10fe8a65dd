/**
 * The push half of `npm run bench:sync` on its own, for profiling: a SQLite (or, with
 * DATABASE_URL, PostgreSQL) server in its own process, 20 devices pushing RECORDS readings
 * in the real client's batch size, PROBE_RUNS times, and a raw insert beside each run.
 * With BENCH_CPU_PROF=<dir> the server writes a V8 CPU profile there when it stops.
 *
 * Usage: node --import tsx bench/sync/push-probe.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUSH_BATCH } from '../../src/domain/wire/limits.ts';
import { DeviceClient } from './device-client.ts';
import { pouchReplicate, startPouchServer } from './pouch-replication.ts';
import { pushAll, readingsFor } from './push-throughput.ts';
import { openRawSqlite } from './raw-insert.ts';
import { makeReadings } from './readings.ts';
import { enrollDevices, prepareStore, startBenchServer, storedReadings } from './tierboard-server.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 50_000);
const RUNS = Number(process.env.PROBE_RUNS ?? 3);
/** As in bench/sync-bench.ts: twenty tablets pushing at once. */
const DEVICES = 20;

const tmp = mkdtempSync(join(tmpdir(), 'tierboard-push-probe-'));
const target = { databaseUrl: '', sqlitePath: join(tmp, 'push.sqlite') };
const codes = await prepareStore(target, DEVICES, 'line-bochum-pr1');
const prof = process.env.BENCH_CPU_PROF;
const server = await startBenchServer(target, prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []);
const raw = openRawSqlite(join(tmp, 'raw.sqlite'));
try {
  const clients = (await enrollDevices(server.url, codes)).map((d) => new DeviceClient(server.url, d));
  for (let run = 0; run < RUNS; run++) {
    const r = await pushAll(clients, readingsFor(clients, run, RECORDS), PUSH_BATCH, server.pid);
    const stored = await storedReadings(target, `r${run}-`);
    if (stored !== RECORDS) throw new Error(`run ${run + 1}: ${stored} of ${RECORDS} readings stored`);
    const rawSeconds = await raw.insert(makeReadings(`raw${run}`, RECORDS, 'probe'), PUSH_BATCH);
    console.log(
      `run ${run + 1}: push ${Math.round(r.perSec)}/s (${r.seconds.toFixed(2)} s, server CPU ${r.serverCpu.toFixed(2)} s, main thread ${r.serverMainThreadCpu.toFixed(2)} s, ` +
        `devices CPU ${r.devicesCpu.toFixed(2)} s, server waited ${r.serverCpuWait.toFixed(2)} s), raw ${Math.round(RECORDS / rawSeconds)}/s, ` +
        `ratio ${((r.perSec * rawSeconds) / RECORDS).toFixed(3)}, load ${loadavg()[0]?.toFixed(1)}`,
    );
  }
  if (process.env.PROBE_POUCH === '1') {
    const pouch = await startPouchServer();
    try {
      const p = await pouchReplicate(pouch, 'probe', readingsFor(clients, 99, RECORDS), PUSH_BATCH);
      console.log(`pouch ${Math.round(p.perSec)}/s (${p.seconds.toFixed(2)} s, server CPU ${p.serverCpu.toFixed(2)} s, clients CPU ${p.devicesCpu.toFixed(2)} s), load ${loadavg()[0]?.toFixed(1)}`);
    } finally {
      await pouch.stop();
    }
  }
} finally {
  await raw.close();
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
