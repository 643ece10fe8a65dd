/**
 * Push throughput: every device pushes its own readings in the real client's
 * batch size, one batch after another (as RxDB's upstream does), all devices
 * at once. Bodies are serialised before the clock starts: a tablet pays for
 * its own JSON, the server is what we measure.
 */
import type { DeviceClient } from './device-client.ts';
import { cpuSeconds, mainThreadCpuSeconds, ownCpuSeconds, runQueueWaitSeconds } from './process-usage.ts';
import { makeReadings, pushBodies } from './readings.ts';
import type { KpiReading } from '../../src/domain/kpi/kpi-types.ts';

export interface PushRun {
  records: number;
  seconds: number;
  perSec: number;
  /** CPU seconds the server process and the simulated devices (this process) spent during the run. */
  serverCpu: number;
  devicesCpu: number;
  /** Seconds the server's JavaScript thread waited for a CPU (others' load on the machine). */
  serverCpuWait: number;
  /** CPU seconds of the server's JavaScript thread alone: the event loop's work for the run. */
  serverMainThreadCpu: number;
}

/** The readings each device will push in run `run` (distinct ids per run and device). */
export function readingsFor(devices: readonly DeviceClient[], run: number, total: number): KpiReading[][] {
  const each = Math.ceil(total / devices.length);
  return devices.map((d, i) => makeReadings(`r${run}-d${String(i).padStart(3, '0')}`, Math.min(each, total - i * each), d.device.deviceId));
}

export async function pushAll(devices: readonly DeviceClient[], perDevice: readonly KpiReading[][], batchSize: number, serverPid: number): Promise<PushRun> {
  const bodies = perDevice.map((rs) => pushBodies(rs, batchSize));
  const records = perDevice.reduce((n, rs) => n + rs.length, 0);
  const server0 = cpuSeconds(serverPid);
  const own0 = ownCpuSeconds();
  const wait0 = runQueueWaitSeconds(serverPid);
  const main0 = mainThreadCpuSeconds(serverPid);
  const t0 = performance.now();
  await Promise.all(
    devices.map(async (d, i) => {
      for (const body of bodies[i] ?? []) await d.push('kpi_readings', body);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { records, seconds, perSec: records / seconds, serverCpu: cpuSeconds(serverPid) - server0,
    devicesCpu: ownCpuSeconds() - own0,
    serverCpuWait: runQueueWaitSeconds(serverPid) - wait0,
    serverMainThreadCpu: mainThreadCpuSeconds(serverPid) - main0,
  };
}
