/**
 * What the reading screen showed last time, kept in localStorage so the next
 * start can show the operator's screen at once, before RxDB and IndexedDB
 * have loaded and opened (about 350 ms of a 550 ms offline cold start,
 * measured with bench/app-bench.ts). The database stays the record: the
 * snapshot is only ever a picture of it, replaced by the live data as soon as
 * the database is open, and never holds a reading that was not durable.
 *
 * The shift instance is never trusted from the snapshot: it is worked out
 * again from the clock, and a snapshot from an earlier shift shows the
 * current shift with no readings (its readings become "last value").
 */
import { latestReadingPerKpi } from '../../db/latest-reading.ts';
import { shiftInstanceAt, shiftInstanceKey } from '../../domain/shift/shift-calendar.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';
import type { KeyValueStorage } from '../../state/key-value-storage.ts';
import type { LineSetup } from '../../db/readings/reading-data.ts';

export const SNAPSHOT_KEY = 'tierboard.reading-snapshot';
/** Bump when the stored shape or the meaning of a field changes: an older snapshot is then ignored. */
export const SNAPSHOT_VERSION = 1;
// Several readings saved in a row (or a sync burst) make one write (JSON of tens of kB: about a
// millisecond), never inside a Save tap; a quarter second is short enough that a tablet switched off
// right after "Saved" still has the reading in its snapshot (pagehide and hiding flush at once too).
export const SNAPSHOT_WRITE_DELAY_MS = 250;

/** What the screen shows, as handed to `record`. */
export interface ShownReadings {
  setup: LineSetup;
  shift: ShiftInstance;
  /** The shift's readings as they came from the database. */
  readings: readonly KpiReading[];
  /** "Last value" per KPI id from shifts before `shift`. */
  earlier: ReadonlyMap<string, number>;
}

/** What a start shows from the snapshot, for the shift instance the clock says it is now. */
export interface ReadingSnapshot {
  setup: LineSetup;
  /** Worked out from the clock; null between shifts. */
  shift: ShiftInstance | null;
  /** This shift's readings; empty when the snapshot was taken in another shift. */
  readings: KpiReading[];
  earlier: Map<string, number>;
}

interface Stored {
  v: number;
  plantId: string;
  lineId: string;
  shiftKey: string;
  setup: LineSetup;
  readings: KpiReading[];
  earlier: [string, number][];
}

export interface ReadingSnapshots {
  /** The snapshot for this plant and line, or null (none, another line, another version, unreadable). */
  read(plantId: string, lineId: string, nowMs: number): ReadingSnapshot | null;
  /** Remembers what is shown; written after SNAPSHOT_WRITE_DELAY_MS of quiet. Never throws. */
  record(shown: ShownReadings): void;
  /** Writes a pending snapshot now (page hidden or closing). Never throws. */
  flush(): void;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function parse(raw: string | null, plantId: string, lineId: string): Stored | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(data) || data.v !== SNAPSHOT_VERSION || data.plantId !== plantId || data.lineId !== lineId) return null;
  const { setup, readings, earlier, shiftKey } = data;
  if (typeof shiftKey !== 'string' || !Array.isArray(readings) || !Array.isArray(earlier) || !isObject(setup)) return null;
  const { plant, line, pattern, defs, roster } = setup;
  if (!isObject(plant) || !isObject(line) || !isObject(pattern) || !Array.isArray(defs) || !Array.isArray(roster)) return null;
  if (plant.id !== plantId || line.id !== lineId || line.plantId !== plantId || plant.shiftPatternId !== pattern.id) return null;
  if (!earlier.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number')) return null;
  return data as unknown as Stored;
}

function shiftAt(setup: LineSetup, nowMs: number): ShiftInstance | null {
  try {
    return shiftInstanceAt(setup.plant, setup.pattern, setup.line.id, new Date(nowMs));
  } catch {
    return null;
  }
}

export function readingSnapshots(storage: KeyValueStorage, delayMs = SNAPSHOT_WRITE_DELAY_MS): ReadingSnapshots {
  let pending: ShownReadings | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWritten = '';

  const write = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const shown = pending;
    pending = null;
    if (!shown) return;
    const { setup, shift } = shown;
    const stored: Stored = {
      v: SNAPSHOT_VERSION,
      plantId: setup.plant.id,
      lineId: setup.line.id,
      shiftKey: shiftInstanceKey(shift),
      setup,
      readings: [...shown.readings],
      earlier: [...shown.earlier],
    };
    try {
      const json = JSON.stringify(stored);
      if (json === lastWritten) return;
      storage.setItem(SNAPSHOT_KEY, json);
      lastWritten = json;
    } catch {
      // Full or blocked localStorage: only the fast start is lost, never a reading. An older snapshot
      // would show less than the database holds, so it goes too.
      lastWritten = '';
      try {
        storage.removeItem(SNAPSHOT_KEY);
      } catch {
        // Nothing more to do: the next start waits for the database, as on a first start.
      }
    }
  };

  return {
    read(plantId, lineId, nowMs) {
      let raw: string | null;
      try {
        raw = storage.getItem(SNAPSHOT_KEY);
      } catch {
        return null;
      }
      const stored = parse(raw, plantId, lineId);
      if (!stored) return null;
      const shift = shiftAt(stored.setup, nowMs);
      const earlier = new Map(stored.earlier);
      if (shift && shiftInstanceKey(shift) === stored.shiftKey) return { setup: stored.setup, shift, readings: stored.readings, earlier };
      // Another shift now: the snapshot's own readings are the newest "last value".
      for (const [kpiId, r] of latestReadingPerKpi(stored.readings)) earlier.set(kpiId, r.value);
      return { setup: stored.setup, shift, readings: [], earlier };
    },
    record(shown) {
      pending = shown;
      if (timer === null) timer = setTimeout(write, delayMs);
    },
    flush: write,
  };
}
