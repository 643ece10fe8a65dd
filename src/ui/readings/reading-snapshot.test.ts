import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shiftInstanceAt } from '../../domain/shift/shift-calendar.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import { memoryStorage, type KeyValueStorage } from '../../state/key-value-storage.ts';
import { testKpi, testLine, testPattern, testPerson, testPlant } from '../../db/testing/test-fixtures.ts';
import type { LineSetup } from '../../db/readings/reading-data.ts';
import { readingSnapshots, SNAPSHOT_KEY, SNAPSHOT_VERSION, SNAPSHOT_WRITE_DELAY_MS } from './reading-snapshot.ts';

/** 2026-11-20 10:00 in Berlin: early shift E of 2026-11-20 (06:00-14:00). */
const EARLY = Date.UTC(2026, 10, 20, 9, 0, 0);
/** 2026-11-20 15:00 in Berlin: late shift L of the same production date. */
const LATE = Date.UTC(2026, 10, 20, 14, 0, 0);

const setup: LineSetup = {
  plant: testPlant(),
  line: testLine(),
  pattern: testPattern(),
  defs: [testKpi(), testKpi({ id: 'kpi-scrap', code: 'T1-SCRAP', name: 'Scrap rate', category: 'cost' })],
  roster: [testPerson(), testPerson({ id: 'person-ben', name: 'Ben Ott', badge: '1002' })],
};

const shiftAt = (nowMs: number) => shiftInstanceAt(setup.plant, setup.pattern, setup.line.id, new Date(nowMs));

const earlyShift = { plantId: 'plant-t', lineId: 'line-t1', shiftCode: 'E', productionDate: '2026-11-20' };

function reading(over: Partial<KpiReading> = {}): KpiReading {
  return {
    id: '01KAAAAAAAAAAAAAAAAAAAAAAA',
    kpiId: 'kpi-oee',
    ...earlyShift,
    value: 87.5,
    personId: 'person-ana',
    deviceId: 'DEVICE-TEST',
    recordedAt: '2026-11-20T08:30:00.000Z',
    clockOffsetMs: 0,
    note: '',
    supersedes: '',
    correctionReason: '',
    receivedAt: '',
    ...over,
  };
}

describe('reading screen snapshot', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('round trip: what the screen showed comes back for the same plant, line and shift', () => {
    const storage = memoryStorage();
    const snapshots = readingSnapshots(storage);
    const shift = shiftAt(EARLY);
    const readings = [reading(), reading({ id: '01KBBBBBBBBBBBBBBBBBBBBBBB', kpiId: 'kpi-scrap', value: 1.2 })];
    snapshots.record({ setup, shift, readings, earlier: new Map([['kpi-scrap', 0.9]]) });
    vi.advanceTimersByTime(SNAPSHOT_WRITE_DELAY_MS);

    const again = readingSnapshots(storage).read('plant-t', 'line-t1', EARLY + 60_000);
    expect(again).not.toBeNull();
    expect(again!.setup).toEqual(setup);
    expect(again!.shift).toEqual(shift);
    expect(again!.readings).toEqual(readings);
    expect([...again!.earlier]).toEqual([['kpi-scrap', 0.9]]);
  });

  it('writes once after the delay, with the latest picture, however many changes came before', () => {
    const storage = memoryStorage();
    const setItem = vi.spyOn(storage, 'setItem');
    const snapshots = readingSnapshots(storage);
    const shift = shiftAt(EARLY);
    snapshots.record({ setup, shift, readings: [], earlier: new Map() });
    snapshots.record({ setup, shift, readings: [reading()], earlier: new Map() });
    vi.advanceTimersByTime(SNAPSHOT_WRITE_DELAY_MS - 1);
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(snapshots.read('plant-t', 'line-t1', EARLY)?.readings).toEqual([reading()]);

    // Nothing changed: no second write. A flush writes a pending change at once.
    snapshots.record({ setup, shift, readings: [reading()], earlier: new Map() });
    vi.advanceTimersByTime(SNAPSHOT_WRITE_DELAY_MS);
    expect(setItem).toHaveBeenCalledTimes(1);
    snapshots.record({ setup, shift, readings: [], earlier: new Map() });
    snapshots.flush();
    expect(setItem).toHaveBeenCalledTimes(2);
    expect(snapshots.read('plant-t', 'line-t1', EARLY)?.readings).toEqual([]);
  });

  it('a snapshot from an earlier shift shows the current shift, worked out from the clock, with no readings', () => {
    const storage = memoryStorage();
    const snapshots = readingSnapshots(storage);
    snapshots.record({ setup, shift: shiftAt(EARLY), readings: [reading()], earlier: new Map([['kpi-oee', 80], ['kpi-scrap', 0.9]]) });
    snapshots.flush();

    const later = readingSnapshots(storage).read('plant-t', 'line-t1', LATE);
    expect(later?.shift).toMatchObject({ shiftCode: 'L', productionDate: '2026-11-20' });
    expect(later?.readings).toEqual([]);
    // The early shift's reading is now the newest "last value"; the others stay.
    expect(later?.earlier.get('kpi-oee')).toBe(87.5);
    expect(later?.earlier.get('kpi-scrap')).toBe(0.9);
    expect(later?.setup.defs.map((d) => d.id)).toEqual(['kpi-oee', 'kpi-scrap']);
  });

  it('is ignored for another line or plant', () => {
    const storage = memoryStorage();
    const snapshots = readingSnapshots(storage);
    snapshots.record({ setup, shift: shiftAt(EARLY), readings: [], earlier: new Map() });
    snapshots.flush();
    expect(snapshots.read('plant-t', 'line-t2', EARLY)).toBeNull();
    expect(snapshots.read('plant-x', 'line-t1', EARLY)).toBeNull();
    expect(snapshots.read('plant-t', 'line-t1', EARLY)).not.toBeNull();
  });

  it('is ignored when written by another schema version', () => {
    const storage = memoryStorage();
    readingSnapshots(storage).record({ setup, shift: shiftAt(EARLY), readings: [reading()], earlier: new Map() });
    vi.runAllTimers();
    const stored = JSON.parse(storage.getItem(SNAPSHOT_KEY)!) as { v: number };
    expect(stored.v).toBe(SNAPSHOT_VERSION);
    storage.setItem(SNAPSHOT_KEY, JSON.stringify({ ...stored, v: SNAPSHOT_VERSION + 1 }));
    expect(readingSnapshots(storage).read('plant-t', 'line-t1', EARLY)).toBeNull();
    storage.setItem(SNAPSHOT_KEY, JSON.stringify({ ...stored, v: SNAPSHOT_VERSION - 1 }));
    expect(readingSnapshots(storage).read('plant-t', 'line-t1', EARLY)).toBeNull();
  });

  it('ignores corrupt JSON and a JSON value of the wrong shape', () => {
    const storage = memoryStorage({ [SNAPSHOT_KEY]: '{"v":1,"plantId":"plant-t","lineId":"line-t1","setup":{"pla' });
    expect(readingSnapshots(storage).read('plant-t', 'line-t1', EARLY)).toBeNull();
    for (const raw of ['null', '[]', '42', JSON.stringify({ v: SNAPSHOT_VERSION, plantId: 'plant-t', lineId: 'line-t1', shiftKey: 'x', setup: {}, readings: [], earlier: [] })]) {
      storage.setItem(SNAPSHOT_KEY, raw);
      expect(readingSnapshots(storage).read('plant-t', 'line-t1', EARLY)).toBeNull();
    }
    const readBroken: KeyValueStorage = { ...memoryStorage(), getItem: () => { throw new Error('SecurityError'); } };
    expect(readingSnapshots(readBroken).read('plant-t', 'line-t1', EARLY)).toBeNull();
  });

  it('a quota error on write is swallowed, and the older snapshot is dropped rather than shown short', () => {
    const storage = memoryStorage();
    const snapshots = readingSnapshots(storage);
    const shift = shiftAt(EARLY);
    snapshots.record({ setup, shift, readings: [], earlier: new Map() });
    snapshots.flush();
    expect(storage.getItem(SNAPSHOT_KEY)).not.toBeNull();

    const full = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const setItem = vi.spyOn(storage, 'setItem').mockImplementation(() => {
      throw full;
    });
    expect(() => snapshots.record({ setup, shift, readings: [reading()], earlier: new Map() })).not.toThrow();
    expect(() => vi.advanceTimersByTime(SNAPSHOT_WRITE_DELAY_MS)).not.toThrow();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    expect(snapshots.read('plant-t', 'line-t1', EARLY)).toBeNull();

    // Space again: the next change is written.
    setItem.mockRestore();
    snapshots.record({ setup, shift, readings: [reading()], earlier: new Map() });
    snapshots.flush();
    expect(snapshots.read('plant-t', 'line-t1', EARLY)?.readings).toEqual([reading()]);
  });
});
