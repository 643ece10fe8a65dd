/**
 * Reconnect storm: many devices come back at once (the plant's Wi-Fi returns
 * after an outage), each holding unsent readings and behind on the readings
 * others stored meanwhile. Each device does what the real client does on
 * reconnect: opens the live stream, pulls from its checkpoint when it hears
 * RESYNC (PULL_BATCH at a time until a short page), pushes its unsent
 * readings (PUSH_BATCH at a time), and takes in whatever the stream brings.
 * A device has converged when its push is done and it holds every reading
 * stored on the server (its own, the preloaded ones, and everyone else's).
 */
import type { DeviceClient } from './device-client.ts';
import { makeReadings, pushBodies } from './readings.ts';
import type { KpiReading } from '../../src/domain/kpi/kpi-types.ts';

/**
 * Every reading of the storm is `storm-<n>`, n counting over all of them, so a
 * device tracks what it holds by number (a byte per reading) without a
 * 70,000-entry map lookup per received document on the simulator's core.
 */
const PREFIX = 'storm';

export interface StormReadings {
  /** Pushed before the storm, by other devices: what every storm device is behind on. */
  preload: KpiReading[][];
  /** Per storm device, its unsent readings. */
  unsent: KpiReading[][];
  total: number;
}

export function stormReadings(preloaders: readonly DeviceClient[], devices: readonly DeviceClient[], behind: number, unsentEach: number): StormReadings {
  const per = Math.ceil(behind / preloaders.length);
  const preload = preloaders.map((d, i) => makeReadings(PREFIX, Math.max(0, Math.min(per, behind - i * per)), d.device.deviceId, i * per));
  const unsent = devices.map((d, i) => makeReadings(PREFIX, unsentEach, d.device.deviceId, behind + i * unsentEach));
  return { preload, unsent, total: behind + devices.length * unsentEach };
}

export interface StormOptions {
  devices: readonly DeviceClient[];
  readings: StormReadings;
  pushBatch: number;
  pullBatch: number;
  timeoutMs: number;
}

export interface StormResult {
  /** From the simultaneous reconnect until the last device converged; null when not all did within the timeout. */
  seconds: number | null;
  /** How long the storm ran (the timeout when not all converged). */
  ranSeconds: number;
  /** Per converged device, seconds to converge, sorted. */
  deviceSeconds: number[];
  requests: { pushes: number; pulls: number; streamEvents: number };
}

export async function reconnectStorm(o: StormOptions): Promise<StormResult> {
  const { total, unsent } = o.readings;
  const bodies = unsent.map((rs) => pushBodies(rs, o.pushBatch));
  const numberOf = (id: string): number => (id.startsWith(`${PREFIX}-`) ? Number(id.slice(PREFIX.length + 1)) : Number.NaN);
  const counts = { pushes: 0, pulls: 0, streamEvents: 0 };
  const deviceSeconds: number[] = [];
  const streams: { close(): void }[] = [];

  const t0 = performance.now();
  const runDevice = (client: DeviceClient, i: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const held = new Uint8Array(total);
      let holding = 0;
      let pushed = false;
      let done = false;
      const take = (ids: readonly string[]): void => {
        for (const id of ids) {
          const k = numberOf(id);
          if (!(k >= 0 && k < total)) return reject(new Error(`device ${i} received an unexpected reading ${id}`));
          if (held[k] === 0) {
            held[k] = 1;
            holding += 1;
          }
        }
        check();
      };
      const check = (): void => {
        if (done || !pushed || holding < total) return;
        done = true;
        deviceSeconds.push((performance.now() - t0) / 1000);
        resolve();
      };
      // The device's own unsent readings are already on it.
      take((unsent[i] ?? []).map((r) => r.id));

      let checkpoint = 0;
      let pulling: Promise<void> | null = null;
      let again = false;
      const pullUntilShortPage = async (): Promise<void> => {
        for (;;) {
          const page = await client.pull('kpi_readings', checkpoint, o.pullBatch);
          counts.pulls += 1;
          take(page.ids);
          checkpoint = page.checkpoint;
          if (page.ids.length < o.pullBatch) return;
        }
      };
      // RESYNC (first event of every stream connection) starts a pull; one pull loop at a time, as RxDB does.
      const resync = (): void => {
        if (pulling) {
          again = true;
          return;
        }
        pulling = pullUntilShortPage()
          .then(() => {
            pulling = null;
            if (again) {
              again = false;
              resync();
            }
          })
          .catch(reject);
      };
      const stream = client.stream((event) => {
        counts.streamEvents += 1;
        if (event.collection === 'kpi_readings') take(event.ids);
      }, resync);
      streams.push(stream);
      stream.ready.catch(reject);

      void (async () => {
        for (const body of bodies[i] ?? []) {
          await client.push('kpi_readings', body);
          counts.pushes += 1;
        }
        pushed = true;
        check();
      })().catch(reject);
    });

  // A storm that outlasts the timeout is a result (the target is missed by that much), not a crash:
  // report how many devices converged. Requests still in flight die when the server is stopped.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), o.timeoutMs);
  });
  let outcome: 'done' | 'timeout';
  try {
    outcome = await Promise.race([Promise.all(o.devices.map(runDevice)).then(() => 'done' as const), timedOut]);
  } finally {
    clearTimeout(timer);
    for (const s of streams) s.close();
  }
  const ranSeconds = (performance.now() - t0) / 1000;
  return { seconds: outcome === 'done' ? ranSeconds : null, ranSeconds, deviceSeconds: deviceSeconds.sort((a, b) => a - b), requests: counts };
}
