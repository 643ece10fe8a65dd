import { describe, expect, it } from 'vitest';
import {
  BOARD_DIGEST_FORMAT,
  definitionsKey,
  DIGEST_MAX_AGE_MS,
  digestDay,
  digestFits,
  foldFromMs,
  restoreBoardIndex,
  type BoardDigestDay,
  type BoardDigestMeta,
} from './board-digest.ts';
import { applyReading, boardFromIndex, boardWindow, buildBoardState, type BoardState } from './board-state.ts';
import { mixedDefs as defs, randomReadings, seeded, testDef } from './testing/board-test-fixtures.ts';
import { boardDefinitions, datesHeld, indexReading, type BoardIndex } from './reading-index.ts';

const plant = { id: 'plant-1', timeZone: 'America/Chicago' };
const now = new Date('2026-03-20T17:00:00Z'); // noon in Chicago, 20 March
const window = boardWindow('2026-03-20');

/** Every date the index holds, as digest days: what the board saves after a build from the readings. */
const digestDays = (index: BoardIndex, plantId: string): BoardDigestDay[] => [...datesHeld(index)].sort().map((date) => digestDay(index, plantId, date));

function comparable(s: BoardState) {
  return {
    month: s.month,
    today: s.today,
    calendar: s.calendar,
    tiles: [...s.tiles.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
    others: [...s.index.others.entries()].map(([k, v]) => [k, v.map((r) => r.id).sort()]).sort(),
  };
}

function metaOf(state: BoardState, over: Partial<BoardDigestMeta> = {}): BoardDigestMeta {
  return {
    plantId: plant.id,
    format: BOARD_DIGEST_FORMAT,
    timeZone: plant.timeZone,
    definitionsKey: definitionsKey(defs),
    from: state.index.window.from,
    superseded: [...state.index.superseded],
    coveredUntilMs: 1_000_000,
    builtAtMs: 1_000_000,
    savedAtMs: 1_000_000,
    ...over,
  };
}

describe('board digest', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'saved in parts as live readings arrive, restored and caught up, equals building from every reading (seed %i)',
    (seed) => {
      const readings = randomReadings(seed);
      const rnd = seeded(seed * 31);
      const a = Math.floor(rnd() * readings.length);
      const b = a + Math.floor(rnd() * (readings.length - a));
      // Built from the first part and saved whole, as after a start from the readings.
      let live = buildBoardState({ plant, defsById: defs, readings: readings.slice(0, a), now });
      const stored = new Map<string, BoardDigestDay>(digestDays(live.index, plant.id).map((d) => [d.date, d]));
      // Live readings of the second part; only the days they touched are written again.
      const dirty = new Set<string>();
      for (const r of readings.slice(a, b)) {
        const update = applyReading(live, r, defs);
        live = update.state;
        for (const d of update.days) dirty.add(d.date);
      }
      for (const date of dirty) stored.set(date, digestDay(live.index, plant.id, date));
      const meta = metaOf(live);
      // Restored, and the third part (written after the save) folded in as the catch-up does.
      const index = restoreBoardIndex(meta, [...stored.values()], defs, window);
      for (const r of readings.slice(b)) indexReading(index, r, defs);
      const restored = boardFromIndex(index, plant, defs, now);
      expect(comparable(restored)).toEqual(comparable(buildBoardState({ plant, defsById: defs, readings, now })));
    },
  );

  it('folding in readings the digest already holds changes nothing (the catch-up margin re-reads some)', () => {
    const readings = randomReadings(21);
    const state = buildBoardState({ plant, defsById: defs, readings, now });
    const index = restoreBoardIndex(metaOf(state), digestDays(state.index, plant.id), defs, window);
    for (const r of readings) expect(indexReading(index, r, defs)).toEqual([]);
    expect(comparable(boardFromIndex(index, plant, defs, now))).toEqual(comparable(state));
  });

  it('keeps a superseded reading out even when it comes again after the restore', () => {
    const readings = randomReadings(4);
    const corrected = readings.find((r) => r.supersedes && r.productionDate >= window.from);
    const original = readings.find((r) => r.id === corrected?.supersedes);
    expect(original).toBeDefined();
    const state = buildBoardState({ plant, defsById: defs, readings, now });
    const index = restoreBoardIndex(metaOf(state), digestDays(state.index, plant.id), defs, window);
    // The server stamps receivedAt on the old reading: its write shows up in the catch-up.
    expect(indexReading(index, { ...(original as (typeof readings)[number]), recordedAt: '2026-03-20T23:00:00Z' }, defs)).toEqual([]);
  });

  it('leaves out days before the window and keeps only what the board reads', () => {
    const readings = randomReadings(8);
    const state = buildBoardState({ plant, defsById: defs, readings, now });
    const days = digestDays(state.index, plant.id);
    const row = JSON.parse(days[0]?.rows ?? '[]') as unknown[][];
    expect(row[0]).toHaveLength(8);
    const later = boardWindow('2026-03-25');
    const index = restoreBoardIndex(metaOf(state), days, defs, later);
    for (const entry of index.kpis.values()) for (const date of entry.days.keys()) expect(date >= later.from).toBe(true);
  });

  describe('fits only when what it was made with still holds', () => {
    const state = buildBoardState({ plant, defsById: defs, readings: randomReadings(3), now });
    const meta = metaOf(state);
    const at = { plantId: plant.id, timeZone: plant.timeZone, defsById: defs, window, nowMs: 2_000_000 };
    it('fits as saved', () => expect(digestFits(meta, at)).toBe(true));
    it.each<[string, Partial<typeof at>, Partial<BoardDigestMeta>]>([
      ['another format', {}, { format: BOARD_DIGEST_FORMAT + 1 }],
      ['another plant', { plantId: 'plant-2' }, {}],
      ['the plant moved time zone', { timeZone: 'Europe/Berlin' }, {}],
      ['a KPI was switched on', { defsById: boardDefinitions([...defs.values(), testDef({ id: 'k9' })], plant.id) }, {}],
      ['the window starts before the digest', { window: boardWindow('2026-03-01') }, { from: '2026-03-02' }],
      ['the clock went back since the save', { nowMs: 999_999 }, {}],
      ['it was last built from the readings more than a week ago', { nowMs: 1_000_000 + DIGEST_MAX_AGE_MS + 1 }, {}],
    ])('not when %s', (_why, atOver, metaOver) => {
      expect(digestFits({ ...meta, ...metaOver }, { ...at, ...atOver })).toBe(false);
    });
    it('a changed threshold does not matter: counts are made again from the readings', () => {
      const stricter = boardDefinitions([...defs.values()].map((d) => ({ ...d, target: d.target + 5 })), plant.id);
      expect(digestFits(meta, { ...at, defsById: stricter })).toBe(true);
    });
    it('folds from a margin before the save', () => expect(foldFromMs(meta)).toBeLessThan(meta.coveredUntilMs));
  });
});
