import { describe, expect, it } from 'vitest';
import { addProductionDays } from '../shift-calendar.ts';
import type { KpiReading } from '../types.ts';
import { largePlant, seeded, testDef, testReading } from './board-test-fixtures.ts';
import { applyReading, boardAt, buildBoardState, type BoardState } from './board-state.ts';
import { boardDefinitions } from './reading-index.ts';

const plant = { id: 'plant-1', timeZone: 'America/Chicago' };
const now = new Date('2026-03-20T17:00:00Z'); // noon in Chicago, 20 March

function comparable(s: BoardState) {
  return { month: s.month, today: s.today, calendar: s.calendar, tiles: [...s.tiles.entries()].sort(([a], [b]) => (a < b ? -1 : 1)) };
}

/**
 * Random readings for 2 lines x 5 KPIs over 40 days: duplicates (re-sent), two
 * tablets on one shift, corrections (some moved to another shift or day), chains of
 * corrections, another plant's readings, an unknown KPI, and a future date.
 */
function randomReadings(seed: number): KpiReading[] {
  const rnd = seeded(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: KpiReading[] = [];
  for (let i = 0; i < 400; i++) {
    const date = addProductionDays('2026-03-21', -Math.floor(rnd() * 40));
    const base = testReading({
      id: `r${i}`,
      kpiId: pick(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'ghost']),
      plantId: rnd() < 0.05 ? 'plant-2' : 'plant-1',
      lineId: pick(['line-1', 'line-2']),
      shiftCode: pick(['D', 'N']),
      productionDate: date,
      value: Math.round(70 + rnd() * 30),
      recordedAt: new Date(Date.parse(`${date}T12:00:00Z`) + Math.floor(rnd() * 36e6)).toISOString(),
      clockOffsetMs: Math.floor(rnd() * 2000) - 1000,
    });
    out.push(base);
    const prior = out[Math.floor(rnd() * out.length)] as KpiReading;
    const roll = rnd();
    if (roll < 0.1) out.push({ ...prior }); // re-sent
    else if (roll < 0.3) out.push({ ...prior, id: `${prior.id}-c${i}`, supersedes: prior.id, value: Math.round(70 + rnd() * 30) });
    else if (roll < 0.35) out.push({ ...prior, id: `${prior.id}-m${i}`, supersedes: prior.id, shiftCode: prior.shiftCode === 'D' ? 'N' : 'D' });
    else if (roll < 0.38) out.push({ ...prior, id: `${prior.id}-d${i}`, supersedes: prior.id, productionDate: addProductionDays(prior.productionDate, 1) });
    else if (roll < 0.45) out.push({ ...prior, id: `${prior.id}-t${i}`, value: Math.round(70 + rnd() * 30), recordedAt: new Date(Date.parse(prior.recordedAt) + 60_000).toISOString() });
  }
  return out;
}

const defs = boardDefinitions(
  [
    testDef({ id: 'k0', category: 'safety', frequency: 'daily' }),
    testDef({ id: 'k1', category: 'quality' }),
    testDef({ id: 'k2', category: 'delivery', direction: 'lower_is_better', target: 80, amberThreshold: 90, redThreshold: 95 }),
    testDef({ id: 'k3', category: 'cost' }),
    testDef({ id: 'k4', category: 'people', lineId: 'line-2' }),
    testDef({ id: 'k5', category: 'quality', active: false }),
  ],
  'plant-1',
);

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
    expect(again).toEqual({ state: next, cells: [], tiles: [] });
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
