/**
 * Live latency: device A records a reading and pushes it at once (a batch of
 * one, as RxDB pushes a single new write); the clock stops when the reading
 * arrives on device B's live stream. Writes start on a fixed 20 ms schedule,
 * not after the previous answer, so a slow push cannot space out the load.
 */
import type { DeviceClient } from './device-client.ts';
import { makeReadings, pushBodies } from './readings.ts';

export interface LatencyOptions {
  writer: DeviceClient;
  reader: DeviceClient;
  writes: number;
  warmup: number;
  spacingMs: number;
  /** Prefix for the readings' ids (distinct per run). */
  prefix: string;
}

/** Milliseconds from the start of each push to its arrival on the stream, warm-up excluded. */
export async function liveLatency(o: LatencyOptions): Promise<number[]> {
  const total = o.warmup + o.writes;
  const readings = makeReadings(o.prefix, total, o.writer.device.deviceId);
  const bodies = pushBodies(readings, 1);
  const sentAt = new Map<string, number>();
  const latency = new Map<string, number>();
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (allArrived = resolve));
  const stream = o.reader.stream((event) => {
    const now = performance.now();
    for (const id of event.ids) {
      const sent = sentAt.get(id);
      if (sent !== undefined && !latency.has(id)) latency.set(id, now - sent);
    }
    if (latency.size === total) allArrived();
  });
  try {
    await stream.ready;
    const pushes: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const wait = t0 + i * o.spacingMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const reading = readings[i];
      const body = bodies[i];
      if (!reading || !body) break;
      sentAt.set(reading.id, performance.now());
      pushes.push(o.writer.push('kpi_readings', body));
    }
    await Promise.all(pushes);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([arrived, new Promise<void>((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
  } finally {
    stream.close();
  }
  if (latency.size < total) throw new Error(`live latency: only ${latency.size} of ${total} readings arrived on the stream`);
  return readings.slice(o.warmup).map((r) => latency.get(r.id) as number);
}
