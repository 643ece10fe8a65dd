/**
 * The PouchDB figure: the same readings, in the same batch size, replicated
 * from PouchDB clients (in-memory local databases, one per simulated device,
 * all at once) to one database on the PouchDB server child process. The
 * clock runs from the start of the replications until the last has finished;
 * filling the local databases beforehand is not timed (a device's records are
 * already on it, as in the Tierboard figure).
 */
import { spawn } from 'node:child_process';
import type { KpiReading } from '../../src/domain/kpi/kpi-types.ts';
import { pouchModules, type PouchDatabase } from './pouch-modules.ts';
import { cpuSeconds, ownCpuSeconds } from './process-usage.ts';

export interface PouchServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function startPouchServer(): Promise<PouchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sync/pouch-server.ts'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`pouch server did not start in 30 s:\n${output}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /pouch server: (http:\/\/\S+)/.exec(output);
      if (match?.[1] && child.pid !== undefined) {
        clearTimeout(timer);
        resolve({ url: match[1], pid: child.pid, stop });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pouch server exited with ${code}:\n${output}`));
    });
  });
}

export interface PouchRun {
  records: number;
  seconds: number;
  perSec: number;
  /** CPU seconds of the PouchDB server process and of the PouchDB clients (this process) during the run. */
  serverCpu: number;
  devicesCpu: number;
}

/** Replicates each device's readings into `<url>/<dbName>`; checks every document arrived. */
export async function pouchReplicate(server: PouchServer, dbName: string, perDevice: readonly KpiReading[][], batchSize: number): Promise<PouchRun> {
  const { PouchDB } = pouchModules();
  const remoteUrl = `${server.url}/${dbName}`;
  const remote = new PouchDB(remoteUrl);
  await remote.info(); // creates the database
  const locals: PouchDatabase[] = [];
  try {
    for (const [i, readings] of perDevice.entries()) {
      const local = new PouchDB(`${dbName}-device-${i}`, { adapter: 'memory' });
      locals.push(local);
      const results = await local.bulkDocs(readings.map((r) => ({ _id: r.id, ...r })));
      if (results.some((r) => r.error)) throw new Error('pouch: a local write failed');
    }
    const records = perDevice.reduce((n, rs) => n + rs.length, 0);
    const server0 = cpuSeconds(server.pid);
    const own0 = ownCpuSeconds();
    const t0 = performance.now();
    const results = await Promise.all(locals.map((local) => PouchDB.replicate(local, remoteUrl, { batch_size: batchSize })));
    const seconds = (performance.now() - t0) / 1000;
    const serverCpu = cpuSeconds(server.pid) - server0;
    const devicesCpu = ownCpuSeconds() - own0;
    const written = results.reduce((n, r) => n + r.docs_written, 0);
    const failures = results.reduce((n, r) => n + r.doc_write_failures, 0);
    const info = await remote.info();
    if (failures > 0 || written !== records || info.doc_count < records) {
      throw new Error(`pouch: ${written} of ${records} written, ${failures} failures, remote holds ${info.doc_count}`);
    }
    return { records, seconds, perSec: records / seconds, serverCpu, devicesCpu };
  } finally {
    await Promise.all(locals.map((l) => l.destroy()));
    await remote.destroy().catch(() => undefined);
  }
}
