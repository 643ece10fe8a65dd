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
import { pushBodies } from './readings.ts';
import type { KpiReading } from '../../src/domain/types.ts';

export interface StormOptions {
  devices: readonly DeviceClient[];
  /** Each device's unsent readings. */
  unsent: readonly KpiReading[][];
  /** Ids already on the server before the storm (the device is behind on all of them). */
  preloadedIds: readonly string[];
  pushBatch: number;
  pullBatch: number;
  timeoutMs: number;
}

export interface StormResult {
  /** From the simultaneous reconnect until the last device converged. */
  seconds: number;
  /** Per device, seconds to converge, sorted. */
  deviceSeconds: number[];
  requests: { pushes: number; pulls: number; streamEvents: number };
}

export async function reconnectStorm(o: StormOptions): Promise<StormResult> {
  // Every id gets an index, so each device tracks what it holds in a byte per reading.
  const index = new Map<string, number>();
  for (const id of o.preloadedIds) index.set(id, index.size);
  for (const rs of o.unsent) for (const r of rs) index.set(r.id, index.size);
  const total = index.size;
  const bodies = o.unsent.map((rs) => pushBodies(rs, o.pushBatch));
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
      const take = (docs: readonly { id: string }[]): void => {
        for (const d of docs) {
          const k = index.get(d.id);
          if (k === undefined) return reject(new Error(`device ${i} received an unexpected reading ${d.id}`));
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
      take(o.unsent[i] ?? []);

      let checkpoint = 0;
      let pulling: Promise<void> | null = null;
      let again = false;
      const pullUntilShortPage = async (): Promise<void> => {
        for (;;) {
          const page = await client.pull('kpi_readings', checkpoint, o.pullBatch);
          counts.pulls += 1;
          take(page.documents);
          if (page.checkpoint) checkpoint = page.checkpoint.position;
          if (page.documents.length < o.pullBatch) return;
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
        if (event.collection === 'kpi_readings') take(event.documents);
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

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`storm: ${deviceSeconds.length} of ${o.devices.length} devices converged within ${o.timeoutMs / 1000} s`)), o.timeoutMs);
  });
  try {
    await Promise.race([Promise.all(o.devices.map(runDevice)), timeout]);
  } finally {
    clearTimeout(timer);
    for (const s of streams) s.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, deviceSeconds: deviceSeconds.sort((a, b) => a - b), requests: counts };
}
