/**
 * Benchmark readings: valid KPI readings of the demo plant Bochum, as line
 * tablets there would record them, so every one passes the server's schema,
 * scope and permission checks (an operator records a reading on a line KPI).
 * Deterministic: the n-th reading of a prefix is always the same record.
 */
import { demoDataset } from '../../src/demo/demo-data.ts';
import type { KpiReading } from '../../src/domain/kpi/kpi-types.ts';

export const BENCH_PLANT = 'plant-bochum';
/** The plant admin who "makes" the enrollment codes (demo roster). */
export const BENCH_ADMIN = 'person-bochum-sabine-hoffmann';

interface LineKpis {
  lineId: string;
  kpiIds: string[];
}

const DAY_MS = 86_400_000;
/**
 * The last DAYS_SPANNED days before today (06:00 UTC): the server sends a tablet only its
 * retention window of readings (SPEC [R3], 35 days), and the storm's devices must be sent every
 * reading they are behind, as a tablet of the window would be. 291 readings a day, wrapped.
 */
const DAYS_SPANNED = 30;
const BASE_MS = Math.floor(Date.now() / DAY_MS) * DAY_MS - DAYS_SPANNED * DAY_MS + 6 * 3_600_000;
const SHIFTS = ['A', 'B', 'C'] as const;
const NOTES = ['', '', '', '', 'Tool change took longer than standard', 'Material shortage from warehouse'];

function plantShape(): { lines: LineKpis[]; operators: string[] } {
  const data = demoDataset();
  const lines = data.lines
    .filter((l) => l.plantId === BENCH_PLANT)
    .map((l) => ({ lineId: l.id, kpiIds: data.kpi_definitions.filter((k) => k.lineId === l.id).map((k) => k.id) }))
    .filter((l) => l.kpiIds.length > 0);
  const operators = data.people.filter((p) => p.plantId === BENCH_PLANT && p.role === 'operator').map((p) => p.id);
  if (lines.length === 0 || operators.length === 0) throw new Error('the demo plant Bochum has no line KPIs or operators');
  return { lines, operators };
}

let shape: ReturnType<typeof plantShape> | null = null;

/** Reading ids: `<prefix>-<n>`, padded so they sort like the numbers. */
export function readingId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

/** `count` readings recorded on device `deviceId`, ids `<prefix>-<first>` onwards. */
export function makeReadings(prefix: string, count: number, deviceId: string, first = 0): KpiReading[] {
  shape ??= plantShape();
  const { lines, operators } = shape;
  const out: KpiReading[] = [];
  for (let n = first; n < first + count; n++) {
    const line = lines[n % lines.length] as LineKpis;
    const kpiId = line.kpiIds[Math.floor(n / lines.length) % line.kpiIds.length] as string;
    const shift = Math.floor(n / 97) % 3;
    const day = Math.floor(n / 291) % DAYS_SPANNED;
    const recordedMs = BASE_MS + day * DAY_MS + shift * 8 * 3_600_000 + (n % 97) * 1000;
    out.push({
      id: readingId(prefix, n),
      kpiId,
      plantId: BENCH_PLANT,
      lineId: line.lineId,
      shiftCode: SHIFTS[shift] as string,
      productionDate: new Date(BASE_MS + day * DAY_MS).toISOString().slice(0, 10),
      value: Math.round((50 + ((n * 7919) % 5000) / 100) * 100) / 100,
      personId: operators[n % operators.length] as string,
      deviceId,
      recordedAt: new Date(recordedMs).toISOString(),
      clockOffsetMs: (n % 41) - 20,
      note: NOTES[n % NOTES.length] as string,
      supersedes: '',
      correctionReason: '',
      receivedAt: '',
    });
  }
  return out;
}

/** Push bodies as the real client sends them (new records: no assumed master), pre-serialised to UTF-8 JSON. */
export function pushBodies(readings: readonly KpiReading[], batchSize: number): Buffer[] {
  const bodies: Buffer[] = [];
  for (let i = 0; i < readings.length; i += batchSize) {
    const rows = readings.slice(i, i + batchSize).map((r) => ({ newDocumentState: { ...r, _deleted: false }, assumedMasterState: null }));
    bodies.push(Buffer.from(JSON.stringify({ rows })));
  }
  return bodies;
}
