/**
 * The reconnect storm of `npm run bench:sync` on its own (100 devices, 500 unsent readings each, 20,000
 * behind), for profiling its CPU and memory: converge time, the server's peak RSS, CPU, request counts.
 * With BENCH_CPU_PROF=<dir> the server writes a V8 CPU profile there when it stops.
 *
 * Usage: node --import tsx bench/sync/storm-probe.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PULL_BATCH, PUSH_BATCH } from '../../src/domain/wire/limits.ts';
import { DeviceClient } from './device-client.ts';
import { cpuSeconds, currentRssMB, ownCpuSeconds, resetPeak, runQueueWaitSeconds, sampleMemory } from './process-usage.ts';
import { pushAll } from './push-throughput.ts';
import { reconnectStorm, stormReadings } from './reconnect-storm.ts';
import { enrollDevices, prepareStore, startBenchServer } from './tierboard-server.ts';
const tmp = mkdtempSync(join(tmpdir(), 'tierboard-storm-probe-'));
const target = { databaseUrl: '', sqlitePath: join(tmp, 'storm.sqlite') };
const codes = await prepareStore(target, 110, 'line-bochum-pr1');
const prof = process.env.BENCH_CPU_PROF;
const server = await startBenchServer(target, prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []);
try {
  const clients = (await enrollDevices(server.url, codes)).map((d) => new DeviceClient(server.url, d));
  const stormClients = clients.slice(10);
  const readings = stormReadings(clients.slice(0, 10), stormClients, 20000, 500);
  await pushAll(clients.slice(0, 10), readings.preload, PUSH_BATCH, server.pid);
  const before = currentRssMB(server.pid);
  resetPeak(server.pid);
  const sampler = sampleMemory(server.pid);
  const c0 = cpuSeconds(server.pid);
  const o0 = ownCpuSeconds();
  const w0 = runQueueWaitSeconds(server.pid);
  const r = await reconnectStorm({ devices: stormClients, readings, pushBatch: PUSH_BATCH, pullBatch: PULL_BATCH, timeoutMs: 180000 });
  const m = sampler.stop();
  console.log(`storm ${r.seconds?.toFixed(1)} s, before ${before.toFixed(0)} MB, peak ${m.peakMB.toFixed(0)} MB (sampled ${m.sampledMaxMB.toFixed(0)}), server CPU ${(cpuSeconds(server.pid) - c0).toFixed(1)} s, waited ${(runQueueWaitSeconds(server.pid) - w0).toFixed(1)}, devices CPU ${(ownCpuSeconds() - o0).toFixed(1)} s, ${JSON.stringify(r.requests)}, load ${loadavg()[0]?.toFixed(1)}`);
} finally {
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
