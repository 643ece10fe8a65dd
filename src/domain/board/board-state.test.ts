import { describe, expect, it } from 'vitest';
import { largePlant, mixedDefs as defs, randomReadings, seeded, testReading } from './testing/board-test-fixtures.ts';
import { applyReading, boardAt, buildBoardState, type BoardState } from './board-state.ts';
import { boardDefinitions } from './reading-index.ts';

const plant = { id: 'plant-1', timeZone: 'America/Chicago' };
const now = new Date('2026-03-20T17:00:00Z'); // noon in Chicago, 20 March

function comparable(s: BoardState) {
  return { month: s.month, today: s.today, calendar: s.calendar, tiles: [...s.tiles.entries()].sort(([a], [b]) => (a < b ? -1 : 1)) };
}

function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

describe('applyReading', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('one by one, in any order, equals computing from scratch (seed %i)', (seed) => {
    const readings = randomReadings(seed);
    const scratch = buildBoardState({ plant, defsById: defs, readings, now });
    let live = buildBoardState({ plant, defsById: defs, readings: [], now });
    for (const r of shuffled(readings, seeded(seed * 7919))) live = applyReading(live, r, defs).state;
    expect(comparable(live)).toEqual(comparable(scratch));
    // The data really exercised the board: some red and some green days, some tiles with values.
    const quality = scratch.calendar.categories.quality;
    expect(quality.redDays).toBeGreaterThan(0);
    expect(quality.greenDays + scratch.calendar.categories.safety.greenDays).toBeGreaterThan(0);
  });

  it('replaces only the touched category and tile, and ignores a re-sent reading', () => {
    const readings = randomReadings(11);
    const state = buildBoardState({ plant, defsById: defs, readings, now });
    const fresh = testReading({ id: 'live-1', kpiId: 'k1', productionDate: '2026-03-20', shiftCode: 'D', value: 10, recordedAt: '2026-03-21T06:00:00Z' });
    const before = { ...state.calendar.categories };
    const beforeTiles = new Map(state.tiles);
    const { state: next, cells, tiles } = applyReading(state, fresh, defs);
    expect(cells).toEqual([{ category: 'quality', date: '2026-03-20' }]);
    expect(tiles).toEqual(['k1']);
    expect(next.calendar.categories.quality.days[19]?.state).toBe('red');
    expect(next.calendar.categories.quality).not.toBe(before.quality);
    for (const c of ['safety', 'delivery', 'cost', 'people'] as const) expect(next.calendar.categories[c]).toBe(before[c]);
    for (const id of ['k0', 'k2', 'k3', 'k4']) expect(next.tiles.get(id)).toBe(beforeTiles.get(id));
    expect(next.tiles.get('k1')).toMatchObject({ value: 10, status: 'red' });
    const again = applyReading(next, fresh, defs);
    expect(again).toEqual({ state: next, cells: [], tiles: [], days: [] });
  });

  it('costs the large plant a constant amount per live reading, not a rebuild', () => {
    const big = largePlant(30, 90, '2026-03-20');
    const bigDefs = boardDefinitions(big.defs, 'plant-1');
    let state = buildBoardState({ plant, defsById: bigDefs, readings: big.readings, now });
    const live = big.readings.slice(-1000).map((r, i) => ({ ...r, id: `${r.id}-fix`, supersedes: r.id, value: i % 2 ? 50 : 95 }));
    const before = process.cpuUsage();
    for (const r of live) state = applyReading(state, r, bigDefs).state;
    const used = process.cpuUsage(before);
    // A thousand corrections: each touches one slot, one cell and one tile (30 days x 3 shifts).
    // Measured here about 0.05 ms each; a rebuild per reading would be 100 times that at least.
    expect((used.user + used.system) / 1000 / live.length).toBeLessThan(1);
    const scratch = buildBoardState({ plant, defsById: bigDefs, readings: [...big.readings, ...live], now });
    expect(comparable(state)).toEqual(comparable(scratch));
  });
});

describe('boardAt', () => {
  it('keeps the state within a day and turns to the new month at local midnight', () => {
    const readings = randomReadings(5);
    const march31 = new Date('2026-03-31T17:00:00Z');
    const state = buildBoardState({ plant, defsById: defs, readings, now: march31 });
    expect(boardAt(state, new Date('2026-04-01T04:59:00Z'), defs)).toBe(state); // 23:59 CDT, still the 31st
    const april = boardAt(state, new Date('2026-04-01T05:00:00Z'), defs);
    expect([april.month, april.today]).toEqual(['2026-04', '2026-04-01']);
    expect(comparable(april)).toEqual(comparable(buildBoardState({ plant, defsById: defs, readings, now: new Date('2026-04-01T05:00:00Z') })));
    expect(() => boardAt(april, march31, defs)).toThrow(RangeError);
  });
});
